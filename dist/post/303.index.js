export const id = 303;
export const ids = [303];
export const modules = {

/***/ 303:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  restoreEngine: () => (/* binding */ restoreEngine)
});

// UNUSED EXPORTS: chooseEngine

// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
;// CONCATENATED MODULE: ./src/registry/reference.ts
// The name grammar of the distribution spec and of OpenShift, as pure functions that throw UserError.

/** A tag: word characters first, then word characters, dots and dashes; 128 at most (distribution spec). */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** An ImageStream or project name: a lowercase DNS-1123 subdomain. */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A namespace: a DNS-1123 label. */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** One path component of a repository name (distribution spec). */
const PATH_COMPONENT = /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*$/;
/** A registry host: a domain or an IPv4 address, with an optional port. */
const HOST = /^(localhost|\[[0-9a-fA-F:]+\]|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*)(:[0-9]{1,5})?$/;
/** Whether a registry host is on 127.0.0.0/8 (or localhost), which Docker treats as an insecure registry. */
function isLoopbackHost(host) {
    const name = host.replace(/:\d+$/, '');
    return name === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(name) || name === '[::1]';
}
const DIGEST = /^sha256:[a-f0-9]{64}$/;
function validateTag(tag, input = 'tags') {
    if (!TAG.test(tag)) {
        const why = tag.length > 128
            ? `is ${tag.length} characters long (128 at most)`
            : 'has characters a tag may not have';
        throw new UserError(`Input '${input}': the tag '${printable(tag)}' ${why}. A tag is letters, digits, '_', '.' and '-', not starting with '.' or '-'.`);
    }
    return tag;
}
function validateImageName(name) {
    if (name.length === 0)
        throw new UserError("Input 'image': required. Give the image's name in Rahti, e.g. 'my-app'.");
    if (name.length > 253 ||
        !DNS1123_SUBDOMAIN.test(name) ||
        !name.split('.').every(p => PATH_COMPONENT.test(p))) {
        throw new UserError(`Input 'image': '${printable(name)}' is not a valid ImageStream name. Use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (at most 253).`);
    }
    return name;
}
function validateProject(project) {
    if (project.length > 63 || !DNS1123_LABEL.test(project)) {
        throw new UserError(`Input 'project': '${printable(project)}' is not a valid Rahti project (namespace) name. Use lowercase letters, digits and '-', at most 63, e.g. 'my-project' (not the CSC project number).`);
    }
    return project;
}
/** Normalises a registry host: a scheme and trailing slash are tolerated and dropped. */
function validateRegistryHost(value) {
    const host = value.replace(/^https?:\/\//, '').replace(/\/+$/, '');
    if (!HOST.test(host) || host.length > 255) {
        throw new UserError(`Input 'registry': '${printable(value)}' is not a registry host. Give a host with an optional port, e.g. 'image-registry.apps.2.rahti.csc.fi'.`);
    }
    return host.toLowerCase();
}
/**
 * Parses `[host[:port]/]path[:tag][@digest]`. The first component is a host when it has a dot or a colon
 * or is `localhost`, as Docker decides.
 */
function parseReference(ref) {
    let rest = ref;
    let digest;
    const at = rest.indexOf('@');
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        if (!DIGEST.test(digest))
            return undefined;
    }
    let tag;
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        if (!TAG.test(tag))
            return undefined;
    }
    const parts = rest.split('/');
    let registry;
    if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
        registry = parts.shift().toLowerCase();
        if (!HOST.test(registry))
            return undefined;
    }
    if (parts.length === 0 || !parts.every(p => PATH_COMPONENT.test(p)))
        return undefined;
    return { registry, repository: parts.join('/'), tag, digest };
}
/**
 * Splits the `tags` input on white space, commas and new lines. A full reference (what docker/metadata-action
 * prints) is accepted as its tag; whether it names the right registry and stream is checked once those are known.
 */
function parseTags(value, image) {
    const items = value.split(/[\s,]+/).filter(s => s.length > 0);
    if (items.length === 0)
        return [{ tag: 'latest', raw: 'latest' }];
    const tags = [];
    for (const raw of items) {
        let requested;
        const short = /^([^/:@]+):([^/:@]+)$/.exec(raw);
        if (short && short[1] === image) {
            // `image: app` with docker/metadata-action's `images: app` gives `app:main`: the tag is `main`.
            requested = { tag: validateTag(short[2]), raw };
        }
        else if (short) {
            throw new UserError(`Input 'tags': '${printable(raw)}' names the image '${printable(short[1])}', not '${image}'. List bare tags such as '${printable(short[2])}', or references to '${image}'.`);
        }
        else if (!raw.includes('/') && !raw.includes('@')) {
            requested = { tag: validateTag(raw), raw };
        }
        else {
            const reference = parseReference(raw);
            if (!reference || !reference.tag || reference.digest) {
                throw new UserError(`Input 'tags': '${printable(raw)}' is neither a tag nor a reference of the form <registry>/<project>/${image}:<tag>. List tags such as 'v1.2.3', or references to this image.`);
            }
            const name = reference.repository.split('/').pop();
            if (name !== image || reference.repository.split('/').length !== 2) {
                throw new UserError(`Input 'tags': '${printable(raw)}' refers to another image than '${image}'. Each reference must be <registry>/<project>/${image}:<tag>; push other images in a step of their own.`);
            }
            requested = { tag: reference.tag, reference, raw };
        }
        if (!tags.some(t => t.tag === requested.tag))
            tags.push(requested);
    }
    return tags;
}
/**
 * Checks full references against the registry and project of the push, as far as they are known: from the
 * inputs at first, and again once the cluster has said which they are, still before anything is created.
 */
function checkTagReferences(tags, registry, project, image) {
    for (const t of tags) {
        if (!t.reference)
            continue;
        const [refProject] = t.reference.repository.split('/');
        const otherRegistry = registry !== undefined && t.reference.registry !== undefined && t.reference.registry !== registry;
        if (otherRegistry || (project !== undefined && refProject !== project)) {
            throw new UserError(`Input 'tags': '${t.raw}' is not ${registry ?? '<registry>'}/${project ?? '<project>'}/${image}. Give bare tags, or references to the registry and project this step pushes to.`);
        }
    }
}
/** Quotes user text for an error message without letting control characters (or a newline) into the log. */
function printable(value, max = 80) {
    // eslint-disable-next-line no-control-regex
    const clean = value.replace(/[\u0000-\u001f\u007f]/g, c => (c === '\n' ? '\\n' : '?'));
    return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

;// CONCATENATED MODULE: ./src/image/source.ts
// What the `source` input names, told apart once: a local image (a name or an ID in an engine's store), a
// transport reference of the containers tools (an archive, an OCI layout, the Podman/Buildah storage), or an
// image on a registry. Pure functions: which engine has a local image is the factory's question.


const TRANSPORTS = ['docker-archive', 'oci-archive', 'oci', 'containers-storage'];
/** A local name or ID, or a registry reference: letters, digits and the separators of image references. */
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/;
function source_parseSource(value) {
    // Control characters (a line break, a tab): never part of a reference, and a sign of a pasting mistake.
    if (value.length > 1024 || [...value].some(c => c.charCodeAt(0) < 0x20 || c === '\u007f')) {
        throw notAReference(value);
    }
    const transport = TRANSPORTS.find(t => value.startsWith(`${t}:`));
    if (!transport && /\s/.test(value))
        throw notAReference(value);
    const docker = /^docker:\/\/(.*)$/.exec(value);
    if (docker) {
        const remote = parseRemote(docker[1], true);
        if (!remote)
            throw notAReference(value);
        return { kind: 'remote', reference: value, remote };
    }
    if (transport) {
        const rest = value.slice(transport.length + 1);
        if (!rest)
            throw notAReference(value);
        // Blanks are ordinary in a path (`d i r/a b.tar`), never in an image name.
        if (transport === 'containers-storage') {
            if (/\s/.test(rest))
                throw notAReference(value);
            return { kind: 'transport', transport, reference: value };
        }
        // A path, then an optional `:REF` (skopeo's own split: the part after the last colon of the last path element).
        const path = transport === 'docker-archive' ? rest : rest.replace(/:[^/:]*$/, '');
        return { kind: 'transport', transport, reference: value, path };
    }
    if (!REFERENCE.test(value))
        throw notAReference(value);
    return { kind: 'local', reference: value, remote: parseRemote(value, false) };
}
/**
 * A reference whose first part is a registry host (it has a `.` or a `:`, or is `localhost`: Docker's rule),
 * or with `implicitHub`, one without (Docker Hub, as `docker://alpine` means).
 */
function parseRemote(value, implicitHub) {
    const ref = parseReference(value);
    if (!ref || (!ref.registry && !implicitHub))
        return undefined;
    const host = ref.registry ?? 'docker.io';
    const repository = host === 'docker.io' && !ref.repository.includes('/') ? `library/${ref.repository}` : ref.repository;
    return { host, repository, tag: ref.tag ?? (ref.digest ? undefined : 'latest'), digest: ref.digest };
}
/** The registry image a source names, if it names one (a local name may, and is looked for locally first). */
function remoteOf(spec) {
    return spec.kind === 'transport' ? undefined : spec.remote;
}
/** `docker://host/repository@digest`, or with the tag when no digest is known. */
function remoteReference(remote, digest = remote.digest) {
    return `docker://${remote.host}/${remote.repository}${digest ? `@${digest}` : `:${remote.tag}`}`;
}
function notAReference(value) {
    return new errors/* UserError */.yo(`Input 'source': '${printable(value)}' is not an image reference. Give a local image ('my-app:latest'), an archive or layout ('docker-archive:app.tar', 'oci-archive:app.tar', 'oci:dir:tag'), 'containers-storage:NAME', or a remote image ('docker://quay.io/org/app:tag').`);
}

// EXTERNAL MODULE: ./src/util/exec.ts
var exec = __webpack_require__(895);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/util/actions.ts + 1 modules
var actions = __webpack_require__(578);
// EXTERNAL MODULE: ./src/util/job-dir.ts
var job_dir = __webpack_require__(621);
;// CONCATENATED MODULE: ./src/util/retry.ts
// Retries with exponential backoff for failures that another try can cure (429, 502-504, resets,
// timeouts), honouring Retry-After. Everything else (401, 403, 404, bad input) fails at once.


/** Four tries over about seven seconds: enough for a rolling restart of the registry, short for a real outage. */
const DEFAULT_RETRY = { attempts: 4, baseDelayMs: 1000, maxDelayMs: 30_000 };
const TRANSIENT_STATUSES = new Set([408, 429, 502, 503, 504]);
const TRANSIENT_CODES = new Set([
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    'ECONNABORTED',
    'EAI_AGAIN',
    'UND_ERR_SOCKET',
    'ETRUNCATED',
    // A body that stopped flowing (util/http.ts's stream).
    'ESTALLED'
]);
/** The one decision for HTTP: a transient status (with the server's Retry-After) or a dropped connection. */
function classifyHttpFailure(err) {
    if (err instanceof errors/* HttpStatusError */.F9)
        return { retry: TRANSIENT_STATUSES.has(err.status), afterMs: err.retryAfterMs };
    return { retry: err instanceof errors/* NetworkError */.Dr && TRANSIENT_CODES.has(err.code) };
}
async function withRetry(what, fn, classify, policy = DEFAULT_RETRY, sleep = ms => new Promise(r => setTimeout(r, ms))) {
    for (let attempt = 1;; attempt++) {
        try {
            return await fn();
        }
        catch (err) {
            const decision = classify(err);
            if (!decision.retry)
                throw err;
            if (attempt >= policy.attempts)
                throw exhausted(what, attempt, err);
            const growing = Math.min(policy.maxDelayMs, policy.baseDelayMs * (policy.factor ?? 2) ** (attempt - 1));
            const backoff = policy.jitter ? Math.round(Math.random() * growing) : growing;
            const wait = Math.min(policy.maxDelayMs, Math.max(backoff, decision.afterMs ?? 0));
            core.info(`${what} failed (${messageOf(err)}); try ${attempt + 1} of ${policy.attempts} in ${wait} ms`);
            await sleep(wait);
        }
    }
}
const exhaustedErrors = new WeakSet();
/** Whether this error is the last of a run of tries that all failed (its message says so already). */
function outlastedRetries(err) {
    return err instanceof Error && exhaustedErrors.has(err);
}
/**
 * A failure that outlasted every try: the server (or the path to it) is down or overloaded, which no input can
 * fix, so the message says so, with the last answer. The error keeps its type (callers still tell a status from
 * a dropped connection); only its message grows.
 */
function exhausted(what, attempts, err) {
    if (!(err instanceof Error))
        return err;
    const last = lastLine(err.message, 'no answer');
    exhaustedErrors.add(err);
    err.message = `${what} failed ${attempts} times, the last with: ${last}. The server is unavailable or overloaded; run the job again later.`;
    return err;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(24);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
;// CONCATENATED MODULE: ./src/engines/docker-endpoint.ts
// Which Docker engine this run talks to, decided once at the start as the user's own `docker` would decide it:
// DOCKER_HOST (with DOCKER_TLS_VERIFY / DOCKER_CERT_PATH), else the context selected by DOCKER_CONTEXT or the
// configuration's `currentContext`, else the local socket. The context is read from the files the CLI keeps
// (contexts/meta/<sha256 of its name>/meta.json and contexts/tls/...), not by starting `docker context inspect`:
// the answer is the same and no process is started. The pinned form is saved in the session, so that the post
// step reaches the same engine.





const DEFAULT_SOCKET = '/var/run/docker.sock';
/**
 * The endpoint of the context the user's docker would use, as saved in the session, or '' for the default
 * engine (DOCKER_HOST set, or no context selected), which the environment itself names.
 */
function pinEndpoint(env = process.env) {
    if (env.DOCKER_HOST)
        return '';
    const context = env.DOCKER_CONTEXT || currentContext(env);
    if (!context || context === 'default')
        return '';
    const id = (0,external_node_crypto_.createHash)('sha256').update(context).digest('hex');
    const meta = external_node_path_default().join(dockerConfigDir(env), 'contexts', 'meta', id, 'meta.json');
    let endpoint;
    try {
        const parsed = JSON.parse((0,external_node_fs_.readFileSync)(meta, 'utf8'));
        endpoint = parsed.Endpoints?.docker;
    }
    catch (err) {
        const why = err.code === 'ENOENT' ? 'it does not exist' : err.message;
        throw new errors/* UserError */.yo(`The Docker context '${context}' selected in the Docker configuration cannot be read: ${why}. Select an existing one with \`docker context use\`, or set DOCKER_HOST.`);
    }
    if (!endpoint?.Host)
        return '';
    const tls = external_node_path_default().join(dockerConfigDir(env), 'contexts', 'tls', id, 'docker');
    const pinned = {
        host: endpoint.Host,
        tls: (0,external_node_fs_.existsSync)(tls) ? tls : undefined,
        skipVerify: endpoint.SkipTLSVerify
    };
    return JSON.stringify(pinned);
}
/** The address of the engine: the pinned context's, else DOCKER_HOST's, else the local socket. */
function engineAddress(pinned, env = process.env) {
    if (pinned) {
        const endpoint = JSON.parse(pinned);
        const tls = endpoint.tls ? { ...readTls(endpoint.tls), verify: !endpoint.skipVerify } : undefined;
        return parseHost(endpoint.host, tls);
    }
    const host = env.DOCKER_HOST;
    if (!host)
        return { kind: 'unix', socketPath: DEFAULT_SOCKET, display: `unix://${DEFAULT_SOCKET}` };
    // As the CLI: TLS when DOCKER_TLS_VERIFY is set (checked against the CA) or DOCKER_TLS is (not checked),
    // with the files of DOCKER_CERT_PATH, by default ~/.docker.
    const verify = !!env.DOCKER_TLS_VERIFY;
    const tls = verify || env.DOCKER_TLS
        ? { ...readTls(env.DOCKER_CERT_PATH || dockerConfigDir(env)), verify }
        : undefined;
    return parseHost(host, tls);
}
/** DOCKER_HOST (and its TLS settings) for the CLI, where it is still used (ssh://), from a pinned endpoint. */
function endpointEnv(pinned) {
    if (!pinned)
        return {};
    const endpoint = JSON.parse(pinned);
    return {
        DOCKER_HOST: endpoint.host,
        DOCKER_CONTEXT: undefined,
        ...(endpoint.tls
            ? { DOCKER_CERT_PATH: endpoint.tls, DOCKER_TLS_VERIFY: endpoint.skipVerify ? undefined : '1' }
            : {})
    };
}
function parseHost(host, tls) {
    const scheme = /^([a-z]+):\/\//.exec(host)?.[1];
    if (scheme === 'unix')
        return { kind: 'unix', socketPath: host.slice('unix://'.length), display: host };
    if (scheme === 'ssh')
        return { kind: 'ssh', display: host };
    if (scheme === 'tcp' || scheme === 'http' || scheme === 'https') {
        const url = new URL(host.replace(/^tcp:/, 'http:'));
        const secure = tls ?? (scheme === 'https' ? { verify: true } : undefined);
        return {
            kind: 'tcp',
            host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
            port: Number(url.port) || (secure ? 2376 : 2375),
            tls: secure,
            display: host
        };
    }
    throw new errors/* UserError */.yo(`The Docker host '${host}' is not one this action can reach (unix://, tcp:// or ssh://). Set DOCKER_HOST, or select another Docker context.`);
}
function readTls(dir) {
    const read = (name) => {
        const file = external_node_path_default().join(dir, name);
        return (0,external_node_fs_.existsSync)(file) ? (0,external_node_fs_.readFileSync)(file) : undefined;
    };
    return { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') };
}
function dockerConfigDir(env) {
    return env.DOCKER_CONFIG || external_node_path_default().join(external_node_os_default().homedir(), '.docker');
}
function currentContext(env) {
    try {
        const config = JSON.parse((0,external_node_fs_.readFileSync)(external_node_path_default().join(dockerConfigDir(env), 'config.json'), 'utf8'));
        return config.currentContext;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/image/oci.ts
var oci = __webpack_require__(840);
;// CONCATENATED MODULE: ./src/engines/engine.ts
// The container engine behind a small interface: the factory picks one, and the same instance serves the
// preflight, the push and (rebuilt from its saved session) the post step.

/**
 * The `engine` input's values. Here, beside the interface, rather than in the factory: reading the inputs comes
 * before the main step's first request, and this module loads none of the engines' code.
 */
const ENGINE_CHOICES = (/* unused pure expression or super */ null && (['auto', 'docker', 'podman', 'buildah', 'skopeo']));
/**
 * The pushed tag as the preflight read it, when it already holds the source: nothing need be uploaded or put,
 * and that read is the tag's read-back. Told from the image's identity alone (its config digest, Docker's classic
 * image ID; or an index's own digest), so an engine can answer an unchanged image before it knows how it would
 * have moved the bytes.
 */
async function heldByTag(context, id) {
    const read = await context.tagManifests?.catch(() => undefined);
    const manifest = read?.get(context.tag);
    if (!manifest || (0,oci/* imageIdentity */.a)(manifest) !== id)
        return undefined;
    return { digest: manifest.digest, manifest, tagSeen: manifest.digest };
}

// EXTERNAL MODULE: ./src/engines/failures.ts
var failures = __webpack_require__(912);
;// CONCATENATED MODULE: ./src/engines/push-progress.ts
// What a long push has done so far, read from the Docker engine's push stream (one JSON message per event,
// per layer), or counted by the action's own upload of the layers (docker-layers.ts): a line every few seconds
// while it runs (layers done of all, bytes sent of those being sent) and one at the end, in place of the engine's
// line per layer and per progress tick.
class PushProgress {
    print;
    now;
    everyMs;
    layers = new Map();
    /** Layers the engine is counting down to another try for. */
    retrying = new Set();
    started;
    lastLine;
    /**
     * Whether the sizes of the layers being sent are known while they are sent: the engine's stream says them; a
     * layer compressed on the way has its size only at its end, so its running line gives bytes sent alone.
     */
    sizesKnown = true;
    constructor(print, now = Date.now, 
    /** How long between two lines while the push runs; the first comes this long after the start. */
    everyMs = 5000) {
        this.print = print;
        this.now = now;
        this.everyMs = everyMs;
        this.started = now();
        this.lastLine = this.started;
    }
    /** Takes one message of the stream; prints a line when the last one is old enough. */
    take(message) {
        if (message.id && message.status) {
            // The engine tries a layer again after a failed upload, counting the wait down second by second: said
            // once per try, as it starts.
            const retrying = message.status.startsWith('Retrying in');
            if (retrying && !this.retrying.has(message.id)) {
                this.print(`The engine tries layer ${message.id} again: ${message.status}`);
            }
            if (retrying)
                this.retrying.add(message.id);
            else
                this.retrying.delete(message.id);
            this.update(message.id, message.status, message.progressDetail);
        }
        this.tick();
    }
    /**
     * The action's own count for a layer it uploads (`sent` bytes so far, its `size` once known), finds in the
     * registry already (`present`), or has finished (`done`): the same lines as the engine's stream gives.
     */
    count(id, change) {
        this.sizesKnown = false;
        const layer = this.layers.get(id) ?? { done: false, present: false, sent: 0, size: 0 };
        this.layers.set(id, { ...layer, ...change });
        this.tick();
    }
    /** A push that found every layer in the registry already: each counted as there, then the closing line. */
    allPresent(ids) {
        for (const id of new Set(ids))
            this.count(id, { done: true, present: true });
        this.finish();
    }
    /** Drops a layer counted under a name it turned out not to have (its diffID was learnt at its end). */
    forget(id) {
        this.layers.delete(id);
    }
    /** Prints the running line when the last one is old enough. */
    tick() {
        const now = this.now();
        if (now - this.lastLine >= this.everyMs) {
            this.lastLine = now;
            this.print(this.runningLine(now));
        }
    }
    /** The closing line, once the engine has said the push is done. */
    finish() {
        const layers = [...this.layers.values()];
        const present = layers.filter(l => l.present).length;
        const sent = layers.filter(l => !l.present);
        const bytes = sent.reduce((sum, l) => sum + l.size, 0);
        this.print(`Pushed ${plural(layers.length, 'layer')} in ${seconds(this.now() - this.started)}: ` +
            `${sent.length} sent (${megabytes(bytes)}), ${present} already in the registry`);
    }
    update(id, status, detail) {
        let layer = this.layers.get(id);
        if (!layer) {
            // Only layers are announced by id ("Preparing", "Waiting", ...); the closing digest line has none.
            layer = { done: false, present: false, sent: 0, size: 0 };
            this.layers.set(id, layer);
        }
        if (status === 'Pushing' && detail) {
            layer.sent = detail.current ?? layer.sent;
            layer.size = detail.total ?? layer.size;
        }
        else if (status === 'Pushed') {
            layer.done = true;
            layer.sent = layer.size;
        }
        else if (status === 'Layer already exists' || status.startsWith('Mounted from')) {
            layer.done = true;
            layer.present = true;
        }
    }
    runningLine(now) {
        const layers = [...this.layers.values()];
        const done = layers.filter(l => l.done).length;
        const sent = layers.reduce((sum, l) => sum + l.sent, 0);
        const size = layers.reduce((sum, l) => sum + l.size, 0);
        return (`Pushing: ${done} of ${plural(layers.length, 'layer')} done, ` +
            `${megabytes(sent)}${this.sizesKnown ? ` of ${megabytes(size)}` : ''} sent (${seconds(now - this.started)})`);
    }
}
function plural(n, what) {
    return `${n} ${what}${n === 1 ? '' : 's'}`;
}
function megabytes(bytes) {
    if (bytes > 0 && bytes < 1e5)
        return `${(bytes / 1e3).toFixed(1)} kB`;
    return `${(bytes / 1e6).toFixed(1)} MB`;
}
function seconds(ms) {
    return `${(ms / 1000).toFixed(1)} s`;
}

;// CONCATENATED MODULE: ./src/engines/docker.ts
// Docker: the source inspected, tagged by its ID, pushed and untagged through the Engine API in process
// (docker-api.ts), with the registry login in the push request's X-Registry-Auth header: nothing of the login
// is written to disk, and the post step has nothing of Docker's to remove. Two exceptions keep the CLI: with
// `logout: false` the login is made by `docker login` where later steps find it (the user's own configuration),
// and an ssh:// endpoint, which the CLI reaches through ssh, is driven by the CLI (docker-cli.ts) with a login in
// a DOCKER_CONFIG of the job's own. The endpoint is pinned at the start, so that a context the user selected
// (`docker context use`, as rootless set-ups do) is the engine of every call.
//
// On the classic image store the action moves the layers itself (docker-layers.ts): the daemon's push gzips each
// layer on one core, opens a new connection for each of its registry requests and re-checks an unchanged image
// layer by layer, which made it the slowest part of a push (issue 19). The export by image ID makes no local name,
// so that path leaves nothing for the post step, and another job retagging the name cannot change what is sent.
// The containerd image store keeps the daemon's push: it stores the layers compressed, with the digests the
// registry knows them by, so its push sends stored bytes and skips what the registry has without any gzip; an
// export would only decompress what it then has to compress again. The CLI over ssh:// keeps it too (the API is
// not reached in process there).











/** How often the local name is made again from the image ID when another job removed it before the push. */
const NAME_ATTEMPTS = 3;
class DockerEngine {
    session;
    saveSession;
    name = 'docker';
    client;
    /** The endpoint is ssh://, reached by the CLI. */
    viaCli = false;
    /** The registry login, in memory only: the daemon's push takes it as its X-Registry-Auth header. */
    credentials;
    /** The layers' diffIDs of each image resolved, by image ID. */
    diffIds = new Map();
    /** Whether the engine uses the containerd image store, asked once (while the run does other things). */
    containerdStore;
    /** Layers this run uploaded itself, kept across tries of the push (each is confirmed by a HEAD before use). */
    uploaded = new Map();
    /** The mover's chunk, loaded while the cluster is asked once the store is known to be classic. */
    mover;
    constructor(session, saveSession = () => undefined) {
        this.session = session;
        this.saveSession = saveSession;
    }
    /** Nothing to prepare: the API push needs no configuration directory. */
    async prepare() { }
    async resolveSource(reference) {
        const client = await this.connect();
        const found = await client.inspect(reference);
        // Asked once the source is known, while the cluster's answers are still coming, so that the push does not wait
        // for it; not before, as the engine takes 10-20 ms over /info and the inspect waited for it. On the classic
        // store the mover's chunk is loaded meanwhile too (its parse and compile were on the push's path).
        void this.storeKind(client).then(containerd => {
            if (!containerd && client.exportImage)
                void this.loadMover().catch(() => undefined);
        });
        if (!found)
            return undefined;
        if (found.RootFS?.Layers)
            this.diffIds.set(found.Id, found.RootFS.Layers);
        return {
            reference,
            id: found.Id,
            platforms: [(0,failures/* platformOf */.tj)(found.Os, found.Architecture, found.Variant)].filter(Boolean)
        };
    }
    async login(registryHost, token) {
        this.session.registryHost = registryHost;
        this.credentials = { registryHost, token };
        await this.connect();
        if (!this.session.logout)
            return this.keepLogin(registryHost, token);
        if (!this.viaCli)
            return;
        // The CLI over ssh reads the login from its configuration: the job's own directory, written as `docker
        // login` would write it (0600), removed by the post step.
        this.session.configDir ??= await (0,job_dir/* jobDirectory */.$)('rahti-docker-');
        const auth = Buffer.from(`unused:${token}`).toString('base64');
        actions/* setSecret */.Pq(auth);
        await (0,promises_.writeFile)(external_node_path_default().join(this.session.configDir, 'config.json'), `${JSON.stringify({ auths: { [registryHost]: { auth } } }, null, '\t')}\n`, { mode: 0o600 });
    }
    async push(source, target, context) {
        const client = await this.connect();
        if (context && client.exportImage) {
            // An unchanged image needs neither path: told from the tag the preflight read, without waiting for the
            // engine's /info (10-20 ms on a busy engine), which only says how new layers would travel.
            const held = await heldByTag(context, source.id);
            if (held) {
                new PushProgress(line => actions/* info */.pq(line)).allPresent(this.diffIds.get(source.id) ?? []);
                actions/* info */.pq(`The registry holds ${source.id} under ${target} already: nothing was exported or uploaded.`);
                return held;
            }
            if (!(await this.storeKind(client)))
                return this.moveLayers(client, source, target, context);
        }
        // Tagged by ID, not by name: another job may retag the name meanwhile; the ID always means this image.
        // Saved before the tag exists, so that a step stopped from here on still has the post step remove it.
        const names = this.session.localNames ?? [];
        if (!names.some(n => n.name === target)) {
            this.session.localNames = [...names, { name: target, id: source.id }];
            this.saveSession(this.session);
        }
        const authHeader = await this.daemonAuthHeader();
        for (let attempt = 1;; attempt++) {
            if (!(await client.tag(source.id, target)))
                throw sourceGone(source);
            try {
                return await client.push(target, authHeader, new PushProgress(line => actions/* info */.pq(line)));
            }
            catch (err) {
                // Another job on this engine pushing the same image and tag removed the shared name (its clean-up) between
                // this tag and this push. The ID still names this run's image: make the name again and push again; the
                // check of what reached the registry still decides whether it is the source.
                if (!(0,failures/* isNameGone */.pU)(err) || attempt >= NAME_ATTEMPTS)
                    throw err;
                actions/* info */.pq(`Another job on this Docker engine removed the name ${target} just before this push (its clean-up of the same name); named ${source.id} ${target} again and pushing again.`);
            }
        }
    }
    /** The login as the daemon's push takes it, made only on that path (the action's own upload sends the token itself). */
    async daemonAuthHeader() {
        if (!this.credentials)
            return undefined;
        const { registryAuthHeader } = await __webpack_require__.e(/* import() */ 226).then(__webpack_require__.bind(__webpack_require__, 226));
        const { registryHost, token } = this.credentials;
        const header = registryAuthHeader({ username: 'unused', password: token, serveraddress: registryHost });
        actions/* setSecret */.Pq(header);
        return header;
    }
    isTransient(err) {
        // The action's own upload (its requests tried once): a registry answer or a lost connection that another try
        // of the whole upload may cure, unless a request already outlasted tries of its own.
        return (0,failures/* isTransientPushFailure */.dG)(err) || (!outlastedRetries(err) && classifyHttpFailure(err).retry);
    }
    explainPushFailure(target, err) {
        // The action's own upload refused as the daemon's push would be: read the same way (a limit, a quota).
        if (err instanceof errors/* HttpStatusError */.F9 && (err.status === 401 || err.status === 403)) {
            return (0,failures/* explainPushFailure */.sA)('docker', target, new failures/* PushStreamError */.D1(err.message));
        }
        return (0,failures/* explainPushFailure */.sA)('docker', target, err);
    }
    loadMover() {
        this.mover ??= __webpack_require__.e(/* import() */ 594).then(__webpack_require__.bind(__webpack_require__, 594));
        return this.mover;
    }
    /** The engine's image store, asked once; an engine that cannot say keeps the daemon's push. */
    storeKind(client) {
        this.containerdStore ??= client.usesContainerdStore
            ? client.usesContainerdStore().catch(() => true)
            : Promise.resolve(true);
        return this.containerdStore;
    }
    /** The layers moved by the action (docker-layers.ts): exported by image ID, no local name made. */
    async moveLayers(client, source, target, context) {
        const diffIds = this.diffIds.get(source.id) ?? (await client.inspect(source.id))?.RootFS?.Layers;
        if (!diffIds)
            throw sourceGone(source);
        const controller = new AbortController();
        const done = (0,exec/* stopWithRun */._9)(`the push of ${target}`, () => controller.abort());
        try {
            const { moveImage } = await this.loadMover();
            const moved = await moveImage({
                ...context,
                // Its requests tried once: a failure retries the whole upload (pushFirstTag), as the daemon's push was.
                registry: context.registry.tryingOnce(),
                source: { id: source.id, diffIds },
                exportImage: signal => client.exportImage(source.id, signal),
                progress: new PushProgress(line => actions/* info */.pq(line)),
                signal: controller.signal,
                uploaded: this.uploaded
            });
            if (!moved.exported) {
                actions/* info */.pq(`The registry holds every layer and the config of ${source.id} already: nothing was exported or uploaded.`);
            }
            // What the mover read or put is handed back: the push stage checks it is the source without reading it again.
            return { digest: moved.digest, manifest: moved.manifest, tagSeen: moved.tagSeen };
        }
        catch (err) {
            if (controller.signal.aborted)
                throw new errors/* UserError */.yo(`The push of ${target} was stopped.`);
            throw err;
        }
        finally {
            done();
        }
    }
    async removeLocalNames() {
        const names = this.session.localNames ?? [];
        if (names.length === 0)
            return;
        const left = [];
        let client;
        try {
            client = await this.connect();
        }
        catch {
            // Docker could not be reached at all: the post step tries again.
            return;
        }
        for (const entry of names) {
            // Only a name still on this run's image, and only an untag: an image known by no other name is kept
            // (removing the name would delete the user's image).
            let seen;
            try {
                seen = await client.inspect(entry.name);
            }
            catch {
                left.push(entry);
                continue;
            }
            if (seen?.Id === entry.id && (seen.RepoTags?.length ?? 0) > 1) {
                await client.untag(entry.name).catch(() => undefined);
            }
        }
        this.session.localNames = left.length > 0 ? left : undefined;
        this.saveSession(this.session);
    }
    /** The engine's /info, when an unchanged image did not need it, is still out: it is given up, not waited for. */
    close() {
        void this.client?.then(client => client.close(), () => undefined);
    }
    async logout() {
        // Only the CLI's login over ssh is on disk, in the job's own directory, which goes whole: no docker process is
        // needed, so a missing or broken docker cannot keep it behind. With logout: false the login is kept on purpose.
        if (this.session.configDir)
            await (0,promises_.rm)(this.session.configDir, { recursive: true, force: true });
        if (this.client)
            (await this.client.catch(() => undefined))?.close();
        this.client = undefined;
    }
    /** The client for the pinned endpoint, made once: the API, or the CLI for ssh://. */
    connect() {
        this.client ??= (async () => {
            this.session.endpoint ??= pinEndpoint();
            const address = engineAddress(this.session.endpoint);
            if (address.kind === 'ssh') {
                this.viaCli = true;
                const { DockerCli } = await __webpack_require__.e(/* import() */ 108).then(__webpack_require__.bind(__webpack_require__, 108));
                return new DockerCli(this.cliEnv());
            }
            // Loaded on the Docker path only.
            const { DockerApi } = await __webpack_require__.e(/* import() */ 226).then(__webpack_require__.bind(__webpack_require__, 226));
            return new DockerApi(address);
        })();
        return this.client;
    }
    /** The CLI's environment: the job's config directory, and the pinned endpoint in place of a context. */
    cliEnv() {
        const env = { ...endpointEnv(this.session.endpoint) };
        if (this.session.configDir)
            env.DOCKER_CONFIG = this.session.configDir;
        return env;
    }
    /** `logout: false`: `docker login` in the user's own configuration, kept for later steps. */
    async keepLogin(registryHost, token) {
        const result = await (0,exec/* run */.eF)('docker', ['login', '--username', 'unused', '--password-stdin', registryHost], {
            input: token,
            env: this.cliEnv()
        });
        if (result.exitCode !== 0)
            throw loginError(registryHost, result.stderr);
    }
}
function sourceGone(source) {
    return new errors/* UserError */.yo(`The Docker engine no longer has the source ${source.reference} (${source.id}): something removed it after this run found it. Keep the image until the step has finished, and run the step again.`);
}
function loginError(registryHost, stderr) {
    const helper = /docker-credential-([\w.-]+)/.exec(stderr)?.[1];
    if (helper && /not found|no such file|executable file/i.test(stderr)) {
        return new errors/* UserError */.yo(`docker login to ${registryHost} failed: the Docker configuration names the credentials helper docker-credential-${helper} ("credsStore" or "credHelpers"), which is not installed on this runner. Remove it from the configuration, install the helper, or leave 'logout' at true so the login uses a configuration of the job's own.`);
    }
    return new errors/* UserError */.yo(`docker login to ${registryHost} failed: ${(0,errors/* lastLine */.fM)(stderr)}. Check that 'registry' is the cluster's registry route and that the Docker engine can reach it.`);
}

;// CONCATENATED MODULE: ./src/engines/containers.ts
// What Podman, Buildah and Skopeo share (the containers/image library under all three): a job directory of
// their own (0700, under RUNNER_TEMP) holding the registry login's auth file, the CA as a `--cert-dir`, and,
// only while a remote source is copied, the source registry's credentials; the login with the token on stdin;
// the digest a push wrote to a file.
// The post step deletes the directory, and with it every credential.







class ContainersEngine {
    session;
    options;
    /** The target registry answered HTTPS with plain HTTP at the login: a loopback registry, as Docker allows. */
    plainHttp = false;
    constructor(session, options = { trust: { insecureSkipTlsVerify: false } }) {
        this.session = session;
        this.options = options;
    }
    async prepare() {
        if (this.session.configDir)
            return;
        const dir = await (0,job_dir/* jobDirectory */.$)(`rahti-${this.name}-`);
        this.session.configDir = dir;
        if (this.options.trust.caPem) {
            await (0,promises_.mkdir)(external_node_path_default().join(dir, 'certs'), { mode: 0o700 });
            await (0,promises_.writeFile)(external_node_path_default().join(dir, 'certs', 'ca.crt'), this.options.trust.caPem, { mode: 0o600 });
        }
    }
    /**
     * Runs `fn` (the copy from a remote source) with the source registry's credentials in a 0600 auth file of the
     * job's directory, deleted again as soon as `fn` ends: the password is on disk only while the copy runs.
     * Written, not `login`: the password never on argv.
     */
    async withSourceAuth(fn) {
        const source = this.options.sourceCredentials;
        if (!source)
            return fn();
        await this.prepare();
        const auth = Buffer.from(`${source.username}:${source.password}`).toString('base64');
        await (0,promises_.writeFile)(this.sourceAuthFile, JSON.stringify({ auths: { [source.host]: { auth } } }), {
            mode: 0o600
        });
        try {
            return await fn();
        }
        finally {
            await (0,promises_.rm)(this.sourceAuthFile, { force: true });
        }
    }
    /**
     * `--authfile` (with `prefix`: `--dest-authfile`) of the registry login: the job's own, or none (the tool's
     * default) when the login is kept for later steps.
     */
    targetAuth(prefix = '') {
        return this.session.logout && this.session.configDir
            ? [`--${prefix}authfile`, external_node_path_default().join(this.session.configDir, 'auth.json')]
            : [];
    }
    get sourceAuthFile() {
        return external_node_path_default().join(this.session.configDir ?? '', 'source-auth.json');
    }
    /** `--authfile` (with `prefix`: `--src-authfile`) for the source registry, when credentials were given. */
    sourceAuth(prefix = '') {
        return this.options.sourceCredentials && this.session.configDir
            ? [`--${prefix}authfile`, this.sourceAuthFile]
            : [];
    }
    /**
     * TLS towards the target registry, given `prefix` (`dest-` for skopeo copy): the CA as a cert-dir;
     * verification off when asked, or on loopback without a CA, where Docker would not verify either.
     */
    targetTls(host, prefix = '') {
        const { caPem, insecureSkipTlsVerify } = this.options.trust;
        if (insecureSkipTlsVerify || this.plainHttp || (!caPem && isLoopbackHost(host))) {
            return [`--${prefix}tls-verify=false`];
        }
        if (caPem && this.session.configDir) {
            return [`--${prefix}cert-dir`, external_node_path_default().join(this.session.configDir, 'certs')];
        }
        return [];
    }
    async login(registryHost, token) {
        await this.prepare();
        this.session.registryHost = registryHost;
        const login = () => (0,exec/* run */.eF)(this.name, [
            'login',
            ...this.targetAuth(),
            ...this.targetTls(registryHost),
            '--username',
            'unused',
            '--password-stdin',
            registryHost
        ], { input: token });
        let result = await login();
        if (result.exitCode !== 0 && isLoopbackHost(registryHost) && PLAIN_HTTP.test(result.stderr)) {
            // Docker speaks plain HTTP to a registry on 127.0.0.0/8; these tools do when told to.
            this.plainHttp = true;
            result = await login();
        }
        if (result.exitCode !== 0) {
            throw new errors/* UserError */.yo(`${this.name} login to ${registryHost} failed: ${(0,failures/* toolMessage */.mb)(result.stderr)}. Check that 'registry' is the cluster's registry route, and 'certificate-authority' its CA if it has a private one.`);
        }
    }
    /** The digest the tool wrote with `--digestfile`, if it did. */
    async digestWritten(file) {
        const text = await (0,promises_.readFile)(file, 'utf8').catch(() => '');
        return /^sha256:[a-f0-9]{64}$/.test(text.trim()) ? text.trim() : undefined;
    }
    /** A fresh file name for `--digestfile`, in the job's directory. */
    digestFile() {
        return external_node_path_default().join(this.session.configDir ?? '', `digest-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    }
    isTransient(err) {
        return (0,failures/* isTransientPushFailure */.dG)(err);
    }
    explainPushFailure(target, err) {
        return (0,failures/* explainPushFailure */.sA)(this.name, target, err);
    }
    /** These engines push by ID or by transport reference: they make no local names. */
    async removeLocalNames() { }
    async logout() {
        const { configDir } = this.session;
        // The auth file is in the job's own directory (unless the login is kept): deleting it is the logout, and
        // needs no tool, so a missing or broken one cannot keep the credentials in place.
        if (configDir)
            await (0,promises_.rm)(configDir, { recursive: true, force: true });
    }
}
/** What Go's HTTP client says when an HTTPS request meets a plain-HTTP server. */
const PLAIN_HTTP = /server gave HTTP response to HTTPS client/;

;// CONCATENATED MODULE: ./src/engines/podman.ts
// Podman and Buildah: the image is in their shared storage (containers-storage), where redhat-actions'
// buildah-build leaves it and Docker cannot see it. Both push by image ID (the config digest), so no local
// name is made and no other job's retag can slip in between.



class StorageEngine extends ContainersEngine {
    async resolveSource(reference) {
        const name = reference.replace(/^containers-storage:/, '');
        const result = await (0,exec/* run */.eF)(this.name, this.inspectArgs(name));
        if (result.exitCode !== 0)
            return undefined;
        const [id, os, architecture, variant] = result.stdout.trim().split(/\s+/);
        if (!/^[a-f0-9]{64}$/.test(id))
            return undefined;
        return {
            reference,
            id: `sha256:${id}`,
            platforms: [(0,failures/* platformOf */.tj)(os, architecture, variant)].filter(Boolean)
        };
    }
    async push(source, target) {
        const digestFile = this.digestFile();
        const host = target.slice(0, target.indexOf('/'));
        await (0,exec/* runOrThrow */.nf)(this.name, [
            'push',
            ...this.targetAuth(),
            ...this.targetTls(host),
            '--digestfile',
            digestFile,
            source.id.replace(/^sha256:/, ''),
            `docker://${target}`
        ], { echo: true });
        return this.digestWritten(digestFile);
    }
}
class PodmanEngine extends StorageEngine {
    name = 'podman';
    inspectArgs(reference) {
        return ['image', 'inspect', '--format', '{{.Id}} {{.Os}} {{.Architecture}}', reference];
    }
}
class BuildahEngine extends StorageEngine {
    name = 'buildah';
    inspectArgs(reference) {
        return [
            'inspect',
            '--type',
            'image',
            '--format',
            '{{.FromImageID}} {{.OCIv1.OS}} {{.OCIv1.Architecture}} {{.OCIv1.Variant}}',
            reference
        ];
    }
}

// EXTERNAL MODULE: ./src/util/tar.ts
var tar = __webpack_require__(603);
;// CONCATENATED MODULE: ./src/image/archive.ts
// An archive or OCI layout given as the source, checked as the file or directory it is before skopeo reads it,
// so that each mistake is said in the action's words (a directory given as an archive, a layout of several images
// with none named, with the names it holds), and handed to skopeo as the ordinary path it is: skopeo's reference
// syntax splits `docker-archive:PATH` at the path's first colon, so it is given the file's own name and run in
// its directory.




/**
 * The reference for skopeo, or undefined when the path does not exist (the caller says the source is missing).
 * `name` is what followed the path (`oci:DIR:NAME`), if anything.
 */
async function archiveReference(transport, given, name, reference) {
    const full = external_node_path_default().resolve(given);
    const found = await (0,promises_.stat)(full).catch(() => undefined);
    if (!found)
        return undefined;
    const layout = transport === 'oci';
    if (layout && !found.isDirectory()) {
        throw new errors/* UserError */.yo(`Input 'source': ${given} is a file, not an OCI layout directory. For an archive give 'oci-archive:${given}' (an OCI tar) or 'docker-archive:${given}' (what \`docker save\` writes).`);
    }
    if (!layout && found.isDirectory()) {
        throw new errors/* UserError */.yo(`Input 'source': ${given} is a directory, not an archive file. Give the archive's file (what \`docker save -o FILE\` or a build's \`type=oci,dest=FILE\` wrote), or 'oci:${given}' if the directory is an OCI layout.`);
    }
    const base = external_node_path_default().basename(full);
    if (base.includes(':')) {
        throw new errors/* UserError */.yo(`Input 'source': the file name ${base} has a colon, which skopeo's references cannot carry (a colon in a directory's name is fine). Rename the file.`);
    }
    if (transport !== 'docker-archive' && !name)
        await checkOneImage(transport, full, given, reference);
    return { transportRef: `${transport}:${base}${name ? `:${name}` : ''}`, cwd: external_node_path_default().dirname(full) };
}
/** An OCI layout or archive of several images names none when no name is given: say which names it holds. */
async function checkOneImage(transport, full, given, reference) {
    const bytes = transport === 'oci'
        ? await (0,promises_.readFile)(external_node_path_default().join(full, 'index.json')).catch(() => undefined)
        : await tarMember(full, 'index.json');
    if (!bytes)
        return; // not a layout at all: skopeo's reading says what it is
    let index;
    try {
        index = JSON.parse(bytes.toString('utf8'));
    }
    catch {
        return;
    }
    const manifests = index.manifests ?? [];
    if (manifests.length <= 1)
        return;
    const names = manifests
        .map(m => m.annotations?.['org.opencontainers.image.ref.name'])
        .filter((n) => !!n);
    const unnamed = manifests.length - names.length;
    const listed = names.length ? `the names ${names.join(', ')}` : 'no names';
    throw new errors/* UserError */.yo(`Input 'source': ${given} holds ${manifests.length} images (${listed}${names.length && unnamed ? `, and ${unnamed} without a name` : ''}), and ${reference} names none. ${names.length
        ? `Add the name to push, e.g. '${transport}:${given}:${names[0]}'.`
        : 'Write the archive again with one image, or with names.'}`);
}
/** One member of a tar file, read by its headers (without reading the whole archive), or undefined. */
async function tarMember(file, member) {
    const handle = await (0,promises_.open)(file, 'r').catch(() => undefined);
    if (!handle)
        return undefined;
    try {
        const header = Buffer.alloc(512);
        for (let offset = 0;;) {
            const { bytesRead } = await handle.read(header, 0, 512, offset);
            if (bytesRead < 512)
                return undefined;
            const parsed = (0,tar/* parseTarHeader */.OH)(header);
            if (!parsed)
                return undefined;
            const { name: full, size } = parsed;
            if (full === member) {
                if (size > 16 * 1024 * 1024)
                    return undefined;
                const body = Buffer.alloc(size);
                await handle.read(body, 0, size, offset + 512);
                return body;
            }
            offset += 512 + Math.ceil(size / 512) * 512;
        }
    }
    finally {
        await handle.close();
    }
}

;// CONCATENATED MODULE: ./src/engines/skopeo.ts
// Skopeo: copies without a daemon, from an archive, an OCI layout, the Podman/Buildah storage or another
// registry. A remote source is read by the action's own registry client (image/remote.ts) and copied by the
// manifest digest read then, so a tag moved on the source registry meanwhile changes nothing; an index is copied
// whole with its digest kept. Archives and layouts are checked first (image/archive.ts), and skopeo's failures
// are said in the action's words.








const NOT_FOUND = /manifest unknown|not found|no such file|does not exist|image not known|name unknown/i;
/** What each transport's source is, for messages. */
const KIND = {
    'docker-archive': 'a readable docker archive',
    'oci-archive': 'a readable OCI archive',
    oci: 'a readable OCI layout'
};
const REMAKE = {
    'docker-archive': 'Make it again with `docker save -o FILE IMAGE`',
    'oci-archive': "Make it again, e.g. with a build's `outputs: type=oci,dest=FILE`",
    oci: 'Make it again, e.g. with `skopeo copy ... oci:DIR:NAME`'
};
class SkopeoEngine extends ContainersEngine {
    name = 'skopeo';
    /** Where each resolved source is read from (an archive's reference relative to its directory). */
    located = new Map();
    /** The transport reference of a source; undefined when its archive or layout does not exist. */
    async locate(reference) {
        const spec = source_parseSource(reference);
        if (spec.kind === 'transport')
            return locateTransport(spec);
        if (spec.remote)
            return { transportRef: remoteReference(spec.remote), remote: spec.remote };
        // A plain local name: skopeo reads the Podman/Buildah storage.
        return { transportRef: `containers-storage:${spec.reference}` };
    }
    /** How to reach a remote source: its credentials; plain HTTP allowed on loopback as Docker would. */
    sourceFlags(remote, prefix = '') {
        if (!remote)
            return [];
        return [
            ...this.sourceAuth(prefix),
            ...(isLoopbackHost(remote.host) ? [`--${prefix}tls-verify=false`] : [])
        ];
    }
    /** An archive, a layout or the Podman/Buildah storage (a remote source is the registry client's: see preflight). */
    async resolveSource(reference) {
        const location = await this.locate(reference);
        if (!location)
            return undefined;
        if (location.remote)
            throw new Error(`${reference} is remote: it is read by the registry client`);
        const raw = await this.inspect(['--raw', location.transportRef], reference, location);
        if (raw === undefined)
            return undefined;
        const manifest = (0,oci/* parseManifest */.Ng)(raw);
        this.located.set(reference, location);
        if (Array.isArray(manifest.manifests)) {
            return { reference, id: (0,oci/* sha256Digest */.sI)(raw), platforms: (0,oci/* indexPlatforms */.DB)(manifest), index: true };
        }
        const config = await this.inspect(['--config', '--raw', location.transportRef], reference, location);
        if (config === undefined)
            return undefined;
        const parsed = (0,oci/* parseImageConfig */.FB)(config);
        return {
            reference,
            id: (0,oci/* sha256Digest */.sI)(config),
            platforms: [(0,oci/* platformOf */.tj)(parsed.os, parsed.architecture, parsed.variant)].filter(Boolean)
        };
    }
    /** `skopeo inspect` output, or undefined when the source does not exist; any other failure in our words. */
    async inspect(args, reference, location) {
        const result = await (0,exec/* run */.eF)('skopeo', ['inspect', ...args], { cwd: location.cwd });
        if (result.exitCode === 0)
            return Buffer.from(result.stdout, 'utf8');
        const spec = source_parseSource(reference);
        const transport = spec.kind === 'transport' ? spec.transport : 'containers-storage';
        if (transport === 'containers-storage') {
            if (NOT_FOUND.test((0,failures/* toolMessage */.mb)(result.stderr)))
                return undefined;
            throw new errors/* UserError */.yo(`Input 'source': ${reference} cannot be read from the Podman/Buildah storage (${(0,failures/* toolCause */.Od)(result.stderr)}). Check that the image is there (\`podman images\`) and that this user may read the storage.`);
        }
        const file = spec.kind === 'transport' ? spec.path : reference;
        throw new errors/* UserError */.yo(`Input 'source': ${file} is not ${KIND[transport]} (${(0,failures/* toolCause */.Od)(result.stderr)}): it is damaged, cut short or of another kind. ${REMAKE[transport]}, and check the prefix of 'source' says what it is.`);
    }
    async push(source, target) {
        const location = this.located.get(source.reference) ?? (await this.locate(source.reference));
        if (!location)
            throw new errors/* UserError */.yo(`Input 'source': ${source.reference} no longer exists.`);
        const { remote } = location;
        // A remote source by the digest read at the start, not by its tag.
        const from = remote ? remoteReference(remote, source.digest ?? remote.digest) : location.transportRef;
        const digestFile = this.digestFile();
        const host = target.slice(0, target.indexOf('/'));
        // An index whole, every platform; a remote image or an index byte for byte, so the digest stays.
        const keep = source.index ? ['--all', '--preserve-digests'] : remote ? ['--preserve-digests'] : [];
        await this.withSourceAuth(() => (0,exec/* runOrThrow */.nf)('skopeo', [
            'copy',
            ...this.sourceFlags(remote, 'src-'),
            ...this.targetAuth('dest-'),
            ...this.targetTls(host, 'dest-'),
            '--digestfile',
            digestFile,
            ...keep,
            from,
            `docker://${target}`
        ], { echo: true, cwd: location.cwd }));
        return this.digestWritten(digestFile);
    }
}
/** An archive or layout as skopeo is to read it; `containers-storage:` as it is. */
async function locateTransport(spec) {
    if (spec.transport === 'containers-storage' || !spec.path)
        return { transportRef: spec.reference };
    const rest = spec.reference.slice(spec.transport.length + 1);
    const name = rest.length > spec.path.length ? rest.slice(spec.path.length + 1) : undefined;
    return archiveReference(spec.transport, spec.path, name, spec.reference);
}

;// CONCATENATED MODULE: ./src/engines/factory.ts
// The one place engines are made: from the `engine` input and the source in the main step (for `auto`, the
// engine is picked by where the source is), and from the saved session in the post step, so that the same
// kind of engine undoes what the main step did.






/** The engine for this run; with `auto`, the one that has the source, looked for in a fixed order. */
async function chooseEngine(request) {
    const spec = parseSource(request.source);
    const make = (kind) => makeEngine({ kind, logout: request.logout }, request.options, request.saveSession);
    if (request.choice !== 'auto') {
        checkEngineReads(request.choice, spec);
        return { engine: make(request.choice), why: "as the 'engine' input asks" };
    }
    if (spec.kind === 'remote')
        return { engine: make('skopeo'), why: `the source is on the registry ${spec.remote.host}` };
    if (spec.kind === 'transport') {
        if (spec.transport !== 'containers-storage')
            return { engine: make('skopeo'), why: `the source is a ${spec.transport}: reference` };
        const kind = ['podman', 'buildah'].find(findOnPath) ?? 'skopeo';
        return { engine: make(kind), why: 'the source is in the Podman/Buildah storage (containers-storage:)' };
    }
    const looked = [];
    // Podman and Buildah share one storage: Buildah is asked only where Podman is absent.
    const local = [
        ['docker', 'the Docker engine'],
        [findOnPath('podman') || !findOnPath('buildah') ? 'podman' : 'buildah', 'the Podman/Buildah storage']
    ];
    for (const [kind, where] of local) {
        const engine = make(kind);
        const found = await engine.resolveSource(spec.reference).catch((err) => {
            // The first sentence says it (not installed, not answering); the advice after it is for another case.
            looked.push(`${where} (${messageOf(err).split('. ')[0].replace(/\.$/, '')})`);
            return null;
        });
        if (found)
            return { engine, why: `${where} has ${spec.reference}`, source: found };
        if (found === undefined)
            looked.push(where);
    }
    if (spec.remote) {
        return {
            engine: make('skopeo'),
            why: `no local engine has ${spec.reference}, and it names the registry ${spec.remote.host}`
        };
    }
    throw new UserError(`Input 'source': the image '${spec.reference}' was found nowhere; looked in ${looked.join(', ')}. Build or pull it earlier in the job, or give an archive ('docker-archive:PATH') or a remote image ('docker://host/repo:tag').`);
}
/** An engine asked for by name must be able to read the source. */
function checkEngineReads(kind, spec) {
    const reads = kind === 'skopeo' ||
        spec.kind === 'local' ||
        (kind !== 'docker' && spec.kind === 'transport' && spec.transport === 'containers-storage');
    if (!reads) {
        const what = spec.kind === 'remote' ? 'a remote image' : `a ${spec.transport}: reference`;
        throw new UserError(`Input 'engine': ${kind} cannot push ${what} as the source. Use 'engine: skopeo', or 'auto' to pick it.`);
    }
}
function makeEngine(session, options, saveSession = () => undefined) {
    switch (session.kind) {
        case 'docker':
            return new DockerEngine(session, saveSession);
        case 'podman':
            return new PodmanEngine(session, options);
        case 'buildah':
            return new BuildahEngine(session, options);
        case 'skopeo':
            return new SkopeoEngine(session, options);
    }
}
/** The engine of a saved session (the post step): enough to log out and remove its files. */
function restoreEngine(session, saveSession) {
    return makeEngine(session, { trust: { insecureSkipTlsVerify: false } }, saveSession);
}


/***/ }),

/***/ 912:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D1: () => (/* binding */ PushStreamError),
/* harmony export */   Od: () => (/* binding */ toolCause),
/* harmony export */   dG: () => (/* binding */ isTransientPushFailure),
/* harmony export */   mb: () => (/* binding */ toolMessage),
/* harmony export */   pU: () => (/* binding */ isNameGone),
/* harmony export */   sA: () => (/* binding */ explainPushFailure),
/* harmony export */   tj: () => (/* reexport safe */ _image_oci_js__WEBPACK_IMPORTED_MODULE_2__.tj)
/* harmony export */ });
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17);
/* harmony import */ var _util_exec_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(895);
/* harmony import */ var _image_oci_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(840);
// How a failed push of any engine reads: which failures are worth another try, and what to tell the user.
// The tools share their wording (Docker's and the containers/image library's messages), so one reading serves all.


/** Output of a failed push that another try may cure: the registry was briefly unwell or the link dropped. */
const TRANSIENT_PUSH = /\b(502|503|504|429)\b|Bad Gateway|Service Unavailable|Gateway Time-?out|Too Many Requests|toomanyrequests|\bunavailable:|connection reset|broken pipe|i\/o timeout|TLS handshake timeout|unexpected EOF|connection refused/i;
/**
 * A tool's last word, without the framing of its log: the containers tools (skopeo, podman, buildah) end with a
 * logrus line, `time="..." level=fatal msg="Error ...: cause"`, which is the tool's log and not a sentence for a
 * user. The message inside it is kept, unquoted.
 */
function toolMessage(text, fallback = 'no output') {
    const line = (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .lastLine */ .fM)(text, fallback);
    const logrus = /\blevel=\w+\s+msg="((?:[^"\\]|\\.)*)"/.exec(line);
    const message = logrus ? logrus[1].replace(/\\(.)/g, '$1') : line.replace(/^time="[^"]*"\s*/, '');
    return message.replace(/\.$/, '');
}
/** The root cause of a tool's message: its last `: `-separated clause (`read /x: is a directory` -> `is a directory`). */
function toolCause(text) {
    const message = toolMessage(text);
    const parts = message.split(': ');
    return parts[parts.length - 1] || message;
}
/**
 * A push the engine reported as failed in its own API's words (Docker's push stream ends in an `errorDetail`):
 * read as a failed tool's output is.
 */
class PushStreamError extends Error {
    constructor(message) {
        super(message);
        this.name = 'PushStreamError';
    }
}
/** The local name to push was gone when the push started: another job on the engine removed it meanwhile. */
const NAME_GONE = /does not exist locally with the tag|tag does not exist|No such image/i;
function isTransientPushFailure(err) {
    return (err instanceof _util_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .ExecError */ .cI || err instanceof PushStreamError) && TRANSIENT_PUSH.test(err.message);
}
/** Whether the push failed only because its local name was removed between the tag and the push. */
function isNameGone(err) {
    return (err instanceof _util_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .ExecError */ .cI || err instanceof PushStreamError) && NAME_GONE.test(err.message);
}
/** A failed push as the user should read it: a refusal names the likely limit; anything else the tool's last word. */
function explainPushFailure(tool, target, err) {
    if (!(err instanceof _util_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .ExecError */ .cI) && !(err instanceof PushStreamError))
        return err;
    const detail = toolMessage(err instanceof _util_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .ExecError */ .cI ? err.result.stderr || err.result.stdout : err.message);
    if (tool === 'docker' && /x509:|failed to verify certificate/i.test(detail)) {
        // On the containerd image store Docker fetches the registry's token trusting only the system's CAs, which it
        // reads once; certs.d, which the classic store reads, does not count there.
        return new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Docker does not trust the TLS certificate of the registry (or of its token service) for ${target}. Add the cluster's CA to the runner's system trust (update-ca-certificates) and restart Docker, as the README's private-CA example does: Docker's containerd image store needs it there, besides /etc/docker/certs.d.`);
    }
    if (/denied|unauthorized|authentication required/i.test(detail)) {
        // The preflight proved the right to push before any upload, so a refusal now is about the image itself.
        return new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`The registry refused the push of ${target} (${detail}) although the account may push there: the image most likely exceeds the project's image size limit or quota. Check \`oc describe limitrange\` and \`oc describe quota\` in the project, make the image smaller, or ask CSC for a larger limit.`);
    }
    return new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${tool} push ${target} failed: ${detail}.`);
}
// The one definition lives with the image's other shapes; the engines take it from here.



/***/ }),

/***/ 840:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DB: () => (/* binding */ indexPlatforms),
/* harmony export */   FB: () => (/* binding */ parseImageConfig),
/* harmony export */   Ng: () => (/* binding */ parseManifest),
/* harmony export */   a: () => (/* binding */ imageIdentity),
/* harmony export */   sI: () => (/* binding */ sha256Digest),
/* harmony export */   tj: () => (/* binding */ platformOf)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
// The image documents this action reads, one shape each: a manifest as the registry serves it, and the parts of an
// image manifest, an index (OCI and Docker's v2 schema 2 alike) and an image config that the push, the promotion
// and the engines look at. Pure: no I/O.

/** The digest registries name a blob or a manifest by: `sha256:` and the hex SHA-256 of its exact bytes. */
function sha256Digest(bytes) {
    return `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(bytes).digest('hex')}`;
}
function parseManifest(body) {
    return JSON.parse(body.toString('utf8'));
}
function parseImageConfig(body) {
    return JSON.parse(body.toString('utf8'));
}
/** `linux/amd64`, or `linux/arm/v7` with a variant; '' when the OS or the architecture is unknown. */
function platformOf(os, architecture, variant) {
    if (!os || !architecture)
        return '';
    return [os, architecture, variant].filter(Boolean).join('/');
}
/**
 * The platforms an index holds images for, each once; attestation entries (`unknown/unknown`, which BuildKit adds
 * beside each image) and entries without a platform are left out.
 */
function indexPlatforms(doc) {
    const platforms = (doc.manifests ?? [])
        .map(m => platformOf(m.platform?.os, m.platform?.architecture, m.platform?.variant))
        .filter(p => p && p !== 'unknown/unknown');
    return [...new Set(platforms)];
}
/**
 * What a manifest is an image of: its config's digest (Docker's image ID) for an image manifest, or its own
 * digest for an index, which has no single config.
 */
function imageIdentity(manifest) {
    try {
        return parseManifest(manifest.body).config?.digest ?? manifest.digest;
    }
    catch {
        return manifest.digest;
    }
}


/***/ }),

/***/ 603:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OH: () => (/* binding */ parseTarHeader),
/* harmony export */   mt: () => (/* binding */ TarError),
/* harmony export */   sB: () => (/* binding */ readTar)
/* harmony export */ });
/* unused harmony exports readHeader, TarEvent, TarParser, TarMember */
// The tar format, read as the archive arrives: one parser of the 512-byte headers (fields, checksum, the ustar
// prefix, octal and GNU base-256 numbers) and of the records that change the next header (GNU long names and
// links 'L'/'K', pax 'x' with `path`/`linkpath`/`size`; the global pax header 'g' is skipped), and two front-ends
// over it for the two ways the action reads a tar:
// - TarMember, push-style and synchronous, takes one member (oc) out of the client archive as zlib inflates it:
//   a chunk costs no promise or event of its own (measured: a promise per chunk cost a lot there), and the
//   member's bytes are handed on as views of the chunks.
// - readTar, pull-style, yields the entries of what `docker save` streams, each body an async iterable read only
//   as fast as its consumer uploads it, so a layer of any size passes through in bounded memory.
// Both drive the same TarParser, which reads a chunk up to its next event and never copies a body. It lives in
// util/ because neither oc/ nor engines/ (nor image/archive.ts, which looks up one member of a file by its
// headers) owns the tar format, and util/ imports nothing of theirs.
const BLOCK = 512;
/** A pax or long-name record is a few hundred bytes; anything this large is a damaged header. */
const MAX_RECORD = 1024 * 1024;
/** The archive is damaged, cut short, or (TarMember) holds something else than a file by the name asked for. */
class TarError extends Error {
    constructor(message) {
        super(message);
        this.name = 'TarError';
    }
}
/** The fields of one header block, or undefined for an end-of-archive block (all zeros); throws a TarError for
 * a damaged one. `position` (its byte in the archive) is for the message. */
function readHeader(block, position) {
    if (isZero(block))
        return undefined;
    if (!checksumMatches(block)) {
        throw new TarError(`the tar header at byte ${position} is damaged (its checksum does not match)`);
    }
    const size = numberOf(block.subarray(124, 136));
    if (!Number.isSafeInteger(size) || size < 0) {
        throw new TarError(`the tar header at byte ${position} gives no readable size`);
    }
    const name = cString(block.subarray(0, 100));
    // The POSIX prefix field only: GNU's own headers ('ustar  \0') keep times there.
    const prefix = block.toString('latin1', 257, 263) === 'ustar\0' ? cString(block.subarray(345, 500)) : '';
    return {
        name: withoutDot(prefix ? `${prefix}/${name}` : name),
        size,
        flag: block[156] === 0 ? '0' : String.fromCharCode(block[156]),
        linkName: cString(block.subarray(157, 257))
    };
}
/** readHeader for a look-up that treats a damaged header as no header (archive.ts's member of a file). */
function parseTarHeader(block) {
    if (block.length < BLOCK)
        return undefined;
    try {
        return readHeader(block, 0);
    }
    catch {
        return undefined;
    }
}
/** What TarParser.read found: nothing yet, a member's header, a piece of its body, the archive's end. */
const TarEvent = { None: 0, Entry: 1, Data: 2, End: 3 };
/** Where the parser is: in a header, a long-name or pax record, a body, the padding after one, past the end. */
const At = { Header: 0, Record: 1, Data: 2, Padding: 3, End: 4 };
/**
 * The format's one reader: fed chunks (in any sizes) through read, it says what each step found. Bodies are
 * handed on as views of the chunks, never copied; only a header split across chunks and the few bytes of a long
 * name or pax record are.
 */
class TarParser {
    event = TarEvent.None;
    /** The member whose header was read last (event Entry); its body follows as Data events. */
    entry;
    /** A piece of entry's body (event Data): a view of the chunk given to read. */
    bytes = Buffer.alloc(0);
    at = At.Header;
    /** Bytes left of the body, record or padding being read. */
    left = 0;
    /** A header or record split across chunks, gathered until it is whole. */
    parts = [];
    gathered = 0;
    recordFlag = '';
    recordSize = 0;
    /** Set by long-name and pax records, for the header that follows them. */
    nextName;
    nextLink;
    nextSize;
    /** Bytes read so far, for the position of a damaged header. */
    offset = 0;
    /** Bytes of the current entry's body not read yet. */
    get bodyLeft() {
        return this.at === At.Data ? this.left : 0;
    }
    /** Reads chunk from `from` up to the next event (this.event); returns where reading goes on. */
    read(chunk, from) {
        this.event = TarEvent.None;
        let at = from;
        if (this.at === At.Header) {
            at = this.header(chunk, at);
        }
        else if (this.at === At.Data) {
            const take = Math.min(this.left, chunk.length - at);
            this.bytes = chunk.subarray(at, at + take);
            this.event = TarEvent.Data;
            this.left -= take;
            at += take;
            if (this.left === 0)
                this.pad();
        }
        else if (this.at === At.Record) {
            const take = Math.min(this.left, chunk.length - at);
            // Copied: the caller may reuse the chunk; a record is a few bytes.
            this.parts.push(Buffer.from(chunk.subarray(at, at + take)));
            this.left -= take;
            at += take;
            if (this.left === 0) {
                this.record(Buffer.concat(this.parts));
                this.parts = [];
                this.pad();
            }
        }
        else if (this.at === At.Padding) {
            const take = Math.min(this.left, chunk.length - at);
            this.left -= take;
            at += take;
            if (this.left === 0)
                this.at = At.Header;
        }
        else {
            // After the end-of-archive block: the rest (the second block, any zeros a writer pads with) is not read.
            this.event = TarEvent.End;
            at = chunk.length;
        }
        this.offset += at - from;
        return at;
    }
    /** The input has ended: throws a TarError if it ends inside a header, a record or a member. */
    end() {
        if (this.at === At.End)
            return;
        if (this.at === At.Header && this.gathered === 0) {
            // Without its end-of-archive blocks, as GNU tar accepts too: the last member was whole.
            this.at = At.End;
            return;
        }
        const inside = this.at === At.Header
            ? 'a header'
            : this.at === At.Record || !this.entry
                ? 'a header record'
                : this.entry.name;
        throw new TarError(`the archive ends inside ${inside}`);
    }
    /** Reads (or gathers) one header block from chunk[at..]. */
    header(chunk, at) {
        const from = at;
        let block;
        if (this.gathered === 0 && chunk.length - at >= BLOCK) {
            block = chunk.subarray(at, at + BLOCK);
            at += BLOCK;
        }
        else {
            const take = Math.min(BLOCK - this.gathered, chunk.length - at);
            this.parts.push(chunk.subarray(at, at + take));
            this.gathered += take;
            at += take;
            if (this.gathered < BLOCK) {
                // The views must outlive the chunk, which the caller may reuse.
                this.parts = [Buffer.concat(this.parts)];
                return at;
            }
            block = Buffer.concat(this.parts);
            this.parts = [];
            this.gathered = 0;
        }
        // this.offset counts what was read before this call.
        const position = this.offset + (at - from) - BLOCK;
        const header = readHeader(block, position);
        if (!header) {
            this.at = At.End;
            this.event = TarEvent.End;
            return at;
        }
        const size = this.nextSize !== undefined ? Number(this.nextSize) : header.size;
        if (!Number.isSafeInteger(size) || size < 0) {
            throw new TarError(`the tar header at byte ${position} gives no readable size`);
        }
        const flag = header.flag;
        if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
            if (size > MAX_RECORD)
                throw new TarError(`the tar header record at byte ${position} is too large`);
            this.entry = undefined;
            this.recordFlag = flag;
            this.recordSize = size;
            this.left = size;
            this.at = At.Record;
            if (size === 0)
                this.pad();
            return at;
        }
        const type = typeOf(flag);
        // Links, directories, devices and fifos carry no bytes whatever their size field says (as Go's reader has it).
        const data = '123456'.includes(flag) ? 0 : size;
        this.entry = {
            name: this.nextName !== undefined ? withoutDot(this.nextName) : header.name,
            size: data,
            type,
            linkName: this.nextLink ?? header.linkName
        };
        this.nextName = this.nextLink = this.nextSize = undefined;
        this.event = TarEvent.Entry;
        this.left = data;
        this.at = At.Data;
        if (data === 0)
            this.pad();
        return at;
    }
    /** After a body or record: its padding to the next block, then the next header. */
    pad() {
        const size = this.at === At.Record ? this.recordSize : (this.entry?.size ?? 0);
        this.left = (BLOCK - (size % BLOCK)) % BLOCK;
        this.at = this.left ? At.Padding : At.Header;
    }
    record(data) {
        if (this.recordFlag === 'L')
            this.nextName = cString(data);
        else if (this.recordFlag === 'K')
            this.nextLink = cString(data);
        else if (this.recordFlag === 'x') {
            const pax = paxRecords(data);
            if (pax.path !== undefined)
                this.nextName = pax.path;
            if (pax.linkpath !== undefined)
                this.nextLink = pax.linkpath;
            if (pax.size !== undefined)
                this.nextSize = pax.size;
        }
    }
}
/**
 * One member out of a tar fed chunk by chunk (push-style, synchronous): the first regular file by one of the
 * names given. Every header before it is checked, so a stream that is not a tar is told apart from one that
 * lacks the member; nothing after it is read.
 */
class TarMember {
    names;
    write;
    parser = new TarParser();
    finished = false;
    /** Whether the entry being read is the member: decided once at its header, not for each chunk of its body. */
    wanted = false;
    found = false;
    /**
     * @param names the member's names (`oc`; a leading `./` in the archive is not part of the name)
     * @param write gets the member's bytes in order, as views of the chunks given to push
     */
    constructor(names, write) {
        this.names = names;
        this.write = write;
    }
    /** True once the member is out (or the archive's end was read): later bytes need not be decompressed. */
    get done() {
        return this.finished;
    }
    /** Takes the next decompressed bytes; throws a TarError where the archive is damaged. */
    push(chunk) {
        const parser = this.parser;
        let at = 0;
        while (at < chunk.length && !this.finished) {
            at = parser.read(chunk, at);
            if (parser.event === TarEvent.Data) {
                if (!this.wanted)
                    continue;
                this.write(parser.bytes);
                if (parser.bodyLeft === 0)
                    this.take();
            }
            else if (parser.event === TarEvent.Entry) {
                const entry = parser.entry;
                this.wanted = this.names.includes(entry.name);
                if (!this.wanted)
                    continue;
                if (entry.type !== 'file') {
                    const what = entry.type === 'link'
                        ? 'hard link'
                        : entry.type === 'symlink'
                            ? 'symbolic link'
                            : entry.type === 'directory'
                                ? 'directory'
                                : 'member of another type';
                    throw new TarError(`its ${entry.name} is a ${what}, not a file`);
                }
                if (entry.size === 0)
                    this.take();
            }
            else if (parser.event === TarEvent.End)
                this.finished = true;
        }
    }
    /** The archive has ended: throws a TarError if it ends inside a header or a member. */
    end() {
        if (!this.finished)
            this.parser.end();
        this.finished = true;
    }
    take() {
        this.found = true;
        this.finished = true;
    }
}
/**
 * The archive's entries in order (pull-style): the input is read only as far as the consumer asks, so a slow
 * consumer of a body holds the source back. Breaking out of the loop closes the input.
 */
async function* readTar(input) {
    const parser = new TarParser();
    const iterator = input[Symbol.asyncIterator]();
    let chunk = Buffer.alloc(0);
    let at = 0;
    /** The parser's next event, reading the input as far as it takes. */
    const next = async () => {
        for (;;) {
            if (at < chunk.length) {
                at = parser.read(chunk, at);
                if (parser.event !== TarEvent.None)
                    return parser.event;
                continue;
            }
            const got = await iterator.next();
            if (got.done) {
                parser.end();
                return TarEvent.End;
            }
            chunk = Buffer.isBuffer(got.value) ? got.value : Buffer.from(got.value);
            at = 0;
        }
    };
    try {
        for (;;) {
            const event = await next();
            if (event === TarEvent.End)
                return;
            // Data here is what the consumer left of the previous body.
            if (event !== TarEvent.Entry)
                continue;
            const entry = parser.entry;
            const body = {
                async *[Symbol.asyncIterator]() {
                    while (parser.entry === entry && parser.bodyLeft > 0) {
                        if ((await next()) === TarEvent.Data)
                            yield parser.bytes;
                    }
                }
            };
            yield { ...entry, body };
        }
    }
    finally {
        await iterator.return?.();
    }
}
function typeOf(flag) {
    if (flag === '0' || flag === '7')
        return 'file';
    if (flag === '5')
        return 'directory';
    if (flag === '2')
        return 'symlink';
    if (flag === '1')
        return 'link';
    return 'other';
}
function isZero(block) {
    for (let i = 0; i < BLOCK; i++)
        if (block[i] !== 0)
            return false;
    return true;
}
/** The header's checksum: the unsigned sum of its bytes with the checksum field read as spaces. */
function checksumMatches(block) {
    let sum = 8 * 0x20;
    for (let i = 0; i < BLOCK; i++)
        if (i < 148 || i >= 156)
            sum += block[i];
    return parseInt(cString(block.subarray(148, 156)).trim() || 'x', 8) === sum;
}
/** A numeric field: octal text, or (GNU, for sizes past 8 GiB) big-endian binary after a set high bit. */
function numberOf(field) {
    if (field[0] & 0x80) {
        let value = field[0] & 0x7f;
        for (let i = 1; i < field.length; i++)
            value = value * 256 + field[i];
        return value;
    }
    const text = cString(field).trim();
    return /^[0-7]*$/.test(text) ? parseInt(text || '0', 8) : NaN;
}
function cString(bytes) {
    const end = bytes.indexOf(0);
    return bytes.toString('utf8', 0, end < 0 ? bytes.length : end);
}
/** `./oc` and `oc` are the same member. */
function withoutDot(name) {
    return name.startsWith('./') ? name.slice(2) : name;
}
/** pax records: `<length> <key>=<value>\n`, the length (in bytes) counting the whole record. */
function paxRecords(data) {
    const records = {};
    let at = 0;
    while (at < data.length) {
        const space = data.indexOf(0x20, at);
        const length = space < 0 ? NaN : Number(data.toString('latin1', at, space));
        if (!Number.isSafeInteger(length) || length <= space - at || at + length > data.length)
            break;
        const record = data.toString('utf8', space + 1, at + length - 1);
        const eq = record.indexOf('=');
        if (eq > 0)
            records[record.slice(0, eq)] = record.slice(eq + 1);
        at += length;
    }
    return records;
}


/***/ })

};
