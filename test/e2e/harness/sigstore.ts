// A stand-in Sigstore on 127.0.0.1 for the tests: @sigstore/mock's Fulcio and Rekor handlers (a real CA with
// a CT log, a real log that signs entry timestamps), and the runner's OIDC token endpoint
// (ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN) issuing a GitHub-shaped token. Fulcio names a GitHub token's
// workflow as the URI https://github.com/<job_workflow_ref>; the stand-in's CA does the same. Its trust root
// is given as Sigstore's TrustedRoot, for @sigstore/verify, and as PEM files, for containers/image policies.
import { createHash, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { bundleFromJSON } from '@sigstore/bundle'
import {
  fulcioHandler,
  type HandlerFn,
  initializeCA,
  initializeCTLog,
  initializeTLog,
  rekorHandler
} from '@sigstore/mock'
import { TrustedRoot } from '@sigstore/protobuf-specs'
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify'

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

export interface WorkflowIdentity {
  repository: string
  /** `<owner>/<repo>/.github/workflows/<file>@<ref>` */
  jobWorkflowRef: string
  ref: string
}

export const RELEASE_WORKFLOW: WorkflowIdentity = {
  repository: 'csc-example/app',
  jobWorkflowRef: 'csc-example/app/.github/workflows/release.yml@refs/tags/v1.2.3',
  ref: 'refs/tags/v1.2.3'
}

export interface Sigstore {
  fulcioUrl: string
  rekorUrl: string
  /** The runner's variables for a job with `id-token: write`. */
  oidcEnv: { ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string }
  /** Every OIDC token issued so far (for the secret sweeps). */
  issuedTokens: string[]
  /** Requests each service saw, by path. */
  requests: string[]
  trustedRoot: TrustedRoot
  fulcioRootPem: string
  rekorPublicKeyPem: string
  identity: WorkflowIdentity
  /** The SAN a certificate for `identity` names. */
  certificateIdentity: string
  stop(): Promise<void>
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

export async function startSigstore(identity: WorkflowIdentity = RELEASE_WORKFLOW): Promise<Sigstore> {
  const issuerKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const ctlog = await initializeCTLog(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }))
  const mockCa = await initializeCA(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }), ctlog)
  // Fulcio's rule for GitHub's issuer: the SAN is the URI of the job's workflow.
  const ca = {
    rootCertificate: mockCa.rootCertificate,
    issueCertificate: (o: Parameters<typeof mockCa.issueCertificate>[0]) =>
      mockCa.issueCertificate({ ...o, subjectAltName: `https://github.com/${o.subjectAltName}` })
  }
  const requestToken = randomBytes(24).toString('hex')
  const issuedTokens: string[] = []
  const requests: string[] = []
  const server = http.createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const tlog = await initializeTLog(`${base}/rekor`, generateKeyPairSync('ec', { namedCurve: 'prime256v1' }))
  const fulcio = fulcioHandler(ca, { subjectClaim: 'job_workflow_ref' })
  const rekor = rekorHandler(tlog)
  const routes: Record<string, HandlerFn> = {
    [`/fulcio${fulcio.path}`]: fulcio.fn,
    [`/rekor${rekor.path}`]: rekor.fn
  }

  server.on('request', (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base)
      requests.push(`${req.method} ${url.pathname}`)
      if (url.pathname === '/oidc/token') {
        if (req.headers.authorization !== `Bearer ${requestToken}`) {
          res.writeHead(401).end('{"message":"bad request token"}')
          return
        }
        const now = Math.floor(Date.now() / 1000)
        const header = base64url({ alg: 'ES256', typ: 'JWT', kid: 'stand-in' })
        const claims = base64url({
          iss: GITHUB_ISSUER,
          aud: url.searchParams.get('audience') ?? 'https://github.com',
          sub: `repo:${identity.repository}:ref:${identity.ref}`,
          repository: identity.repository,
          repository_owner: identity.repository.split('/')[0],
          ref: identity.ref,
          sha: 'a'.repeat(40),
          workflow: 'release',
          event_name: 'push',
          job_workflow_ref: identity.jobWorkflowRef,
          runner_environment: 'github-hosted',
          iat: now,
          nbf: now,
          exp: now + 300,
          jti: randomBytes(8).toString('hex')
        })
        const signature = sign('sha256', Buffer.from(`${header}.${claims}`), {
          key: issuerKey.privateKey,
          dsaEncoding: 'ieee-p1363'
        }).toString('base64url')
        const jwt = `${header}.${claims}.${signature}`
        issuedTokens.push(jwt)
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ value: jwt }))
        return
      }
      const route = req.method === 'POST' ? routes[url.pathname] : undefined
      if (!route) {
        res.writeHead(404).end()
        return
      }
      void route(Buffer.concat(chunks).toString('utf8')).then(r => {
        res.writeHead(r.statusCode, { 'Content-Type': r.contentType ?? 'text/plain' })
        res.end(typeof r.response === 'string' ? r.response : Buffer.from(r.response.buffer))
      })
    })
  })

  const rootDer = Buffer.from(mockCa.rootCertificate.buffer)
  const start = new Date(Date.now() - 60_000).toISOString()
  const trustedRoot = TrustedRoot.fromJSON({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [
      {
        baseUrl: `${base}/rekor`,
        hashAlgorithm: 'SHA2_256',
        publicKey: {
          rawBytes: tlog.publicKey.toString('base64'),
          keyDetails: 'PKIX_ECDSA_P256_SHA_256',
          validFor: { start }
        },
        logId: { keyId: createHash('sha256').update(tlog.publicKey).digest('base64') }
      }
    ],
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: `${base}/fulcio`,
        certChain: { certificates: [{ rawBytes: rootDer.toString('base64') }] },
        validFor: { start }
      }
    ],
    ctlogs: [
      {
        baseUrl: `${base}/ctlog`,
        hashAlgorithm: 'SHA2_256',
        publicKey: {
          rawBytes: ctlog.publicKey.toString('base64'),
          keyDetails: 'PKIX_ECDSA_P256_SHA_256',
          validFor: { start }
        },
        logId: { keyId: Buffer.from(ctlog.logID.buffer).toString('base64') }
      }
    ],
    timestampAuthorities: []
  })
  const pem = (label: string, der: Buffer) =>
    `-----BEGIN ${label}-----\n${der
      .toString('base64')
      .replace(/(.{64})/g, '$1\n')
      .trim()}\n-----END ${label}-----\n`

  return {
    fulcioUrl: `${base}/fulcio`,
    rekorUrl: `${base}/rekor`,
    oidcEnv: {
      ACTIONS_ID_TOKEN_REQUEST_URL: `${base}/oidc/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken
    },
    issuedTokens,
    requests,
    trustedRoot,
    fulcioRootPem: pem('CERTIFICATE', rootDer),
    rekorPublicKeyPem: pem('PUBLIC KEY', tlog.publicKey),
    identity,
    certificateIdentity: `https://github.com/${identity.jobWorkflowRef}`,
    stop: () => new Promise<void>(resolve => server.close(() => resolve()))
  }
}

/** One signature layer of a `.sig` manifest: its payload blob and annotations. */
export interface SignatureLayer {
  payload: Buffer
  annotations: Record<string, string>
}

/**
 * Verifies a keyless signature layer with @sigstore/verify against the stand-in's trust root: the certificate
 * chains to its Fulcio, the Rekor entry's signed timestamp is the log's and lies in the certificate's validity,
 * the signature is over the payload, and the certificate names `identity` from `issuer`. Throws otherwise.
 */
export function verifyKeyless(
  sigstore: Sigstore,
  layer: SignatureLayer,
  identity = sigstore.certificateIdentity,
  issuer = GITHUB_ISSUER
): void {
  const a = layer.annotations
  const rekorBundle = JSON.parse(a['dev.sigstore.cosign/bundle']) as {
    SignedEntryTimestamp: string
    Payload: { body: string; integratedTime: number; logIndex: number; logID: string }
  }
  const leaf = new X509Certificate(a['dev.sigstore.cosign/certificate'])
  const body = JSON.parse(Buffer.from(rekorBundle.Payload.body, 'base64').toString('utf8')) as {
    kind: string
    apiVersion: string
  }
  const bundle = bundleFromJSON({
    // v0.1: the bundle version whose log entries may carry the signed timestamp (the promise) alone, as
    // cosign's annotation does; later versions want the inclusion proof too.
    mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1',
    verificationMaterial: {
      x509CertificateChain: { certificates: [{ rawBytes: leaf.raw.toString('base64') }] },
      tlogEntries: [
        {
          logIndex: String(rekorBundle.Payload.logIndex),
          logId: { keyId: Buffer.from(rekorBundle.Payload.logID, 'hex').toString('base64') },
          kindVersion: { kind: body.kind, version: body.apiVersion },
          integratedTime: String(rekorBundle.Payload.integratedTime),
          inclusionPromise: { signedEntryTimestamp: rekorBundle.SignedEntryTimestamp },
          canonicalizedBody: rekorBundle.Payload.body
        }
      ],
      timestampVerificationData: { rfc3161Timestamps: [] }
    },
    messageSignature: {
      messageDigest: {
        algorithm: 'SHA2_256',
        digest: createHash('sha256').update(layer.payload).digest('base64')
      },
      signature: a['dev.cosignproject.cosign/signature']
    }
  })
  const verifier = new Verifier(toTrustMaterial(sigstore.trustedRoot), {
    tlogThreshold: 1,
    ctlogThreshold: 1,
    timestampThreshold: 1
  })
  verifier.verify(toSignedEntity(bundle, layer.payload), {
    subjectAlternativeName: identity,
    extensions: { issuer }
  })
}
