// A throw-away CA and a server certificate for 127.0.0.1 and localhost, made with the openssl CLI
// (Node can make keys but not certificates). Go clients such as kubectl insist on a SAN. The API and
// the registry gateway serve the same certificate.
//
// Only the CA certificate sits at the top of the directory; the keys, the server certificate and the
// serial live in tls/. So the directory holding `ca.crt` can be handed to clients that read a whole
// directory of trust (skopeo's and podman's --cert-dir, Docker's certs.d), which would take any other
// *.crt for a CA and refuse a *.key without its *.cert.
import { execFile } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface Certificates {
  caFile: string
  cert: string
  key: string
  ca: string
}

async function openssl(args: string[], cwd: string): Promise<void> {
  try {
    await run('openssl', args, { cwd })
  } catch (e) {
    const err = e as { stderr?: string; message: string }
    throw new Error(`openssl ${args[0]} failed: ${err.stderr || err.message}`)
  }
}

/** `hostNames` are extra DNS names the server certificate is valid for, besides 127.0.0.1 and localhost. */
export async function makeCertificates(dir: string, hostNames: string[] = []): Promise<Certificates> {
  await mkdir(join(dir, 'tls'), { recursive: true })
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  await openssl(
    [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'tls/ca.key',
      '-out',
      'ca.crt',
      '-days',
      '30',
      '-subj',
      '/CN=rahti-emulator-ca',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign'
    ],
    dir
  )
  await openssl(
    ['req', '-new', ...ec, '-keyout', 'tls/server.key', '-out', 'tls/server.csr', '-subj', '/CN=127.0.0.1'],
    dir
  )
  await writeFile(
    join(dir, 'tls', 'server.ext'),
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      `subjectAltName=${['IP:127.0.0.1', 'DNS:localhost', ...hostNames.map(n => `DNS:${n}`)].join(',')}`
    ].join('\n') + '\n'
  )
  await openssl(
    [
      'x509',
      '-req',
      '-in',
      'tls/server.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'tls/ca.key',
      '-CAserial',
      'tls/ca.srl',
      '-CAcreateserial',
      '-out',
      'tls/server.crt',
      '-days',
      '30',
      '-extfile',
      'tls/server.ext'
    ],
    dir
  )
  const [cert, key, ca] = await Promise.all(
    ['tls/server.crt', 'tls/server.key', 'ca.crt'].map(f => readFile(join(dir, f), 'utf8'))
  )
  return { caFile: join(dir, 'ca.crt'), cert, key, ca }
}
