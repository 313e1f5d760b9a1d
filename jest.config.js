// Two projects: fast unit tests of pure logic, and end-to-end tests that start real processes
// (the emulator, the docker-registry binary, the Docker engine). ESM throughout, via ts-jest.
const esm = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.all.json' }] },
  testEnvironment: 'node'
}

// The Docker cases that run a second time, on Docker 26 with the containerd image store (the default store of
// fresh installs since Docker 29): each file gets an engine of its own there (test/e2e/harness/suite.ts).
// Chosen for what differs on that store (image IDs that are index digests, BuildKit's attestation manifests,
// containerd's HEAD before each manifest PUT, its own token fetch) at a bounded cost in CI time; containerd-store
// cases that have no classic counterpart live in containerd-store.test.ts.
const containerdStore = [
  'test/e2e/push.test.ts',
  'test/e2e/docker-layers.test.ts',
  'test/e2e/versions.test.ts',
  'test/e2e/proof/integrity.test.ts',
  'test/e2e/proof/concurrency.test.ts',
  'test/e2e/proof/same-engine.test.ts',
  'test/e2e/containerd-store.test.ts'
]

export default {
  projects: [
    { ...esm, displayName: 'unit', testMatch: ['<rootDir>/__tests__/**/*.test.ts'] },
    {
      ...esm,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/containerd-store.test.ts'],
      slowTestThreshold: 60
    },
    {
      ...esm,
      displayName: 'e2e-containerd',
      testMatch: containerdStore.map(f => `<rootDir>/${f}`),
      globals: { RAHTI_E2E_DOCKER_STORE: 'containerd' },
      slowTestThreshold: 60
    }
  ]
}
