// Bad inputs and hostile situations, one row each: every one gives exactly one clear error that names the
// input (or the situation) and the fix, exit code 1, no stack trace, and nothing created on the server (no
// stream, no uploaded byte, no push). Every run is in debug mode and goes through the post step; the file's
// last test searches all they wrote for the tokens.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { buildImage } from '../harness/docker.js'
import { baseInputs, uniqueImage } from '../harness/rahti.js'
import { useRahti } from '../harness/suite.js'
import { closedPort, expectCleanFailure, Ledger, runDebug } from './helpers.js'

const p = useRahti()
const ledger = new Ledger()
/** A local image that exists, so that rows which reach the preflight fail for their own reason. */
let source: string
/** Where a shell, were one ever to run an input, would leave a file. */
let canary: string
let notPem: string
let otherCa: string
let expiredToken: string
let deadPort: number
let consolePage: Server

beforeAll(async () => {
  source = `${uniqueImage('bad-source')}:latest`
  await buildImage(source)
  canary = mkdtempSync(path.join(os.tmpdir(), 'rahti-canary-'))
  notPem = path.join(canary, '..', `${path.basename(canary)}-ca.txt`)
  writeFileSync(notPem, 'this is not a certificate\n')
  otherCa = readdirSync('/etc/ssl/certs')
    .filter(f => f.endsWith('.pem'))
    .map(f => path.join('/etc/ssl/certs', f))[0]
  expiredToken = p.emu.apply({
    serviceAccounts: [
      { project: 'demo', name: 'retired', roles: ['system:image-builder'], tokenExpiresIn: -60 }
    ]
  })[0].token
  deadPort = await closedPort()
  // A web console's sign-in page: 200 with HTML to every path, where the API would answer JSON.
  consolePage = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' })
    res.end('<!DOCTYPE html><html><head><title>Red Hat OpenShift</title></head><body>Log in</body></html>')
  })
  await new Promise<void>(resolve => consolePage.listen(0, '127.0.0.1', resolve))
}, 120_000)

afterAll(async () => {
  if (canary) rmSync(canary, { recursive: true, force: true })
  if (notPem) rmSync(notPem, { force: true })
  await new Promise(resolve => consolePage?.close(resolve))
})

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
/** A service-account token as another cluster would sign it: well-formed, unknown here. */
const foreignJwt = () =>
  [
    b64url({ alg: 'RS256', kid: 'another-cluster' }),
    b64url({
      iss: 'https://kubernetes.default.svc',
      sub: 'system:serviceaccount:demo:builder',
      'kubernetes.io': { namespace: 'demo', serviceaccount: { name: 'builder' } }
    }),
    Buffer.from('not-this-cluster-signature-'.repeat(4)).toString('base64url')
  ].join('.')
const touch = () => `$(touch ${canary}/pwned)`
const registry = () => p.emu.info.registry

interface Row {
  /** What is wrong. */
  name: string
  /** The inputs, from the defaults for the builder account and this row's fresh image name. */
  inputs: (image: string) => Record<string, string>
  /** The error a user reads: it names the input or situation, and the fix. */
  error: RegExp
  /** Projects where the row's stream must not appear (default: demo). */
  projects?: string[]
}

const TOKEN_FIX =
  /refused the token \(401 Unauthorized\): it is invalid, expired, or for another cluster\. Make a new one with `oc create token/
const MALFORMED_TOKEN =
  /^Input 'token': does not look like a token.*Store only the token's text in the secret/
const BAD_IMAGE = /^Input 'image': '.*' is not a valid ImageStream name\. Use lowercase letters, digits/
const BAD_TAG = /^Input 'tags': the tag '.*' has characters a tag may not have\. A tag is letters, digits/
const BAD_PROJECT =
  /^Input 'project': '.*' is not a valid Rahti project \(namespace\) name\. Use lowercase letters.*not the CSC project number/
const BAD_SERVER =
  /^Input 'server': '.*' is not an API server URL\. Give one with its scheme, e\.g\. 'https:\/\/api\.2\.rahti\.csc\.fi:6443'/
const NOT_TRUSTED =
  /The TLS certificate of https:\/\/127\.0\.0\.1:\d+ is not trusted .*Give the cluster's CA in 'certificate-authority', or set 'insecure-skip-tls-verify: true'/

const rows: Row[] = [
  // The token.
  {
    name: 'an empty token',
    inputs: i => ({ ...base(i), token: '' }),
    error: /^Input 'token': required.*oc create token/
  },
  {
    name: "a token pasted with 'Bearer '",
    inputs: i => ({ ...base(i), token: `Bearer ${tok()}` }),
    error: MALFORMED_TOKEN
  },
  {
    name: 'a token with a line break inside',
    inputs: i => ({ ...base(i), token: `${tok()}\nsecond-line` }),
    error: MALFORMED_TOKEN
  },
  {
    name: 'a token too short to be one',
    inputs: i => ({ ...base(i), token: 'abc' }),
    error: MALFORMED_TOKEN
  },
  { name: 'a token in quotes', inputs: i => ({ ...base(i), token: `"${tok()}"` }), error: MALFORMED_TOKEN },
  {
    name: 'a token with shell metacharacters',
    inputs: i => ({ ...base(i), token: `${tok()}${touch()}` }),
    error: MALFORMED_TOKEN
  },
  {
    name: 'a malformed token of the right alphabet',
    inputs: i => ({ ...base(i), token: 'x'.repeat(40) }),
    error: TOKEN_FIX
  },
  {
    name: 'a token for another cluster',
    inputs: i => ({ ...base(i), token: foreignJwt() }),
    error: TOKEN_FIX
  },
  {
    name: 'an expired service-account token',
    inputs: i => ({ ...base(i), token: expiredToken }),
    error: TOKEN_FIX
  },
  {
    // No engine has the source, but the token is what to fix first: its refusal is the one error.
    name: 'an expired token and a source built nowhere',
    inputs: i => ({ ...base(i), token: expiredToken, source: `${i}-never-built:latest` }),
    error: TOKEN_FIX
  },
  {
    name: 'an unknown personal token',
    inputs: i => ({ ...base(i), token: `sha256~${'A'.repeat(43)}` }),
    error: TOKEN_FIX
  },
  {
    name: 'a valid token of an account with no rights in its project',
    inputs: i => baseInputs(p, 'puller', i, { source }),
    error:
      /system:serviceaccount:other:puller may not push to other\/.*`oc policy add-role-to-user system:image-pusher -z puller -n other`/,
    projects: ['demo', 'other']
  },
  // The image.
  {
    name: 'an empty image',
    inputs: i => ({ ...base(i), image: '' }),
    error: /^Input 'image': required. Give the image's name in Rahti/
  },
  { name: 'an uppercase image', inputs: i => ({ ...base(i), image: 'My-App' }), error: BAD_IMAGE },
  {
    name: 'an image name over 253 characters',
    inputs: i => ({ ...base(i), image: 'a'.repeat(254) }),
    error: BAD_IMAGE
  },
  { name: 'an image with a tag in it', inputs: i => ({ ...base(i), image: `${i}:v1` }), error: BAD_IMAGE },
  {
    name: 'an image given as a full reference',
    inputs: i => ({ ...base(i), image: `${registry()}/demo/${i}` }),
    error: BAD_IMAGE
  },
  { name: 'an image with an underscore', inputs: i => ({ ...base(i), image: 'my_app' }), error: BAD_IMAGE },
  {
    name: 'an image with a line break',
    inputs: i => ({ ...base(i), image: `${i}\n::warning::x` }),
    error: /^Input 'image': '.*\\n::warning::x' is not a valid ImageStream name/
  },
  {
    name: 'an image with shell metacharacters',
    inputs: i => ({ ...base(i), image: `${i};${touch()}` }),
    error: BAD_IMAGE
  },
  { name: "an image starting with '-'", inputs: i => ({ ...base(i), image: `-${i}` }), error: BAD_IMAGE },
  // The tags.
  { name: 'a tag with a bad character', inputs: i => ({ ...base(i), tags: 'v1!' }), error: BAD_TAG },
  {
    name: 'a tag over 128 characters',
    inputs: i => ({ ...base(i), tags: `v${'1'.repeat(128)}` }),
    error: /^Input 'tags': the tag 'v1+…?' is 129 characters long \(128 at most\)\. A tag is letters/
  },
  { name: "a tag starting with '.'", inputs: i => ({ ...base(i), tags: '.hidden' }), error: BAD_TAG },
  { name: "a tag starting with '-'", inputs: i => ({ ...base(i), tags: '-rc1' }), error: BAD_TAG },
  {
    name: 'a tag with shell metacharacters',
    inputs: i => ({ ...base(i), tags: `v1 ${touch()}` }),
    error: BAD_TAG
  },
  {
    name: 'a tag with backticks',
    inputs: i => ({ ...base(i), tags: `\`touch ${canary}/pwned\`` }),
    error: BAD_TAG
  },
  {
    name: 'a tag smuggling a workflow command',
    inputs: i => ({ ...base(i), tags: 'v1\n::error::fake' }),
    error: BAD_TAG
  },
  {
    name: 'a tags list with a foreign registry',
    inputs: i => ({ ...base(i), tags: `v1\ndocker.io/demo/${i}:v2` }),
    error:
      /^Input 'tags': 'docker\.io\/demo\/.*:v2' is not 127\.0\.0\.1:\d+\/demo\/.*Give bare tags, or references to the registry and project/
  },
  {
    name: 'a tags reference to another image',
    inputs: i => ({ ...base(i), tags: `${registry()}/demo/someone-else:v1` }),
    error: /^Input 'tags': '.*someone-else:v1' refers to another image than '.*'\. Each reference must be/
  },
  {
    name: 'a tags reference to another project',
    inputs: i => ({ ...base(i), tags: `${registry()}/other/${i}:v1` }),
    error: /^Input 'tags': '.*\/other\/.*:v1' is not 127\.0\.0\.1:\d+\/demo\/.*Give bare tags/,
    projects: ['demo', 'other']
  },
  {
    name: 'a tags reference by digest',
    inputs: i => ({ ...base(i), tags: `${registry()}/demo/${i}@sha256:${'a'.repeat(64)}` }),
    error: /^Input 'tags': '.*@sha256:a+.*' is neither a tag nor a reference of the form/
  },
  // The source.
  {
    name: 'a source that does not exist',
    inputs: i => ({ ...base(i), source: `${i}-never-built:latest` }),
    error:
      /^Input 'source': the image '.*-never-built:latest' was found nowhere; looked in the Docker engine, the Podman\/Buildah storage\. Build or pull it earlier in the job/
  },
  {
    name: 'a source with shell metacharacters',
    inputs: i => ({ ...base(i), source: `${source} && touch ${canary}/pwned` }),
    error: /^Input 'source': '.*' is not an image reference\. Give a local image \('my-app:latest'\)/
  },
  {
    name: 'a source with a line break',
    inputs: i => ({ ...base(i), source: `${source}\nother:latest` }),
    error: /^Input 'source': '.*\\nother:latest' is not an image reference/
  },
  // The project.
  {
    name: 'a project that does not exist',
    inputs: i => ({ ...base(i), project: 'no-such-project' }),
    error: /may not push to no-such-project\/.*check that 'project' is right/,
    projects: ['demo', 'no-such-project']
  },
  {
    name: "a project that is not the account's",
    inputs: i => ({ ...base(i), project: 'other' }),
    error:
      /system:serviceaccount:demo:builder may not push to other\/.*`oc policy add-role-to-user system:image-pusher system:serviceaccount:demo:builder -n other`.*check that 'project' is right/,
    projects: ['demo', 'other']
  },
  { name: 'an uppercase project', inputs: i => ({ ...base(i), project: 'Demo' }), error: BAD_PROJECT },
  {
    name: 'a CSC project number as the project',
    inputs: i => ({ ...base(i), project: 'project_2001234' }),
    error: BAD_PROJECT
  },
  {
    name: 'a project name over 63 characters',
    inputs: i => ({ ...base(i), project: 'p'.repeat(64) }),
    error: BAD_PROJECT
  },
  // The server and its TLS.
  {
    name: 'a server URL without scheme',
    inputs: i => ({ ...base(i), server: p.emu.info.apiUrl.replace('https://', '') }),
    error: BAD_SERVER
  },
  {
    name: 'a server URL with a query',
    inputs: i => ({ ...base(i), server: `${p.emu.info.apiUrl}/?x=1` }),
    error: BAD_SERVER
  },
  {
    name: 'a server URL with credentials',
    inputs: i => ({ ...base(i), server: p.emu.info.apiUrl.replace('https://', 'https://me:pw@') }),
    error: BAD_SERVER
  },
  {
    name: 'a server URL of another scheme',
    inputs: i => ({ ...base(i), server: p.emu.info.apiUrl.replace('https://', 'ftp://') }),
    error: BAD_SERVER
  },
  {
    name: 'an unreachable server (a closed port)',
    inputs: i => ({ ...base(i), server: `https://127.0.0.1:${deadPort}` }),
    error:
      /^Could not reach the API server: https:\/\/127\.0\.0\.1:\d+ refused the connection\. Check the 'server' input/
  },
  {
    name: "a server that is not an API server (the registry's port)",
    inputs: i => ({ ...base(i), server: `https://${registry()}` }),
    error:
      /could not say who the token is \(.*answered HTTP 404\)\. Check that 'server' is a Rahti \(OpenShift 4\) API URL/
  },
  {
    name: 'the web console given as server (a page where the API would answer JSON)',
    inputs: i => ({
      ...base(i),
      server: `http://127.0.0.1:${(consolePage.address() as AddressInfo).port}`,
      'insecure-skip-tls-verify': 'true'
    }),
    error:
      /^POST \/apis\/authentication\.k8s\.io\/v1\/selfsubjectreviews answered with a web page, not the API's JSON: http:\/\/127\.0\.0\.1:\d+ is not an OpenShift API server \(the console's URL, perhaps\)\. Give the API URL/
  },
  {
    name: 'http:// given for a port that speaks TLS',
    inputs: i => ({
      ...base(i),
      server: p.emu.info.apiUrl.replace('https://', 'http://'),
      'insecure-skip-tls-verify': 'true'
    }),
    error:
      /^Could not reach the API server: http:\/\/127\.0\.0\.1:\d+ speaks TLS on that port: use https:\/\/127\.0\.0\.1:\d+\./
  },
  {
    name: 'a plain-http server without insecure-skip-tls-verify (the token would travel as clear text)',
    inputs: i => ({ ...base(i), server: `http://${registry()}` }),
    error:
      /^Input 'server': 'http:\/\/127\.0\.0\.1:\d+' is plain http, which would send the token as clear text\. Use https:\/\//
  },
  {
    name: 'no CA for the self-signed API (TLS failure)',
    inputs: i => ({ ...base(i), 'certificate-authority': '' }),
    error: NOT_TRUSTED
  },
  {
    name: "another CA than the cluster's",
    inputs: i => ({ ...base(i), 'certificate-authority': otherCa }),
    error: NOT_TRUSTED
  },
  {
    name: 'a CA file that is not PEM',
    inputs: i => ({ ...base(i), 'certificate-authority': notPem }),
    error:
      /^Input 'certificate-authority': holds no PEM certificate .*Give the cluster CA's certificate in PEM form/
  },
  {
    name: 'a CA path that does not exist',
    inputs: i => ({ ...base(i), 'certificate-authority': `${canary}/missing-ca.pem` }),
    error: /^Input 'certificate-authority': '.*missing-ca\.pem' is neither PEM text nor a file that exists/
  },
  // The other inputs.
  {
    name: 'create-imagestream not a boolean',
    inputs: i => ({ ...base(i), 'create-imagestream': 'maybe' }),
    error: /^Input 'create-imagestream': 'maybe' is not a boolean\. Use 'true' or 'false'/
  },
  {
    name: 'insecure-skip-tls-verify not a boolean',
    inputs: i => ({ ...base(i), 'insecure-skip-tls-verify': 'yes please' }),
    error: /^Input 'insecure-skip-tls-verify': 'yes please' is not a boolean/
  },
  {
    name: 'logout not a boolean',
    inputs: i => ({ ...base(i), logout: `no;${touch()}` }),
    error: /^Input 'logout': '.*' is not a boolean/
  },
  {
    name: 'a token-duration under 10 minutes',
    inputs: i => ({ ...base(i), 'token-duration': '5m' }),
    error: /^Input 'token-duration': '5m' is not a duration from 10m to 24h\. Use e\.g\. '1h'/
  },
  {
    name: 'a token-duration over a day',
    inputs: i => ({ ...base(i), 'token-duration': '48h' }),
    error: /^Input 'token-duration': '48h' is not a duration from 10m to 24h/
  },
  {
    name: 'a registry that is not a host',
    inputs: i => ({ ...base(i), registry: 'https://example.com/some path' }),
    error: /^Input 'registry': '.*' is not a registry host\. Give a host with an optional port/
  },
  {
    name: 'an oc-version that is not one',
    inputs: i => ({ ...base(i), 'oc-version': 'banana' }),
    error: /oc-version.*banana.*not understood/
  },
  {
    name: 'an oc-mirror that is not http(s)',
    inputs: i => ({ ...base(i), 'oc-mirror': 'ftp://mirror.example/oc' }),
    error: /^Input 'oc-mirror': must be an http or https URL/
  },
  {
    name: 'a visibility that is not one',
    inputs: i => ({ ...base(i), visibility: 'everyone' }),
    error: /^Input 'visibility': 'everyone' is not one of private, authenticated, public\.$/
  },
  {
    name: "pull-projects with 'none' among projects",
    inputs: i => ({ ...base(i), 'pull-projects': 'other none' }),
    error: /^Input 'pull-projects': 'none' removes every project's access and cannot be listed with projects/
  },
  {
    name: 'pull-projects naming a CSC project number',
    inputs: i => ({ ...base(i), 'pull-projects': 'project_2001234' }),
    error: /^Input 'pull-projects': 'project_2001234' is not a Rahti project \(namespace\) name/
  },
  {
    name: 'a local-lookup that is not a boolean',
    inputs: i => ({ ...base(i), 'local-lookup': 'sometimes' }),
    error: /^Input 'local-lookup': 'sometimes' is not a boolean/
  },
  {
    name: 'a prune pattern with a character class',
    inputs: i => ({ ...base(i), prune: 'sha-[0-9]*' }),
    error: /^Input 'prune': 'sha-\[0-9\]\*' is not a tag pattern\. Use the characters of a tag with '\*'/
  },
  {
    name: 'a keep that is not a whole number',
    inputs: i => ({ ...base(i), prune: 'sha-*', keep: 'ten' }),
    error: /^Input 'keep': 'ten' is not a whole number/
  },
  {
    name: 'visibility asked by an account without admin',
    inputs: i => ({ ...base(i), visibility: 'public' }),
    error:
      /^Input 'visibility': system:serviceaccount:demo:builder may not create and delete Roles and RoleBindings in demo.*`oc policy add-role-to-user admin -z builder -n demo`/
  },
  // Situations.
  {
    name: 'a missing stream and an account that may not create it',
    inputs: i => baseInputs(p, 'pusher', i, { source }),
    error:
      /does not exist, and system:serviceaccount:demo:pusher may not create it.*`oc create imagestream .* -n demo`.*system:image-builder -z pusher -n demo/
  },
  {
    name: "a missing stream and 'create-imagestream: false'",
    inputs: i => ({ ...base(i), 'create-imagestream': 'false' }),
    error:
      /does not exist and 'create-imagestream' is false\. Create it with `oc create imagestream .* -n demo`/
  },
  {
    name: 'a personal token and no project',
    inputs: i => baseInputs(p, 'alice', i, { source }),
    error: /belongs to alice, not to a service account.*Set the 'project' input/
  },
  {
    name: "a 'registry' that does not answer (a closed port)",
    inputs: i => ({ ...base(i), registry: `127.0.0.1:${deadPort}` }),
    error: new RegExp(`127\\.0\\.0\\.1:${'\\d+'}.*(refused|reach).*'registry'`)
  }
]

/** The builder account's inputs, with the local image that exists as the source. */
function base(image: string): Record<string, string> {
  return baseInputs(p, 'builder', image, { source })
}
/** A token-shaped string (for rows whose token is malformed in some other way). */
function tok(): string {
  return p.accounts.builder.token
}

describe('bad input', () => {
  test('the table has at least 40 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40)
  })

  test.each(rows.map(r => [r.name, r] as const))(
    '%s: one clear error, exit 1, nothing created',
    async (name, row) => {
      const image = uniqueImage('bad')
      const inputs = row.inputs(image)
      const bytesBefore = p.emu.stats().blobBytesReceived
      const main = await runDebug({ inputs })
      const given = [inputs.token, p.accounts.builder.token].filter(t => t && t.length >= 8)
      await ledger.settle(name, main, given)

      expectCleanFailure(main, row.error)
      for (const project of row.projects ?? ['demo'])
        expect(p.emu.getImageStream(project, image)).toBeUndefined()
      expect(p.emu.stats().blobBytesReceived).toBe(bytesBefore)
      // No push through the CLI, nor through the engine's API (whose closing line says what it pushed).
      expect(readFileSync(main.job.argvLog, 'utf8')).not.toMatch(/^docker push/m)
      expect(main.stdout).not.toMatch(/^Pushed \d+ layers? in /m)
      expect(readdirSync(canary)).toEqual([])
    },
    60_000
  )
})

describe('secrets', () => {
  test('no run above (debug on) wrote a token anywhere, and every credential file was 0600 and is gone', () => {
    expect(ledger.entries.length).toBe(rows.length)
    expect(ledger.violations()).toEqual([])
  })
})
