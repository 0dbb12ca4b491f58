// Integration tests: the real PostgreSQL and Redis, one database and one Redis prefix per file.
module.exports = require('../../jest.preset.js')({
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm|@nestjs)/)'],
  testTimeout: 60_000,
});
