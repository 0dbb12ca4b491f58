'use strict';
// Lets a benchmark require packages/domain and packages/ml straight from their TypeScript sources
// (no build step between an edit and a measurement): .ts compiled on require by @swc/core, and
// @atelier/<pkg>[/<sub>] resolved to packages/<pkg>/src[/<sub>].
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const ROOT = path.resolve(__dirname, '..');
const rootRequire = Module.createRequire(path.join(ROOT, 'package.json'));

function hookTypeScript() {
  const swc = rootRequire('@swc/core');
  require.extensions['.ts'] = (module, filename) => {
    const out = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
      filename,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    module._compile(out.code, filename);
  };
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    const match = /^@atelier\/(domain|ml)(?:\/(.*))?$/.exec(request);
    if (match) request = path.join(ROOT, 'packages', match[1], 'src', match[2] ?? 'index');
    return resolve.call(this, request, parent, ...rest);
  };
}

module.exports = { hookTypeScript };
