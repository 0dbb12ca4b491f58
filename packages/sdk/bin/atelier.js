#!/usr/bin/env node
// The `atelier` command (packages/sdk/src/cli/main.ts, built to dist/cjs).
require('../dist/cjs/cli/main.js').main(require('../package.json').version);
