// Unit tests beside the code, in lib/, app/, each feature folder of components/ and proxy.ts: pure logic in node, components in jsdom (files ending .spec.tsx).
const preset = require('../../jest.preset.js');

// The preset sets reporters, which jest only accepts at the root: strip it from each project.
const project = (options) => {
  const config = preset(options);
  delete config.reporters;
  return config;
};

// react-markdown and the unified packages behind it ship only ES modules: let swc compile them
// (to CommonJS, like the tests) instead of leaving node_modules untouched.
const ESM_PACKAGES = [
  '@ungap/structured-clone',
  'bail',
  'ccount',
  'character-[^/]+',
  'comma-separated-tokens',
  'decode-named-character-reference',
  'devlop',
  'escape-string-regexp',
  'estree-util-[^/]+',
  'hast-util-[^/]+',
  'html-url-attributes',
  'is-(?:alphabetical|alphanumerical|decimal|hexadecimal|plain-obj)',
  'longest-streak',
  'markdown-table',
  'mdast-util-[^/]+',
  'micromark(?:-[^/]+)?',
  'parse-entities',
  'property-information',
  'react-markdown',
  'rehype-[^/]+',
  'remark-[^/]+',
  'space-separated-tokens',
  'stringify-entities',
  'trim-lines',
  'trough',
  'unified',
  'unist-util-[^/]+',
  'vfile(?:-message)?',
  'zwitch',
];
const shared = {
  rootDir: __dirname,
  // a node_modules folder is left alone unless it is pnpm's store or one of the packages above
  transformIgnorePatterns: [`/node_modules/(?!\\.pnpm/)(?!(?:${ESM_PACKAGES.join('|')})/)`],
  // the first pattern that matches wins: a stylesheet imported as '@/….module.css' is still mocked
  moduleNameMapper: {
    '\\.(css)$': '<rootDir>/test/style-mock.js',
    '^@/(.*)$': '<rootDir>/$1',
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
      // proxy.ts (route protection) sits at the root, where Next looks for it
      testMatch: ['<rootDir>/{lib,app,components}/**/*.spec.ts', '<rootDir>/proxy.spec.ts'],
      moduleNameMapper: { ...presetMappers, ...shared.moduleNameMapper },
    }),
    project({
      ...shared,
      displayName: 'components',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/{lib,app,components}/**/*.spec.tsx'],
      setupFiles: ['<rootDir>/test/jsdom-setup.js'],
      moduleNameMapper: { ...presetMappers, ...shared.moduleNameMapper },
    }),
  ],
};
