module.exports = require('../../jest.preset.js')({
  rootDir: __dirname,
  // Sources import siblings as './x.js' (what ESM needs at run time); jest resolves them to the .ts.
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^@atelier/(domain|ml|db|client)$': '<rootDir>/../$1/src/index.ts',
    '^@atelier/(domain|ml|db|client)/(.*)$': '<rootDir>/../$1/src/$2',
  },
});
