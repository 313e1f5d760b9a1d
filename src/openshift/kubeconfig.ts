// A kubeconfig of the action's own, so that later steps can run `oc rollout ...` as the same service
// account. It lives in a fresh directory under RUNNER_TEMP, never in ~/.kube/config: two jobs on one
// self-hosted runner must not share or overwrite each other's credentials, and the post step deletes it.
import fs from 'node:fs'
import path from 'node:path'

import * as core from '../util/actions.js'
import { messageOf, UserError } from '../util/errors.js'
import { runnerTemp } from '../util/job-dir.js'

export interface KubeconfigSpec {
  server: string
  token: string
  namespace: string
  user: string
  caPem?: string
  insecureSkipTlsVerify: boolean
}

const DIR_PREFIX = 'rahti-push-kube-'
const FILE_NAME = 'config'

/** The name `oc login` gives a cluster: host and port with dots as dashes (api-2-rahti-csc-fi:6443). */
export function clusterName(server: string): string {
  const url = new URL(server)
  const port = url.port || (url.protocol === 'http:' ? '80' : '443')
  return `${url.hostname.replace(/\./g, '-')}:${port}`
}

// Every value is written as a JSON string, which is also a valid YAML double-quoted scalar: no value
// (a namespace, a user name with a colon, a token) can break the document's structure.
const q = (value: string): string => JSON.stringify(value)

/** The kubeconfig text. Exported for tests; the token is in it, so it is never logged. */
export function renderKubeconfig(spec: KubeconfigSpec): string {
  let server: URL
  try {
    server = new URL(spec.server)
  } catch {
    throw new UserError(`Cannot write a kubeconfig: the server "${spec.server}" is not a URL.`)
  }
  const token = spec.token.trim()
  if (!token) throw new UserError('Cannot write a kubeconfig without a token.')
  const cluster = clusterName(server.href)
  const user = `${spec.user.trim() || 'rahti-push'}/${cluster}`
  const namespace = spec.namespace.trim()
  const context = `${namespace || 'default'}/${cluster}/${spec.user.trim() || 'rahti-push'}`

  const clusterLines = [`      server: ${q(spec.server.replace(/\/+$/, ''))}`]
  if (spec.insecureSkipTlsVerify) {
    // kubectl refuses a CA together with insecure-skip-tls-verify, so the CA is left out.
    clusterLines.push('      insecure-skip-tls-verify: true')
  } else if (spec.caPem?.trim()) {
    const pem = spec.caPem.trim()
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
      throw new UserError(
        'Cannot write a kubeconfig: the CA is not a PEM certificate (-----BEGIN CERTIFICATE-----).'
      )
    }
    const data = Buffer.from(`${pem.replace(/\r\n/g, '\n')}\n`, 'utf8').toString('base64')
    clusterLines.push(`      certificate-authority-data: ${q(data)}`)
  }
  const contextLines = [`      cluster: ${q(cluster)}`, `      user: ${q(user)}`]
  if (namespace) contextLines.push(`      namespace: ${q(namespace)}`)

  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `  - name: ${q(cluster)}`,
    '    cluster:',
    ...clusterLines,
    'users:',
    `  - name: ${q(user)}`,
    '    user:',
    `      token: ${q(token)}`,
    'contexts:',
    `  - name: ${q(context)}`,
    '    context:',
    ...contextLines,
    `current-context: ${q(context)}`,
    'preferences: {}',
    ''
  ].join('\n')
}

/** Writes the kubeconfig (mode 0600, in a new 0700 directory under `parent`) and returns its path. */
export async function writeKubeconfig(spec: KubeconfigSpec, parent: string = runnerTemp()): Promise<string> {
  core.setSecret(spec.token.trim())
  const text = renderKubeconfig(spec)
  // mkdtemp makes the directory 0700 with a name no other job can have picked. Synchronous calls: three small
  // ones on the step's path after the push, where each await of the thread pool cost more than the call itself.
  const dir = fs.mkdtempSync(path.join(parent, DIR_PREFIX))
  const file = path.join(dir, FILE_NAME)
  fs.writeFileSync(file, text, { mode: 0o600, flag: 'wx' })
  fs.chmodSync(file, 0o600) // in case the umask had its way with the mode
  core.debug(`Wrote the kubeconfig ${file}`)
  return file
}

/**
 * Deletes the kubeconfig and the directory made for it; a file already gone is fine. Synchronous calls, as the post
 * step does nothing else meanwhile: fs/promises costs the post step some 2 ms to load for one file and one
 * directory, ten times the work itself.
 */
export async function removeKubeconfig(file: string): Promise<void> {
  fs.rmSync(file, { force: true })
  const dir = path.dirname(file)
  if (path.basename(dir).startsWith(DIR_PREFIX)) {
    try {
      fs.rmdirSync(dir)
    } catch (err) {
      core.debug(`Left ${dir} in place: ${messageOf(err)}`)
    }
  }
}
