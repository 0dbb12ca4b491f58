module.exports = require('../jest.preset.js')({
  rootDir: __dirname,
  testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
  testTimeout: 300_000,
});
