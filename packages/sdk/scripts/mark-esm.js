// The ESM build's .js files are ES modules: this package.json beside them tells Node so,
// while the CommonJS build (dist/cjs) keeps the package's default type.
const fs = require('node:fs');
const path = require('node:path');

fs.writeFileSync(path.join(__dirname, '..', 'dist', 'esm', 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
