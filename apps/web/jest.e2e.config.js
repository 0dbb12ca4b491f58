// End-to-end: the built web app in Chromium against the whole stack (tests/harness startStack),
// or against an already running web app when E2E_WEB_URL is set.
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset({
    rootDir: __dirname,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
    moduleNameMapper: {
      ...preset({ rootDir: __dirname }).moduleNameMapper,
      '^@/(.*)$': '<rootDir>/$1',
    },
  }),
  testTimeout: 600_000,
};
