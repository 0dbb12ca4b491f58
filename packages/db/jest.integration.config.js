// Integration tests: real PostgreSQL (DATABASE_URL's server, default 127.0.0.1:5432) and Redis.
// Each test file creates its own databases and drops them.
module.exports = require('../../jest.preset.js')({
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
  testTimeout: 60_000,
});
