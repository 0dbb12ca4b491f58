// Nest 12 ships ES modules only; jest (on Node 20) cannot require() them, so @nestjs/* is
// compiled to CommonJS by the same swc transform as our sources.
module.exports = require('../../jest.preset.js')({
  rootDir: __dirname,
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm|@nestjs)/)'],
});
