// Which client archive on the mirror fits the runner. The mirror names them by OS and CPU; the plain
// linux archive is the x86-64 one, and the rhel8/rhel9 variants are skipped on purpose: the plain one
// is built for the older glibc and so runs on every Ubuntu runner.
import { UserError } from '../util/errors.js'

export interface ClientArchive {
  /** Generic file name, as in the channel directories: openshift-client-linux-arm64.tar.gz */
  generic: string
  /** File name in a version directory, the key in its sha256sum.txt: openshift-client-linux-arm64-4.16.3.tar.gz */
  versioned(version: string): string
  kind: 'tar.gz' | 'zip'
  /** The one member to take out of the archive. */
  executable: 'oc' | 'oc.exe'
}

// Keyed by Node's process.platform/process.arch; ppc64 is what Node calls ppc64le.
const STEMS: Record<string, Record<string, string>> = {
  linux: {
    x64: 'openshift-client-linux',
    arm64: 'openshift-client-linux-arm64',
    ppc64: 'openshift-client-linux-ppc64le',
    s390x: 'openshift-client-linux-s390x'
  },
  darwin: { x64: 'openshift-client-mac', arm64: 'openshift-client-mac-arm64' },
  win32: { x64: 'openshift-client-windows' }
}

const SUPPORTED = 'Linux on x64, arm64, ppc64le or s390x, macOS on x64 or arm64, and Windows on x64'

export function clientArchive(os: NodeJS.Platform | string, arch: string): ClientArchive {
  const stem = STEMS[os]?.[arch]
  if (!stem) {
    throw new UserError(
      `The OpenShift mirror has no oc client for ${os} on ${arch} (it has ${SUPPORTED}). ` +
        'Run the job on one of those, or set oc-version: none to skip installing oc.'
    )
  }
  const kind = os === 'win32' ? 'zip' : 'tar.gz'
  return {
    generic: `${stem}.${kind}`,
    versioned: version => `${stem}-${version}.${kind}`,
    kind,
    executable: os === 'win32' ? 'oc.exe' : 'oc'
  }
}
