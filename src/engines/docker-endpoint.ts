// Which Docker engine this run talks to, decided once at the start as the user's own `docker` would decide it:
// DOCKER_HOST (with DOCKER_TLS_VERIFY / DOCKER_CERT_PATH), else the context selected by DOCKER_CONTEXT or the
// configuration's `currentContext`, else the local socket. The context is read from the files the CLI keeps
// (contexts/meta/<sha256 of its name>/meta.json and contexts/tls/...), not by starting `docker context inspect`:
// the answer is the same and no process is started. The pinned form is saved in the session, so that the post
// step reaches the same engine.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { UserError } from '../util/errors.js'

/** A context's endpoint as saved in the session (JSON): its host, its TLS directory, whether to skip the check. */
export interface PinnedEndpoint {
  host: string
  tls?: string
  skipVerify?: boolean
}

/** Where the Engine API answers: a unix socket, or TCP with or without TLS. An ssh:// host has no API here. */
export type EngineAddress =
  | { kind: 'unix'; socketPath: string; display: string }
  | { kind: 'tcp'; host: string; port: number; tls?: TlsFiles; display: string }
  | { kind: 'ssh'; display: string }

export interface TlsFiles {
  ca?: Buffer
  cert?: Buffer
  key?: Buffer
  verify: boolean
}

const DEFAULT_SOCKET = '/var/run/docker.sock'

/**
 * The endpoint of the context the user's docker would use, as saved in the session, or '' for the default
 * engine (DOCKER_HOST set, or no context selected), which the environment itself names.
 */
export function pinEndpoint(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DOCKER_HOST) return ''
  const context = env.DOCKER_CONTEXT || currentContext(env)
  if (!context || context === 'default') return ''
  const id = createHash('sha256').update(context).digest('hex')
  const meta = path.join(dockerConfigDir(env), 'contexts', 'meta', id, 'meta.json')
  let endpoint: { Host?: string; SkipTLSVerify?: boolean } | undefined
  try {
    const parsed = JSON.parse(readFileSync(meta, 'utf8')) as {
      Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } }
    }
    endpoint = parsed.Endpoints?.docker
  } catch (err) {
    const why =
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (err as Error).message
    throw new UserError(
      `The Docker context '${context}' selected in the Docker configuration cannot be read: ${why}. Select an existing one with \`docker context use\`, or set DOCKER_HOST.`
    )
  }
  if (!endpoint?.Host) return ''
  const tls = path.join(dockerConfigDir(env), 'contexts', 'tls', id, 'docker')
  const pinned: PinnedEndpoint = {
    host: endpoint.Host,
    tls: existsSync(tls) ? tls : undefined,
    skipVerify: endpoint.SkipTLSVerify
  }
  return JSON.stringify(pinned)
}

/** The address of the engine: the pinned context's, else DOCKER_HOST's, else the local socket. */
export function engineAddress(
  pinned: string | undefined,
  env: NodeJS.ProcessEnv = process.env
): EngineAddress {
  if (pinned) {
    const endpoint = JSON.parse(pinned) as PinnedEndpoint
    const tls = endpoint.tls ? { ...readTls(endpoint.tls), verify: !endpoint.skipVerify } : undefined
    return parseHost(endpoint.host, tls)
  }
  const host = env.DOCKER_HOST
  if (!host) return { kind: 'unix', socketPath: DEFAULT_SOCKET, display: `unix://${DEFAULT_SOCKET}` }
  // As the CLI: TLS when DOCKER_TLS_VERIFY is set (checked against the CA) or DOCKER_TLS is (not checked),
  // with the files of DOCKER_CERT_PATH, by default ~/.docker.
  const verify = !!env.DOCKER_TLS_VERIFY
  const tls =
    verify || env.DOCKER_TLS
      ? { ...readTls(env.DOCKER_CERT_PATH || dockerConfigDir(env)), verify }
      : undefined
  return parseHost(host, tls)
}

/** DOCKER_HOST (and its TLS settings) for the CLI, where it is still used (ssh://), from a pinned endpoint. */
export function endpointEnv(pinned: string | undefined): Record<string, string | undefined> {
  if (!pinned) return {}
  const endpoint = JSON.parse(pinned) as PinnedEndpoint
  return {
    DOCKER_HOST: endpoint.host,
    DOCKER_CONTEXT: undefined,
    ...(endpoint.tls
      ? { DOCKER_CERT_PATH: endpoint.tls, DOCKER_TLS_VERIFY: endpoint.skipVerify ? undefined : '1' }
      : {})
  }
}

function parseHost(host: string, tls: TlsFiles | undefined): EngineAddress {
  const scheme = /^([a-z]+):\/\//.exec(host)?.[1]
  if (scheme === 'unix') return { kind: 'unix', socketPath: host.slice('unix://'.length), display: host }
  if (scheme === 'ssh') return { kind: 'ssh', display: host }
  if (scheme === 'tcp' || scheme === 'http' || scheme === 'https') {
    const url = new URL(host.replace(/^tcp:/, 'http:'))
    const secure = tls ?? (scheme === 'https' ? { verify: true } : undefined)
    return {
      kind: 'tcp',
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: Number(url.port) || (secure ? 2376 : 2375),
      tls: secure,
      display: host
    }
  }
  throw new UserError(
    `The Docker host '${host}' is not one this action can reach (unix://, tcp:// or ssh://). Set DOCKER_HOST, or select another Docker context.`
  )
}

function readTls(dir: string): Omit<TlsFiles, 'verify'> {
  const read = (name: string) => {
    const file = path.join(dir, name)
    return existsSync(file) ? readFileSync(file) : undefined
  }
  return { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') }
}

function dockerConfigDir(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG || path.join(os.homedir(), '.docker')
}

function currentContext(env: NodeJS.ProcessEnv): string | undefined {
  try {
    const config = JSON.parse(readFileSync(path.join(dockerConfigDir(env), 'config.json'), 'utf8')) as {
      currentContext?: string
    }
    return config.currentContext
  } catch {
    return undefined
  }
}
