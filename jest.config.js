// Three projects: `unit` needs nothing, `cluster` runs against the embedded cluster
// (brought up once per run by test/cluster/global-setup.ts), `e2e` drives the built CLI in tmux.
const tsJest = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
};
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: tsJest,
  testEnvironment: 'node',
};

export default {
  // Cluster tests share one cluster, and some restart it (etcd restore): one test file at a time.
  maxWorkers: 1,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'cluster',
      testMatch: ['<rootDir>/test/cluster/**/*.test.ts'],
      globalSetup: '<rootDir>/test/cluster/global-setup.js',
      globalTeardown: '<rootDir>/test/cluster/global-teardown.js',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/cluster/global-setup.js',
      globalTeardown: '<rootDir>/test/cluster/global-teardown.js',
    },
  ],
};
