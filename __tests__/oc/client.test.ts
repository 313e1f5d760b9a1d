import { parseClientVersion } from '../../src/oc/client.js'

describe('parseClientVersion', () => {
  test.each([
    ['Client Version: 4.16.3\nKustomize Version: v5.0.4-0.20230601165947-6ce0bf390ce3\n', '4.16.3'],
    ['Client Version: 4.17.0-rc.3\n', '4.17.0-rc.3'],
    ['Client Version: v4.16.3\r\n', '4.16.3'],
    ['Client Version: 4.5.0-202005291417-9933eb9\n', '4.5.0-202005291417-9933eb9'],
    [
      'Client Version: version.Info{Major:"4", Minor:"1+", GitVersion:"v4.1.0+b4261e0-476-dirty", GitCommit:"b4261e07ed"}\n',
      '4.1.0+b4261e0-476-dirty'
    ],
    ['Client Version: version.Info{Major:"4"}\n', undefined],
    ['Kustomize Version: v5.0.4\n', undefined],
    ['', undefined]
  ])('%#: %p', (output, expected) => {
    expect(parseClientVersion(output)).toBe(expected)
  })
})
