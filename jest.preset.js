// Shared jest setup: TypeScript through @swc/jest, workspace packages resolved to their
// sources so unit tests never depend on a previous build.
const path = require('node:path');

module.exports = function preset({ rootDir, testMatch, ...rest }) {
  const packagesDir = path.join(__dirname, 'packages');
  return {
    rootDir,
    testEnvironment: 'node',
    testMatch: testMatch ?? ['<rootDir>/src/**/*.spec.ts'],
    transform: {
      '^.+\\.(t|j)sx?$': [
        '@swc/jest',
        {
          jsc: {
            parser: { syntax: 'typescript', tsx: true, decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
            target: 'es2022',
          },
          module: { type: 'commonjs' },
        },
      ],
    },
    moduleNameMapper: {
      '^@atelier/(domain|ml|db|client)$': `${packagesDir}/$1/src/index.ts`,
      '^@atelier/(domain|ml|db|client)/(.*)$': `${packagesDir}/$1/src/$2`,
    },
    // Generous: the test command runs several packages' suites at once on a 2-core machine.
    testTimeout: 30_000,
    reporters: ['default', path.join(__dirname, 'scripts/jest-results-reporter.js')],
    ...rest,
  };
};
