import { mirrorUrl, parseReleaseName, parseSha256Sums, versionFromSha256Sums } from '../../src/oc/mirror.js'
import { recorded } from '../fixtures/recorded.js'

const A = 'a'.repeat(64)
const B = 'B'.repeat(64)
const C = 'c'.repeat(64)

describe('parseSha256Sums', () => {
  test.each([
    [
      'two spaces, as sha256sum prints',
      `${A}  openshift-client-linux-4.16.3.tar.gz\n`,
      'openshift-client-linux-4.16.3.tar.gz',
      A
    ],
    ['binary-mode star', `${A} *openshift-client-mac-4.16.3.tar.gz`, 'openshift-client-mac-4.16.3.tar.gz', A],
    [
      'upper-case hex is lowered',
      `${B}  openshift-client-windows-4.16.3.zip\r\n`,
      'openshift-client-windows-4.16.3.zip',
      'b'.repeat(64)
    ],
    ['a ./ prefix is dropped', `${C}  ./release.txt`, 'release.txt', C],
    ['trailing blanks are ignored', `${C}  sha256sum.txt.gpg   `, 'sha256sum.txt.gpg', C]
  ])('%s', (_name, text, file, hex) => {
    expect(parseSha256Sums(text).get(file)).toBe(hex)
  })

  test('reads a whole list and skips lines that are not checksums', () => {
    const text = [
      `${A}  openshift-client-linux-4.16.3.tar.gz`,
      `${B}  openshift-client-linux-arm64-4.16.3.tar.gz`,
      '',
      '# a comment',
      'deadbeef  too-short.tar.gz',
      `${C}  openshift-install-linux-4.16.3.tar.gz`
    ].join('\n')
    const sums = parseSha256Sums(text)
    expect([...sums.keys()]).toEqual([
      'openshift-client-linux-4.16.3.tar.gz',
      'openshift-client-linux-arm64-4.16.3.tar.gz',
      'openshift-install-linux-4.16.3.tar.gz'
    ])
  })
})

describe("the mirror's files (fixtures/recorded/mirror, in the mirror's layout)", () => {
  test("sha256sum.txt: every file's checksum, and the version its client archives name", () => {
    const sums = parseSha256Sums(recorded('mirror/sha256sum.txt'))
    expect(sums.size).toBe(6)
    expect(sums.get('openshift-client-linux-arm64-4.16.3.tar.gz')).toMatch(/^[0-9a-f]{64}$/)
    expect(versionFromSha256Sums(sums)).toBe('4.16.3')
  })

  test('release.txt: the Name line', () => {
    expect(parseReleaseName(recorded('mirror/release.txt'))).toBe('4.16.3')
  })
})

describe('parseReleaseName', () => {
  const release = (name: string): string =>
    `Client tools for OpenShift\n--------------------------\n\nName:      ${name}\nDigest:    sha256:0123\nCreated:   2024-07-10T10:29:34Z\n\nPull From: quay.io/openshift-release-dev/ocp-release@sha256:0123\n`
  test.each([
    [release('4.16.3'), '4.16.3'],
    [release('4.17.0-rc.3'), '4.17.0-rc.3'],
    ['Name:\t4.15.9\r\n', '4.15.9'],
    [release('not-a-version'), undefined],
    ['Digest: sha256:0123\n', undefined],
    ['  Name:      4.16.3', undefined],
    ['', undefined]
  ])('%#: %p', (text, expected) => {
    expect(parseReleaseName(text)).toBe(expected)
  })
})

describe('versionFromSha256Sums', () => {
  const sums = (...names: string[]): Map<string, string> => new Map(names.map(n => [n, A]))
  test.each([
    [
      sums(
        'openshift-client-linux-4.16.3.tar.gz',
        'openshift-client-linux-arm64-4.16.3.tar.gz',
        'release.txt'
      ),
      '4.16.3'
    ],
    [
      sums('openshift-client-linux-amd64-rhel9-4.16.3.tar.gz', 'openshift-client-windows-4.16.3.zip'),
      '4.16.3'
    ],
    [
      sums('openshift-client-linux-4.17.0-rc.3.tar.gz', 'openshift-client-mac-arm64-4.17.0-rc.3.tar.gz'),
      '4.17.0-rc.3'
    ],
    [sums('openshift-client-linux.tar.gz', 'release.txt'), undefined],
    [sums('openshift-client-linux-4.16.3.tar.gz', 'openshift-client-linux-4.16.2.tar.gz'), undefined],
    [sums(), undefined]
  ])('%#', (list, expected) => {
    expect(versionFromSha256Sums(list)).toBe(expected)
  })
})

test('mirrorUrl joins base, directory and file', () => {
  expect(mirrorUrl('https://m.example/ocp', '4.16.3', 'sha256sum.txt')).toBe(
    'https://m.example/ocp/4.16.3/sha256sum.txt'
  )
})
