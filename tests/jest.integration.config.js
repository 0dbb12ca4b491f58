module.exports = require('../jest.preset.js')({
  rootDir: __dirname,
  testMatch: ['<rootDir>/integration/**/*.int-spec.ts'],
  testTimeout: 240_000,
});
