import { clientArchive } from '../../src/oc/platform.js'

describe('clientArchive', () => {
  test.each([
    ['linux', 'x64', 'openshift-client-linux.tar.gz', 'openshift-client-linux-4.16.3.tar.gz', 'oc'],
    [
      'linux',
      'arm64',
      'openshift-client-linux-arm64.tar.gz',
      'openshift-client-linux-arm64-4.16.3.tar.gz',
      'oc'
    ],
    [
      'linux',
      'ppc64',
      'openshift-client-linux-ppc64le.tar.gz',
      'openshift-client-linux-ppc64le-4.16.3.tar.gz',
      'oc'
    ],
    [
      'linux',
      's390x',
      'openshift-client-linux-s390x.tar.gz',
      'openshift-client-linux-s390x-4.16.3.tar.gz',
      'oc'
    ],
    ['darwin', 'x64', 'openshift-client-mac.tar.gz', 'openshift-client-mac-4.16.3.tar.gz', 'oc'],
    [
      'darwin',
      'arm64',
      'openshift-client-mac-arm64.tar.gz',
      'openshift-client-mac-arm64-4.16.3.tar.gz',
      'oc'
    ],
    ['win32', 'x64', 'openshift-client-windows.zip', 'openshift-client-windows-4.16.3.zip', 'oc.exe']
  ])('%s/%s gets %s', (os, arch, generic, versioned, executable) => {
    const archive = clientArchive(os, arch)
    expect(archive.generic).toBe(generic)
    expect(archive.versioned('4.16.3')).toBe(versioned)
    expect(archive.executable).toBe(executable)
    expect(archive.kind).toBe(os === 'win32' ? 'zip' : 'tar.gz')
  })

  test.each([
    ['linux', 'ia32'],
    ['linux', 'arm'],
    ['linux', 'riscv64'],
    ['win32', 'arm64'],
    ['freebsd', 'x64'],
    ['aix', 'ppc64']
  ])('%s/%s is refused clearly', (os, arch) => {
    expect(() => clientArchive(os, arch)).toThrow(
      new RegExp(`no oc client for ${os} on ${arch} .*Linux on x64, arm64.*oc-version: none`)
    )
  })
})
