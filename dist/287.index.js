export const id = 287;
export const ids = [287];
export const modules = {

/***/ 287:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  prepareSigner: () => (/* binding */ prepareSigner)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(598);
// EXTERNAL MODULE: ./src/image/oci.ts
var oci = __webpack_require__(840);
// EXTERNAL MODULE: ./src/util/actions.ts
var actions = __webpack_require__(455);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/registry/attachments.ts
var attachments = __webpack_require__(477);
;// CONCATENATED MODULE: ./src/signing/attachment.ts
// Where a signature goes on a registry without the referrers API (the OpenShift registry has none): the tag
// `sha256-<hex>.sig` beside the image, an OCI image manifest whose layers are simple-signing payloads with the
// signature and its proof in annotations. This is the form cosign writes and containers/image (podman, skopeo,
// CRI-O: `use-sigstore-attachments: true`) reads: each layer of media type
// application/vnd.dev.cosign.simplesigning.v1+json is one signature, its blob the signed payload. A new
// signature of the same digest is appended as a layer beside the others, as both of them do, and an identical
// one is not added twice.


const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
/** The annotations containers/image and cosign read on a signature layer. */
const ANNOTATION = {
    signature: 'dev.cosignproject.cosign/signature',
    certificate: 'dev.sigstore.cosign/certificate',
    chain: 'dev.sigstore.cosign/chain',
    bundle: 'dev.sigstore.cosign/bundle'
};
/**
 * The simple-signing payload of a digest, byte for byte as cosign writes it (with `"optional": null`): the
 * docker-reference is the repository without a tag, which is what `cosign verify` compares and what a
 * `matchRepository` policy accepts.
 */
function simpleSigningPayload(dockerReference, digest) {
    return Buffer.from(JSON.stringify({
        critical: {
            identity: { 'docker-reference': dockerReference },
            image: { 'docker-manifest-digest': digest },
            type: 'cosign container image signature'
        },
        optional: null
    }), 'utf8');
}
/**
 * The signature tag's next contents: the existing manifest (undefined when the tag is new) with the signature
 * appended. The config is made again from the layers (its diff_ids are the layers' digests), so the old config
 * need not be read.
 */
function appendSignature(existing, signature) {
    const layers = existing ? parseAttachment(existing).layers : [];
    const payloadDigest = (0,oci/* sha256Digest */.sI)(signature.payload);
    const same = layers.some(l => l.mediaType === SIMPLE_SIGNING_MEDIA_TYPE &&
        l.digest === payloadDigest &&
        sameAnnotations(l.annotations ?? {}, signature.annotations));
    if (same && existing)
        return { manifest: existing, blobs: [], added: false, signatures: layers.length };
    const next = [
        ...layers,
        {
            mediaType: SIMPLE_SIGNING_MEDIA_TYPE,
            digest: payloadDigest,
            size: signature.payload.length,
            annotations: signature.annotations
        }
    ];
    const config = Buffer.from(JSON.stringify({
        architecture: '',
        os: '',
        config: {},
        rootfs: { type: 'layers', diff_ids: next.map(l => l.digest) }
    }), 'utf8');
    const manifest = {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: OCI_CONFIG, digest: (0,oci/* sha256Digest */.sI)(config), size: config.length },
        layers: next
    };
    return {
        manifest: Buffer.from(JSON.stringify(manifest), 'utf8'),
        blobs: [
            { digest: payloadDigest, bytes: signature.payload },
            { digest: manifest.config.digest, bytes: config }
        ],
        added: true,
        signatures: next.length
    };
}
const ATTACHMENT_MEDIA_TYPE = OCI_MANIFEST;
/** The layers of an attachment manifest read back from the registry. */
function parseAttachment(body) {
    const parsed = JSON.parse(body.toString('utf8'));
    return {
        schemaVersion: 2,
        mediaType: parsed.mediaType ?? OCI_MANIFEST,
        config: parsed.config ?? { mediaType: OCI_CONFIG, digest: '', size: 0 },
        layers: Array.isArray(parsed.layers) ? parsed.layers : []
    };
}
function sameAnnotations(a, b) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every(k => a[k] === b[k]);
}

// EXTERNAL MODULE: ./node_modules/tweetnacl/nacl-fast.js
var nacl_fast = __webpack_require__(668);
var nacl_fast_default = /*#__PURE__*/__webpack_require__.n(nacl_fast);
;// CONCATENATED MODULE: ./src/signing/keys.ts
// The private keys `sign: key` takes: the encrypted PEM `cosign generate-key-pair` writes (what
// push-to-registry v3 takes), and a plain PEM private key (PKCS#8, SEC 1 "EC PRIVATE KEY", PKCS#1 RSA, or an
// encrypted PKCS#8). The key is decrypted in memory only: it is never written anywhere.
//
// cosign's format: a PEM block "ENCRYPTED SIGSTORE PRIVATE KEY" (older: "ENCRYPTED COSIGN PRIVATE KEY") whose
// bytes are a JSON document of go-securesystemslib's `encrypted` package: the passphrase through scrypt (salt
// and N, r, p in `kdf`) gives a 32-byte key for NaCl's secretbox (XSalsa20-Poly1305, nonce in `cipher`) that
// opens `ciphertext` to the PKCS#8 DER of the private key. node:crypto has scrypt but not XSalsa20, hence
// tweetnacl, which this module alone loads (it is part of the lazily loaded signing chunk).



const COSIGN_TYPES = ['ENCRYPTED SIGSTORE PRIVATE KEY', 'ENCRYPTED COSIGN PRIVATE KEY'];
/**
 * The scrypt cost parameters go-securesystemslib writes (legacy, standard, OWASP). Others are refused as it
 * refuses them: a key file could otherwise name a cost that takes the runner's memory or hours.
 */
const SCRYPT_PARAMS = [
    { N: 32768, r: 8, p: 1 },
    { N: 65536, r: 8, p: 1 },
    { N: 131072, r: 8, p: 1 }
];
/** The PEM blocks in a text, as type and DER bytes. */
function pemBlocks(text) {
    const blocks = [];
    const re = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;
    for (const m of text.matchAll(re)) {
        const body = m[2].replace(/^[A-Za-z-]+:.*$/gm, '');
        blocks.push({ type: m[1], der: Buffer.from(body.replace(/\s+/g, ''), 'base64'), pem: m[0] });
    }
    return blocks;
}
/**
 * The signing key from the `sign-key` input's text and the passphrase (empty when there is none). Throws a
 * UserError that names the input for every way it can fail, so that `sign: key` fails before any upload.
 */
function loadSigningKey(text, passphrase) {
    const blocks = pemBlocks(text.trim());
    const block = blocks.find(b => b.type.includes('PRIVATE KEY'));
    if (!block) {
        throw new errors/* UserError */.yo("The 'sign-key' input holds no PEM private key. Give it the whole contents of the cosign.key file that `cosign generate-key-pair` wrote (or a PEM private key), from a secret.");
    }
    if (COSIGN_TYPES.includes(block.type)) {
        const der = decryptCosignKey(block.der, passphrase);
        return fromPrivateKey((0,external_node_crypto_.createPrivateKey)({ key: der, format: 'der', type: 'pkcs8' }), 'cosign');
    }
    let key;
    try {
        key = (0,external_node_crypto_.createPrivateKey)(block.type === 'ENCRYPTED PRIVATE KEY'
            ? { key: block.pem, format: 'pem', passphrase }
            : { key: block.pem, format: 'pem' });
    }
    catch {
        if (block.type === 'ENCRYPTED PRIVATE KEY')
            throw wrongPassphrase();
        throw new errors/* UserError */.yo(`The 'sign-key' input's ${block.type} block is not a private key this action can read. Give it an ECDSA or RSA private key in PEM (PKCS#8 or EC PRIVATE KEY), or the cosign.key file of \`cosign generate-key-pair\`.`);
    }
    return fromPrivateKey(key, 'pem');
}
function wrongPassphrase() {
    return new errors/* UserError */.yo("The 'sign-key' did not decrypt with 'sign-key-passphrase'. Give 'sign-key-passphrase' the passphrase the key was made with (for cosign.key: the COSIGN_PASSWORD given to `cosign generate-key-pair`).");
}
function decryptCosignKey(bytes, passphrase) {
    let doc;
    try {
        doc = JSON.parse(bytes.toString('utf8'));
    }
    catch {
        throw new errors/* UserError */.yo("The 'sign-key' input's cosign key is damaged (its contents are not the JSON cosign writes). Copy the whole cosign.key file into the secret again.");
    }
    const params = doc.kdf?.params;
    const known = SCRYPT_PARAMS.some(k => k.N === params?.N && k.r === params?.r && k.p === params?.p);
    if (doc.kdf?.name !== 'scrypt' || doc.cipher?.name !== 'nacl/secretbox' || !known || !params) {
        throw new errors/* UserError */.yo("The 'sign-key' input's cosign key uses an encryption this action does not know (cosign writes scrypt with nacl/secretbox). Make the key again with `cosign generate-key-pair`.");
    }
    const salt = Buffer.from(doc.kdf.salt ?? '', 'base64');
    const nonce = Buffer.from(doc.cipher.nonce ?? '', 'base64');
    const box = Buffer.from(doc.ciphertext ?? '', 'base64');
    if (nonce.length !== (nacl_fast_default()).secretbox.nonceLength) {
        throw new errors/* UserError */.yo("The 'sign-key' input's cosign key is damaged (its nonce is not 24 bytes). Copy the whole cosign.key file into the secret again.");
    }
    // scrypt needs 128 * N * r bytes: 128 MiB for the OWASP parameters, above node's 32 MiB default.
    const key = (0,external_node_crypto_.scryptSync)(Buffer.from(passphrase, 'utf8'), salt, (nacl_fast_default()).secretbox.keyLength, {
        N: params.N,
        r: params.r,
        p: params.p,
        maxmem: 256 * 1024 * 1024
    });
    const opened = nacl_fast_default().secretbox.open(box, nonce, key);
    key.fill(0);
    if (!opened)
        throw wrongPassphrase();
    return Buffer.from(opened);
}
function fromPrivateKey(privateKey, format) {
    const type = privateKey.asymmetricKeyType;
    if (type !== 'ec' && type !== 'rsa') {
        throw new errors/* UserError */.yo(`The 'sign-key' is an ${type ?? 'unknown'} key; the signatures containers/image and cosign verify here are ECDSA or RSA. Make an ECDSA P-256 key, e.g. with \`cosign generate-key-pair\`.`);
    }
    const publicKeyPem = (0,external_node_crypto_.createPublicKey)(privateKey).export({ format: 'pem', type: 'spki' }).toString();
    return { privateKey, publicKeyPem, format };
}

// EXTERNAL MODULE: ./src/util/retry.ts
var retry = __webpack_require__(266);
;// CONCATENATED MODULE: ./src/signing/sigstore.ts
// The three services keyless signing asks, over the action's own HTTP transport (its proxies and deadlines):
// the runner's OIDC token endpoint (the job's identity, audience "sigstore"), Fulcio (a short-lived
// certificate for an ephemeral public key, naming that identity), and Rekor (the transparency log entry whose
// signed timestamp proves the signature was made while the certificate was valid). Their wire formats are
// Fulcio's v2 REST API and Rekor's v1 `hashedrekord` entries, which every Sigstore instance serves.



const NO_ID_TOKEN = "Keyless signing needs the job's OIDC token, and GitHub gives this job none. Add `permissions: id-token: write` to the job (or the workflow), or use 'sign: key'.";
/** Whether the runner offers this job an OIDC token at all (the dry run's and the preflight's first check). */
function oidcAvailable(env) {
    return Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
}
/** The job's OIDC token for Sigstore, from the runner, as actions/core's getIDToken asks for it. */
async function requestOidcToken(env, http) {
    if (!oidcAvailable(env))
        throw new errors/* UserError */.yo(NO_ID_TOKEN);
    const url = new URL(env.ACTIONS_ID_TOKEN_REQUEST_URL);
    url.searchParams.set('audience', 'sigstore');
    const res = await (0,retry/* withRetry */.bD)('the OIDC token request', async () => {
        const r = await http.request({
            method: 'GET',
            url,
            headers: {
                Authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}`,
                Accept: 'application/json'
            }
        });
        if (r.status !== 200)
            throw new errors/* HttpStatusError */.F9(`HTTP ${r.status}`, r.status, `GET ${url.pathname}`);
        return r;
    }, retry/* classifyHttpFailure */.ZZ).catch((err) => {
        const status = err instanceof errors/* HttpStatusError */.F9 ? ` (HTTP ${err.status})` : '';
        throw new errors/* UserError */.yo(`The runner did not give the job's OIDC token${status}. Check that the job has \`permissions: id-token: write\`, and run the job again.`);
    });
    let jwt;
    try {
        jwt = JSON.parse(res.body.toString('utf8')).value;
    }
    catch {
        jwt = undefined;
    }
    const claims = jwt ? jwtClaims(jwt) : undefined;
    if (!jwt || !claims?.iss || !claims.sub) {
        throw new errors/* UserError */.yo("The runner's OIDC token endpoint answered without a token. Run the job again; if it persists, sign with 'sign: key'.");
    }
    return { jwt, issuer: claims.iss, subject: claims.sub };
}
/** A JWT's claims, unverified: the token comes from the runner, and Fulcio verifies it. */
function jwtClaims(jwt) {
    try {
        const part = jwt.split('.')[1];
        return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    }
    catch {
        return undefined;
    }
}
/**
 * A certificate for the ephemeral public key from Fulcio. `proof` is the signature of the token's subject with
 * the key, Fulcio's proof that the requester holds it.
 */
async function requestCertificate(fulcioUrl, token, publicKeyPem, proof, http) {
    const url = new URL('api/v2/signingCert', withSlash(fulcioUrl));
    const body = JSON.stringify({
        credentials: { oidcIdentityToken: token.jwt },
        publicKeyRequest: {
            publicKey: { algorithm: 'ECDSA', content: publicKeyPem },
            proofOfPossession: proof.toString('base64')
        }
    });
    const res = await post(url, body, http, 'Fulcio', 'sigstore-fulcio-url');
    const parsed = parseJson(res, 'Fulcio', url);
    const certificates = (parsed.signedCertificateEmbeddedSct ?? parsed.signedCertificateDetachedSct)?.chain
        ?.certificates;
    if (!certificates?.length) {
        throw new errors/* UserError */.yo(`Fulcio at ${url.origin} answered without a certificate. Check 'sigstore-fulcio-url'; it must be a Fulcio (v2 API).`);
    }
    const san = new external_node_crypto_.X509Certificate(certificates[0]).subjectAltName ?? '';
    const identity = /(?:URI|email):([^,]+)/.exec(san)?.[1] ?? san;
    return { certificates, identity };
}
/**
 * Records a signature in Rekor as a `hashedrekord` entry: the payload's SHA-256, the signature, and the
 * certificate (or public key) that verifies it.
 */
async function recordInRekor(rekorUrl, entry, http) {
    const url = new URL('api/v1/log/entries', withSlash(rekorUrl));
    const body = JSON.stringify({
        apiVersion: '0.0.1',
        kind: 'hashedrekord',
        spec: {
            data: { hash: { algorithm: 'sha256', value: entry.payloadSha256Hex } },
            signature: {
                content: entry.signature.toString('base64'),
                publicKey: { content: Buffer.from(entry.verifierPem, 'utf8').toString('base64') }
            }
        }
    });
    const res = await post(url, body, http, 'Rekor', 'sigstore-rekor-url');
    const parsed = parseJson(res, 'Rekor', url);
    const [uuid, e] = Object.entries(parsed)[0] ?? [];
    if (!uuid || !e?.body || e.logIndex === undefined || !e.verification?.signedEntryTimestamp) {
        throw new errors/* UserError */.yo(`Rekor at ${url.origin} answered without a signed log entry. Check 'sigstore-rekor-url'; it must be a Rekor (v1 API).`);
    }
    const bundle = JSON.stringify({
        SignedEntryTimestamp: e.verification.signedEntryTimestamp,
        Payload: { body: e.body, integratedTime: e.integratedTime, logIndex: e.logIndex, logID: e.logID }
    });
    return {
        uuid,
        logIndex: e.logIndex,
        integratedTime: e.integratedTime ?? 0,
        url: `${url.href}/${uuid}`,
        bundle
    };
}
function withSlash(base) {
    return base.endsWith('/') ? base : `${base}/`;
}
async function post(url, body, http, service, input) {
    const res = await (0,retry/* withRetry */.bD)(`POST ${url.pathname}`, () => http
        .request({
        method: 'POST',
        url,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body
    })
        .then(r => {
        if (r.status >= 500 || r.status === 429)
            throw new errors/* HttpStatusError */.F9(`HTTP ${r.status}`, r.status, `POST ${url.pathname}`);
        return r;
    }), retry/* classifyHttpFailure */.ZZ).catch((err) => {
        if (err instanceof errors/* HttpStatusError */.F9)
            throw new errors/* UserError */.yo(`${service} at ${url.origin} failed (HTTP ${err.status}). Try again later, or check '${input}'.`);
        throw new errors/* UserError */.yo(`Could not reach ${service} at ${url.origin}: ${err.message} Check '${input}' and the runner's proxy settings.`);
    });
    if (res.status !== 201 && res.status !== 200) {
        const said = res.body.toString('utf8').trim().split('\n')[0].slice(0, 200);
        throw new errors/* UserError */.yo(`${service} at ${url.origin} refused the request (HTTP ${res.status}${said ? `: ${said}` : ''}). Check '${input}'${service === 'Fulcio' ? " and that it trusts GitHub's OIDC issuer" : ''}.`);
    }
    return res;
}
function parseJson(res, service, url) {
    try {
        return JSON.parse(res.body.toString('utf8'));
    }
    catch {
        throw new errors/* UserError */.yo(`${service} at ${url.origin} did not answer in JSON. Check the URL input for it.`);
    }
}

;// CONCATENATED MODULE: ./src/signing/sign.ts
// Signing one pushed digest: the signer made ready before any upload (the key decrypted, or the job's OIDC
// token shown to be there), then after the push the simple-signing payload signed, keyless signatures recorded
// in Rekor, and the signature appended to the digest's `sha256-<hex>.sig` tag. This module is the entry of the
// signing chunk: main loads it with a dynamic import only when `sign` is set, so an unsigned push loads none
// of it (nor tweetnacl).







/**
 * Makes the signer ready: `key` decrypts the key now (a wrong passphrase fails here, before any upload);
 * `keyless` asks the runner for the job's OIDC token now (no `id-token: write` fails here), and again when it
 * signs, since the token lives minutes and a push can take longer.
 */
async function prepareSigner(options, env, http) {
    if (options.mode === 'key') {
        const key = loadSigningKey(options.key, options.passphrase);
        return {
            mode: 'key',
            publicKeyPem: key.publicKeyPem,
            sign: target => signAll(target, key.privateKey, () => Promise.resolve({}))
        };
    }
    // The runner's request token is a credential too: masked like the tokens it gets.
    if (env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
        (0,actions/* setSecret */.Pq)(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
    const first = await requestOidcToken(env, http);
    (0,actions/* setSecret */.Pq)(first.jwt);
    return {
        mode: 'keyless',
        issuer: first.issuer,
        sign: async (target) => {
            const token = await requestOidcToken(env, http);
            (0,actions/* setSecret */.Pq)(token.jwt);
            // An ephemeral key: it signs this push's payloads, its certificate expires in minutes, it is never kept.
            const ephemeral = (0,external_node_crypto_.generateKeyPairSync)('ec', { namedCurve: 'prime256v1' });
            const publicKeyPem = ephemeral.publicKey.export({ format: 'pem', type: 'spki' }).toString();
            const proof = (0,external_node_crypto_.sign)('sha256', Buffer.from(token.subject, 'utf8'), ephemeral.privateKey);
            const chain = await requestCertificate(options.fulcioUrl, token, publicKeyPem, proof, http);
            return signAll(target, ephemeral.privateKey, async (payload, signature) => {
                const rekor = await recordInRekor(options.rekorUrl, {
                    payloadSha256Hex: (0,external_node_crypto_.createHash)('sha256').update(payload).digest('hex'),
                    signature,
                    verifierPem: chain.certificates[0]
                }, http);
                return {
                    annotations: {
                        [ANNOTATION.certificate]: chain.certificates[0],
                        [ANNOTATION.chain]: chain.certificates.slice(1).join(''),
                        [ANNOTATION.bundle]: rekor.bundle
                    },
                    result: { identity: chain.identity, issuer: token.issuer, rekor }
                };
            });
        }
    };
}
/** How often the signature tag is written before another writer's changes count as a failure. */
const MAX_WRITES = 3;
const INDEX_TYPES = new Set([
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json'
]);
/**
 * Signs the digest and, for an index, each of its images, as `podman push --sign-by-sigstore` and `cosign sign
 * --recursive` do: containers/image (podman, CRI-O, OpenShift's nodes) pulls one platform's image out of an index
 * and requires a signature of that image's own digest, while cosign verifies the index's.
 */
async function signAll(target, key, prove) {
    const manifest = await target.registry.getManifest(target.repository, target.digest);
    let instances = [];
    if (INDEX_TYPES.has(manifest.mediaType)) {
        instances = ((0,oci/* parseManifest */.Ng)(manifest.body).manifests ?? []).map(m => m.digest).filter(Boolean);
    }
    const top = await attach(target, key, prove);
    for (const digest of instances)
        await attach({ ...target, digest }, key, prove);
    return { ...top, instances };
}
async function attach(target, key, prove) {
    const payload = simpleSigningPayload(target.dockerReference, target.digest);
    // ECDSA signatures are ASN.1 DER, RSA ones PKCS #1 v1.5, both over SHA-256: what sigstore's verifiers expect.
    const signature = (0,external_node_crypto_.sign)('sha256', payload, key);
    const { annotations = {}, result = {} } = await prove(payload, signature);
    const tag = (0,attachments/* signatureTag */.bG)(target.digest);
    const layer = {
        payload,
        annotations: { [ANNOTATION.signature]: signature.toString('base64'), ...annotations }
    };
    // Another job may append to the same tag between this read and this write (a re-run, a promotion of the same
    // digest): the tag is read back, and written again over the other's when this signature is not in it.
    let added = false;
    let signatures = 0;
    for (let attempt = 1;; attempt++) {
        const existing = await target.registry.findManifest(target.repository, tag);
        const next = appendSignature(existing?.body, layer);
        signatures = next.signatures;
        if (!next.added)
            break;
        for (const blob of next.blobs)
            await target.registry.pushBlob(target.repository, blob.digest, blob.bytes);
        await target.registry.putManifest(target.repository, tag, {
            digest: '',
            mediaType: ATTACHMENT_MEDIA_TYPE,
            body: next.manifest
        });
        added = true;
        const after = await target.registry.findManifest(target.repository, tag);
        if (after && !appendSignature(after.body, layer).added) {
            signatures = parseAttachment(after.body).layers.length;
            break;
        }
        if (attempt === MAX_WRITES) {
            throw new errors/* UserError */.yo(`The signature tag ${tag} kept being replaced by other writers (${MAX_WRITES} tries). Run the job again once the other jobs signing this digest are done.`);
        }
    }
    return {
        signature: `${target.dockerReference}:${tag}`,
        signatures,
        added,
        ...result
    };
}


/***/ })

};
