// Integration tests: the real PostgreSQL and Redis, one database and one Redis prefix per file.
// openapi-typescript's CommonJS build (the client schema's drift check) still requires a few
// packages that ship only ES modules: swc compiles those to CommonJS too, like @nestjs/*.
const ESM_PACKAGES = ['@nestjs', 'change-case', 'index-to-position', 'parse-json', 'supports-color'];
module.exports = require('../../jest.preset.js')({
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
  transformIgnorePatterns: [`/node_modules/(?!(\\.pnpm|${ESM_PACKAGES.join('|')})/)`],
  testTimeout: 60_000,
});
