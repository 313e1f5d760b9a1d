// An archive or OCI layout given as the source, checked as the file or directory it is before skopeo reads it,
// so that each mistake is said in the action's words (a directory given as an archive, a layout of several images
// with none named, with the names it holds), and handed to skopeo as the ordinary path it is: skopeo's reference
// syntax splits `docker-archive:PATH` at the path's first colon, so it is given the file's own name and run in
// its directory.
import { open, readFile, stat } from 'node:fs/promises'
import path from 'node:path'

import { UserError } from '../util/errors.js'
import { parseTarHeader } from '../util/tar.js'

export type ArchiveTransport = 'docker-archive' | 'oci-archive' | 'oci'

/** How skopeo is to read an archive or layout: a reference relative to `cwd`. */
export interface LocalTransport {
  transportRef: string
  cwd: string
}

/**
 * The reference for skopeo, or undefined when the path does not exist (the caller says the source is missing).
 * `name` is what followed the path (`oci:DIR:NAME`), if anything.
 */
export async function archiveReference(
  transport: ArchiveTransport,
  given: string,
  name: string | undefined,
  reference: string
): Promise<LocalTransport | undefined> {
  const full = path.resolve(given)
  const found = await stat(full).catch(() => undefined)
  if (!found) return undefined
  const layout = transport === 'oci'
  if (layout && !found.isDirectory()) {
    throw new UserError(
      `Input 'source': ${given} is a file, not an OCI layout directory. For an archive give 'oci-archive:${given}' (an OCI tar) or 'docker-archive:${given}' (what \`docker save\` writes).`
    )
  }
  if (!layout && found.isDirectory()) {
    throw new UserError(
      `Input 'source': ${given} is a directory, not an archive file. Give the archive's file (what \`docker save -o FILE\` or a build's \`type=oci,dest=FILE\` wrote), or 'oci:${given}' if the directory is an OCI layout.`
    )
  }
  const base = path.basename(full)
  if (base.includes(':')) {
    throw new UserError(
      `Input 'source': the file name ${base} has a colon, which skopeo's references cannot carry (a colon in a directory's name is fine). Rename the file.`
    )
  }
  if (transport !== 'docker-archive' && !name) await checkOneImage(transport, full, given, reference)
  return { transportRef: `${transport}:${base}${name ? `:${name}` : ''}`, cwd: path.dirname(full) }
}

interface OciIndex {
  manifests?: { annotations?: Record<string, string> }[]
}

/** An OCI layout or archive of several images names none when no name is given: say which names it holds. */
async function checkOneImage(
  transport: 'oci' | 'oci-archive',
  full: string,
  given: string,
  reference: string
): Promise<void> {
  const bytes =
    transport === 'oci'
      ? await readFile(path.join(full, 'index.json')).catch(() => undefined)
      : await tarMember(full, 'index.json')
  if (!bytes) return // not a layout at all: skopeo's reading says what it is
  let index: OciIndex
  try {
    index = JSON.parse(bytes.toString('utf8')) as OciIndex
  } catch {
    return
  }
  const manifests = index.manifests ?? []
  if (manifests.length <= 1) return
  const names = manifests
    .map(m => m.annotations?.['org.opencontainers.image.ref.name'])
    .filter((n): n is string => !!n)
  const unnamed = manifests.length - names.length
  const listed = names.length ? `the names ${names.join(', ')}` : 'no names'
  throw new UserError(
    `Input 'source': ${given} holds ${manifests.length} images (${listed}${names.length && unnamed ? `, and ${unnamed} without a name` : ''}), and ${reference} names none. ${
      names.length
        ? `Add the name to push, e.g. '${transport}:${given}:${names[0]}'.`
        : 'Write the archive again with one image, or with names.'
    }`
  )
}

/** One member of a tar file, read by its headers (without reading the whole archive), or undefined. */
export async function tarMember(file: string, member: string): Promise<Buffer | undefined> {
  const handle = await open(file, 'r').catch(() => undefined)
  if (!handle) return undefined
  try {
    const header = Buffer.alloc(512)
    for (let offset = 0; ;) {
      const { bytesRead } = await handle.read(header, 0, 512, offset)
      if (bytesRead < 512) return undefined
      const parsed = parseTarHeader(header)
      if (!parsed) return undefined
      const { name: full, size } = parsed
      if (full === member) {
        if (size > 16 * 1024 * 1024) return undefined
        const body = Buffer.alloc(size)
        await handle.read(body, 0, size, offset + 512)
        return body
      }
      offset += 512 + Math.ceil(size / 512) * 512
    }
  } finally {
    await handle.close()
  }
}
