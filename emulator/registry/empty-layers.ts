// The two "empty" blobs the real registry treats as public: when one is in its storage at all, every
// repository has it (HEAD/GET, a mount, a manifest that uses it), without a link of its own and
// without an image of the stream using it. They are the sha256 of no bytes at all, and of the
// gzipped empty tar archive that schema 1 manifests use for layers without content. The emulator
// stores both at start in a repository no client can name, and serves or links them from there.

/** The gzipped empty tar archive: 1024 zero bytes of tar end marker, gzipped as distribution does it. */
const GZIPPED_EMPTY_TAR = Buffer.from([
  31, 139, 8, 0, 0, 9, 110, 136, 0, 255, 98, 24, 5, 163, 96, 20, 140, 88, 0, 8, 0, 0, 255, 255, 46, 175, 181,
  239, 0, 4, 0, 0
])

export const EMPTY_BLOBS: ReadonlyMap<string, Buffer> = new Map([
  ['sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', Buffer.alloc(0)],
  ['sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4', GZIPPED_EMPTY_TAR]
])

/**
 * The backend repository holding them. Its project name has an underscore, which no OpenShift
 * project (a DNS label) can have, so no client's repository is ever this one.
 */
export const EMPTY_BLOBS_REPO = 'emulator_internal/empty-layers'

export function isEmptyBlob(digest: string): boolean {
  return EMPTY_BLOBS.has(digest)
}

/** Stores both blobs in the backend registry (a session, then its completion with the bytes). */
export async function seedEmptyBlobs(backendUrl: string): Promise<void> {
  for (const [digest, data] of EMPTY_BLOBS) {
    const start = await fetch(`${backendUrl}/v2/${EMPTY_BLOBS_REPO}/blobs/uploads/`, { method: 'POST' })
    const location = new URL(start.headers.get('location') ?? '', backendUrl)
    location.searchParams.set('digest', digest)
    const done = start.status === 202 ? await fetch(location, { method: 'PUT', body: data }) : start
    if (done.status !== 201) {
      throw new Error(
        `storing the empty blob ${digest} in the registry failed: ${done.status} ${await done.text()}`
      )
    }
  }
}
