// Integration tests: real PostgreSQL and Redis (see ../../../shared/ENVIRONMENT.md); each test
// file creates its own database and Redis prefix and drops them afterwards.
module.exports = require('../../jest.preset.js')({
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
  testTimeout: 180_000,
});
