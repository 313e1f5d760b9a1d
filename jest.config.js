// Two projects: fast unit tests of pure logic, and end-to-end tests that start real processes
// (the emulator, the docker-registry binary, the Docker engine). ESM throughout, via ts-jest.
const esm = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.all.json' }] },
  testEnvironment: 'node'
}

export default {
  projects: [
    { ...esm, displayName: 'unit', testMatch: ['<rootDir>/__tests__/**/*.test.ts'] },
    {
      ...esm,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      slowTestThreshold: 60
    }
  ]
}
