// Unit tests beside the code: pure logic in node, components in jsdom (files ending .spec.tsx).
const preset = require('../../jest.preset.js');

// The preset sets reporters, which jest only accepts at the root: strip it from each project.
const project = (options) => {
  const { reporters: _reporters, ...config } = preset(options);
  return config;
};

const shared = {
  rootDir: __dirname,
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/$1',
    '\\.(css)$': '<rootDir>/test/style-mock.js',
  },
};
const base = preset({ rootDir: __dirname });
const presetMappers = base.moduleNameMapper;

module.exports = {
  reporters: base.reporters,
  testTimeout: base.testTimeout,
  projects: [
    project({
      ...shared,
      displayName: 'logic',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/{lib,hooks,app}/**/*.spec.ts'],
      moduleNameMapper: { ...presetMappers, ...shared.moduleNameMapper },
    }),
    project({
      ...shared,
      displayName: 'components',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/{components,app,hooks}/**/*.spec.tsx'],
      setupFiles: ['<rootDir>/test/jsdom-setup.js'],
      moduleNameMapper: { ...presetMappers, ...shared.moduleNameMapper },
    }),
  ],
};
