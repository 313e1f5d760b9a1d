export const id = 315;
export const ids = [315];
export const modules = {

/***/ 105:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ heldByTag),
/* harmony export */   u: () => (/* binding */ ENGINE_CHOICES)
/* harmony export */ });
/* harmony import */ var _image_oci_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(840);
// The container engine behind a small interface: the factory picks one, and the same instance serves the
// preflight, the push and (rebuilt from its saved session) the post step.

/**
 * The `engine` input's values. Here, beside the interface, rather than in the factory: reading the inputs comes
 * before the main step's first request, and this module loads none of the engines' code.
 */
const ENGINE_CHOICES = ['auto', 'docker', 'podman', 'buildah', 'skopeo'];
/**
 * The pushed tag as the preflight read it, when it already holds the source: nothing need be uploaded or put,
 * and that read is the tag's read-back. Told from the image's identity alone (its config digest, Docker's classic
 * image ID; or an index's own digest), so an engine can answer an unchanged image before it knows how it would
 * have moved the bytes.
 */
async function heldByTag(context, id) {
    const read = await context.tagManifests?.catch(() => undefined);
    const manifest = read?.get(context.tag);
    if (!manifest || (0,_image_oci_js__WEBPACK_IMPORTED_MODULE_0__/* .imageIdentity */ .a)(manifest) !== id)
        return undefined;
    return { digest: manifest.digest, manifest, tagSeen: manifest.digest };
}


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

/***/ 372:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A9: () => (/* binding */ remoteReference),
/* harmony export */   PJ: () => (/* binding */ parseSource),
/* harmony export */   e1: () => (/* binding */ remoteOf)
/* harmony export */ });
/* unused harmony export parseRemote */
/* harmony import */ var _registry_reference_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(310);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(17);
// What the `source` input names, told apart once: a local image (a name or an ID in an engine's store), a
// transport reference of the containers tools (an archive, an OCI layout, the Podman/Buildah storage), or an
// image on a registry. Pure functions: which engine has a local image is the factory's question.


const TRANSPORTS = ['docker-archive', 'oci-archive', 'oci', 'containers-storage'];
/** A local name or ID, or a registry reference: letters, digits and the separators of image references. */
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/;
function parseSource(value) {
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
    const ref = (0,_registry_reference_js__WEBPACK_IMPORTED_MODULE_0__/* .parseReference */ .F2)(value);
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
    return new _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`Input 'source': '${(0,_registry_reference_js__WEBPACK_IMPORTED_MODULE_0__/* .printable */ .g$)(value)}' is not an image reference. Give a local image ('my-app:latest'), an archive or layout ('docker-archive:app.tar', 'oci-archive:app.tar', 'oci:dir:tag'), 'containers-storage:NAME', or a remote image ('docker://quay.io/org/app:tag').`);
}


/***/ }),

/***/ 477:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Et: () => (/* binding */ attachmentSubject),
/* harmony export */   bG: () => (/* binding */ signatureTag),
/* harmony export */   uE: () => (/* binding */ isAttachmentTag)
/* harmony export */ });
// The tags cosign and containers/image hang on a manifest digest instead of naming an image, on registries
// without the referrers API: `sha256-<hex>.sig` (signatures), `.att` (attestations), `.sbom`, and the bare
// `sha256-<hex>` of the OCI referrers tag fallback (an index of the artifacts whose subject is that digest).
// Pruning must neither count them as image tags nor leave them behind when their digest goes.
const ATTACHMENT_TAG = /^sha256-([0-9a-f]{64})(\.(sig|att|sbom))?$/;
/** Whether a tag is an attachment of a digest rather than a name of an image. */
function isAttachmentTag(tag) {
    return ATTACHMENT_TAG.test(tag);
}
/** The digest an attachment tag hangs on, or undefined for an ordinary tag. */
function attachmentSubject(tag) {
    const hex = ATTACHMENT_TAG.exec(tag)?.[1];
    return hex ? `sha256:${hex}` : undefined;
}
/** The tag that holds the signatures of a manifest digest: `sha256-<hex>.sig`. */
function signatureTag(digest) {
    return `${digest.replace(':', '-')}.sig`;
}


/***/ }),

/***/ 310:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bf: () => (/* binding */ checkTagReferences),
/* harmony export */   F2: () => (/* binding */ parseReference),
/* harmony export */   He: () => (/* binding */ validateImageName),
/* harmony export */   U$: () => (/* binding */ validateProject),
/* harmony export */   cS: () => (/* binding */ validateRegistryHost),
/* harmony export */   cW: () => (/* binding */ isLoopbackHost),
/* harmony export */   g$: () => (/* binding */ printable),
/* harmony export */   rL: () => (/* binding */ parseTags)
/* harmony export */ });
/* unused harmony exports DIGEST, validateTag */
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17);
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
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input '${input}': the tag '${printable(tag)}' ${why}. A tag is letters, digits, '_', '.' and '-', not starting with '.' or '-'.`);
    }
    return tag;
}
function validateImageName(name) {
    if (name.length === 0)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo("Input 'image': required. Give the image's name in Rahti, e.g. 'my-app'.");
    if (name.length > 253 ||
        !DNS1123_SUBDOMAIN.test(name) ||
        !name.split('.').every(p => PATH_COMPONENT.test(p))) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input 'image': '${printable(name)}' is not a valid ImageStream name. Use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (at most 253).`);
    }
    return name;
}
function validateProject(project) {
    if (project.length > 63 || !DNS1123_LABEL.test(project)) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input 'project': '${printable(project)}' is not a valid Rahti project (namespace) name. Use lowercase letters, digits and '-', at most 63, e.g. 'my-project' (not the CSC project number).`);
    }
    return project;
}
/** Normalises a registry host: a scheme and trailing slash are tolerated and dropped. */
function validateRegistryHost(value) {
    const host = value.replace(/^https?:\/\//, '').replace(/\/+$/, '');
    if (!HOST.test(host) || host.length > 255) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input 'registry': '${printable(value)}' is not a registry host. Give a host with an optional port, e.g. 'image-registry.apps.2.rahti.csc.fi'.`);
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
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input 'tags': '${printable(raw)}' names the image '${printable(short[1])}', not '${image}'. List bare tags such as '${printable(short[2])}', or references to '${image}'.`);
        }
        else if (!raw.includes('/') && !raw.includes('@')) {
            requested = { tag: validateTag(raw), raw };
        }
        else {
            const reference = parseReference(raw);
            if (!reference || !reference.tag || reference.digest) {
                throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input 'tags': '${printable(raw)}' is neither a tag nor a reference of the form <registry>/<project>/${image}:<tag>. List tags such as 'v1.2.3', or references to this image.`);
            }
            const name = reference.repository.split('/').pop();
            if (name !== image || reference.repository.split('/').length !== 2) {
                throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input 'tags': '${printable(raw)}' refers to another image than '${image}'. Each reference must be <registry>/<project>/${image}:<tag>; push other images in a step of their own.`);
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
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Input 'tags': '${t.raw}' is not ${registry ?? '<registry>'}/${project ?? '<project>'}/${image}. Give bare tags, or references to the registry and project this step pushes to.`);
        }
    }
}
/** Quotes user text for an error message without letting control characters (or a newline) into the log. */
function printable(value, max = 80) {
    // eslint-disable-next-line no-control-regex
    const clean = value.replace(/[\u0000-\u001f\u007f]/g, c => (c === '\n' ? '\\n' : '?'));
    return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}


/***/ }),

/***/ 315:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  mainStep: () => (/* binding */ mainStep)
});

// EXTERNAL MODULE: external "node:async_hooks"
var external_node_async_hooks_ = __webpack_require__(698);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(136);
// EXTERNAL MODULE: ./src/util/actions.ts
var util_actions = __webpack_require__(455);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/util/exec.ts
var exec = __webpack_require__(895);
;// CONCATENATED MODULE: ./src/oc/aside.ts
// The oc install as the main step runs it: in a process of its own (the bundle dist/oc/index.js, from
// oc-entry.ts), at the lowest scheduling priority, and then put on PATH here. On a small runner (two CPUs) the
// whole machine's CPU is what the push waits on (the engine, the registry's TLS, this process), and unpacking oc
// takes some 270 ms of it: at nice 19 in a process of its own, zlib's inflate and the file writes (libuv's
// threadpool, whose threads inherit the priority) yield to the push, which a worker thread's could not (the pool
// is the process's, at its priority). Measured on the bench's oc scenario: the install added ~146 ms to a one-tag
// push in this process, ~130 ms in a child at nice 0, ~100-108 ms in a child at nice 19 (with / without went from
// 1.24-1.35x to 1.17-1.22x).
//
// The protocol: the job (request and mirror, nothing secret) goes to the child over the IPC channel; its log
// lines come back on its stdout, as the runner would read them, and are written into the calling Task's log, so
// that they print in the "Install oc" group as before; its outcome (the installation, or the error's message and
// whether it is the action's own UserError) comes back over the channel. The child inherits the environment
// (proxies, RUNNER_TOOL_CACHE, RUNNER_TEMP, NODE_EXTRA_CA_CERTS, the Actions cache's variables).






/** The longest stderr kept for the debug log: the end of it, where a crash says why. */
const STDERR_KEPT = 16 * 1024;
/**
 * Installs oc in a process of its own and puts it on PATH (unless it came from PATH), not once `signal` has
 * aborted: a cancelled or failed run announces no oc. Rejects with the child's UserError as a UserError of the
 * same message, and with the signal's reason when stopped.
 */
async function installOcAside(job, signal, options = {}) {
    const oc = await runAside(job, signal, options);
    signal.throwIfAborted();
    if (oc.source !== 'path')
        util_actions/* addPath */.fM(external_node_path_default().dirname(oc.path));
    return oc;
}
/**
 * The bundle of the child: dist/oc/index.js, beside the chunk this module is bundled into (ncc keeps
 * import.meta.url, so it is the chunk's own URL in dist/). There is no fallback to installing in this process:
 * only the bundle runs the main step (the unit tests run this module with a script of their own, and the
 * installer itself directly), and a dist/ without it is a broken build, which entries.test.ts would catch.
 */
function childBundle() {
    return external_node_path_default().join(external_node_path_default().dirname((0,external_node_url_.fileURLToPath)(import.meta.url)), 'oc', 'index.js');
}
function runAside(job, signal, options) {
    signal.throwIfAborted();
    const { script = childBundle(), graceMs = 3000 } = options;
    // node:child_process on use, as util/exec.ts loads it: a push with oc-version none never needs it.
    const { spawn } = process.getBuiltinModule('node:child_process');
    // The child's lines go to the log of the Task this runs in (util/actions.ts captureLog): bound to this call's
    // context outright, so that the log does not hang on how Node carries it to the pipe's events.
    const relay = external_node_async_hooks_.AsyncResource.bind((text) => util_actions/* relayLog */.OG(text));
    return new Promise((resolve, reject) => {
        // A cancel of the job or the step's timeout (util/exec.ts stopRun) stops the child as it stops programs.
        const unregister = (0,exec/* stopWithRun */._9)('the oc install', () => stop());
        const child = spawn(process.execPath, [script], {
            stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
            env: process.env
        });
        let outcome;
        let pending = '';
        let stderr = '';
        let killer;
        /** SIGTERM, on which the child stops its install and removes its files; SIGKILL if it has not gone. */
        function stop() {
            if (child.exitCode !== null || child.signalCode !== null)
                return;
            child.kill('SIGTERM');
            killer ??= setTimeout(() => child.kill('SIGKILL'), graceMs);
            killer.unref();
        }
        signal.addEventListener('abort', stop, { once: true });
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (text) => {
            // Whole lines only: a line split across two reads is still one line in the log.
            const end = text.lastIndexOf('\n') + 1;
            if (end === 0) {
                pending += text;
                return;
            }
            relay(pending + text.slice(0, end));
            pending = text.slice(end);
        });
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (text) => {
            stderr = (stderr + text).slice(-STDERR_KEPT);
        });
        child.on('message', (message) => {
            outcome ??= message;
        });
        // The job goes out once the channel is up; a child that cannot start answers with 'error' or 'close'.
        child.send(job, err => {
            if (err)
                util_actions/* debug */.Yz(`The oc install's process did not take its job: ${err.message}`);
        });
        child.on('error', err => {
            // Spawning failed (no child at all); a failed kill or send of a running child is told by its end instead.
            if (child.pid === undefined)
                finish(() => reject(cannotRun(`it did not start (${err.message})`)));
        });
        // 'close': the process has exited and its stdout and stderr are read to their end, the lines and the
        // outcome with them.
        child.once('close', (code, killedBy) => {
            finish(() => {
                if (pending)
                    relay(`${pending}\n`);
                if (stderr.trim())
                    util_actions/* debug */.Yz(`The oc install's process wrote on stderr:\n${stderr.trimEnd()}`);
                if (signal.aborted)
                    reject(signal.reason);
                else if (outcome && 'installed' in outcome)
                    resolve(outcome.installed);
                else if (outcome && 'failed' in outcome)
                    reject(failure(outcome.failed));
                else
                    reject(cannotRun(killedBy ? `it was ended by ${killedBy}` : `it exited with code ${code}`));
            });
        });
        let finished = false;
        function finish(settle) {
            if (finished)
                return;
            finished = true;
            unregister();
            clearTimeout(killer);
            signal.removeEventListener('abort', stop);
            settle();
        }
    });
}
/** The child's failure as this process's: the action's own UserError stays one (its message is the story). */
function failure(failed) {
    if (failed.userError)
        return new errors/* UserError */.yo(failed.message);
    const err = new Error(failed.message);
    // The entry point prints a bug's stack in the debug log: the child's, where it happened.
    if (failed.stack)
        err.stack = failed.stack;
    return err;
}
function cannotRun(what) {
    return new errors/* UserError */.yo(`oc was not installed: the process that installs it ended without an outcome (${what}). ` +
        'Run the job again; with debug logging on (RUNNER_DEBUG), the log shows what it wrote.');
}

// EXTERNAL MODULE: ./src/util/retry.ts
var util_retry = __webpack_require__(266);
;// CONCATENATED MODULE: ./src/openshift/rules.ts
/** The resource as a rule names it: `imagestreams/layers` for a subresource, and a star before the slash for any resource's. */
function resourceMatches(ruleResource, attributes) {
    const { resource, subresource } = attributes;
    const wanted = subresource ? `${resource}/${subresource}` : resource;
    if (ruleResource === '*' || ruleResource === wanted)
        return true;
    return Boolean(subresource) && ruleResource === `*/${subresource}`;
}
function ruleAllows(rule, attributes) {
    if (!rule.verbs.includes('*') && !rule.verbs.includes(attributes.verb))
        return false;
    const groups = rule.apiGroups ?? [];
    if (!groups.includes('*') && !groups.includes(attributes.group))
        return false;
    if (!(rule.resources ?? []).some(r => resourceMatches(r, attributes)))
        return false;
    // A rule limited to names never allows a request without one (a create, a list).
    const names = rule.resourceNames ?? [];
    return names.length === 0 || (Boolean(attributes.name) && names.includes(attributes.name));
}
function rulesAllow(rules, attributes) {
    return rules.some(rule => ruleAllows(rule, attributes));
}

;// CONCATENATED MODULE: ./src/openshift/api.ts
// A small typed client of the OpenShift REST API. Failures come back as HttpStatusError carrying the
// Status object's reason, so callers decide on facts (NotFound, AlreadyExists), not on text.



class OpenShiftApi {
    server;
    token;
    transport;
    retry;
    /** The rules that apply to this identity, per namespace, once asked (undefined: they cannot answer alone). */
    rules = new Map();
    constructor(
    /** The server's URL, with no path (inputs.ts refuses one). */
    server, token, transport, retry = util_retry/* DEFAULT_RETRY */.vI) {
        this.server = server;
        this.token = token;
        this.transport = transport;
        this.retry = retry;
    }
    /** The same server and connections, another identity (after a token exchange). */
    withToken(token) {
        return new OpenShiftApi(this.server, token, this.transport, this.retry);
    }
    get(path) {
        return this.request('GET', path);
    }
    post(path, body) {
        return this.request('POST', path, body);
    }
    /** A JSON merge patch (RFC 7386): the fields given replace those on the server, lists whole. */
    patch(path, body) {
        return this.request('PATCH', path, body, 'application/merge-patch+json');
    }
    delete(path) {
        return this.request('DELETE', path);
    }
    /** A GET whose answer is text, not JSON (a pod's log). */
    text(path) {
        return this.request('GET', path, undefined, 'application/json', 'text');
    }
    /**
     * Whether another user (in `groups`) may do something here (LocalSubjectAccessReview, which the project's
     * admin may ask): the cluster's own answer, counting every binding, not only the ones this action made.
     */
    async mayThey(user, groups, attributes) {
        const review = await this.post(`/apis/authorization.k8s.io/v1/namespaces/${attributes.namespace}/localsubjectaccessreviews`, {
            kind: 'LocalSubjectAccessReview',
            apiVersion: 'authorization.k8s.io/v1',
            metadata: { namespace: attributes.namespace },
            spec: { user, groups, resourceAttributes: attributes }
        });
        return review.status?.allowed === true;
    }
    /**
     * Whether this identity may do something, asked of the API rather than guessed: from the rules one
     * SelfSubjectRulesReview lists for the namespace, which answers every question about it (the preflight asks three
     * at once: one request and one connection where three SelfSubjectAccessReviews took three). Where the cluster
     * says its list is incomplete (an authorizer besides RBAC takes part) or cannot give one, the question goes to a
     * SelfSubjectAccessReview, the authorizer's own answer.
     */
    async mayI(attributes) {
        const rules = attributes.namespace ? await this.rulesIn(attributes.namespace) : undefined;
        if (rules)
            return rulesAllow(rules, attributes);
        return this.accessReview(attributes);
    }
    /** The rules of this identity in `namespace`, asked once; undefined where they cannot answer alone. */
    rulesIn(namespace) {
        let rules = this.rules.get(namespace);
        if (!rules) {
            rules = this.post('/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
                kind: 'SelfSubjectRulesReview',
                apiVersion: 'authorization.k8s.io/v1',
                spec: { namespace }
            }).then(review => review.status && !review.status.incomplete ? (review.status.resourceRules ?? []) : undefined, 
            // A cluster that refuses the review, or a failed request: each question asks on its own, and fails there.
            () => undefined);
            this.rules.set(namespace, rules);
        }
        return rules;
    }
    async accessReview(attributes) {
        const review = await this.post('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
            kind: 'SelfSubjectAccessReview',
            apiVersion: 'authorization.k8s.io/v1',
            spec: { resourceAttributes: attributes }
        });
        return review.status?.allowed === true;
    }
    async request(method, path, body, contentType = 'application/json', answer = 'json') {
        const url = new URL(path, this.server);
        return (0,util_retry/* withRetry */.bD)(`${method} ${path}`, async () => {
            const res = await this.transport.request({
                method,
                url,
                headers: {
                    Authorization: `Bearer ${this.token}`,
                    Accept: answer === 'json' ? 'application/json' : '*/*',
                    ...(body === undefined ? {} : { 'Content-Type': contentType })
                },
                body: body === undefined ? undefined : JSON.stringify(body)
            });
            const text = res.body.toString('utf8');
            if (res.status >= 200 && res.status < 300)
                return answer === 'text' ? text : parseJson(text, method, url);
            if (res.status === 400 && /HTTP request to an HTTPS server/i.test(text)) {
                // Go's TLS servers (the real API server) answer plain HTTP with this 400.
                throw new errors/* HttpStatusError */.F9(`${url.origin} speaks HTTPS on that port: use https://${url.host}.`, 400, `${method} ${url.pathname}`, 'SpeaksHttps');
            }
            let status = {};
            try {
                status = JSON.parse(text);
            }
            catch {
                // Not a Status object (a proxy's HTML page, say): the HTTP status speaks for itself.
            }
            throw new errors/* HttpStatusError */.F9(`${method} ${url.pathname} answered HTTP ${res.status}${status.message ? `: ${status.message}` : ''}`, res.status, `${method} ${url.pathname}`, status.reason, (0,errors/* retryAfterMs */.Vs)(res.headers));
        }, util_retry/* classifyHttpFailure */.ZZ, this.retry);
    }
}
function parseJson(text, method, url) {
    if (!text)
        return {};
    try {
        return JSON.parse(text);
    }
    catch {
        // A 200 with a web page: the server is a console or a proxy's sign-in page, not the API.
        throw new errors/* HttpStatusError */.F9(`${method} ${url.pathname} answered with a web page, not the API's JSON: ${url.origin} is not an OpenShift API server (the console's URL, perhaps). Give the API URL, e.g. https://api.2.rahti.csc.fi:6443.`, 200, `${method} ${url.pathname}`, 'NotAnApi');
    }
}

;// CONCATENATED MODULE: ./src/openshift/identity.ts
// Who the token is, and the exchange of a long-lived service-account token for a short-lived one.


const SA_PREFIX = 'system:serviceaccount:';
async function whoAmI(api, token) {
    let info;
    try {
        info = await selfSubjectReview(api);
    }
    catch (err) {
        throw explainFailure(err, api.server);
    }
    if (!info.username) {
        throw new errors/* UserError */.yo(`${api.server.origin} did not say who the token is. Check that 'server' is a Rahti (OpenShift 4) API URL.`);
    }
    return toIdentity(info, token);
}
async function selfSubjectReview(api) {
    try {
        const review = await api.post('/apis/authentication.k8s.io/v1/selfsubjectreviews', {
            kind: 'SelfSubjectReview',
            apiVersion: 'authentication.k8s.io/v1',
            metadata: {},
            status: { userInfo: {} }
        });
        return review.status?.userInfo ?? {};
    }
    catch (err) {
        // Clusters before 4.15 have no SelfSubjectReview: ask the OpenShift user API instead.
        if (!(err instanceof errors/* HttpStatusError */.F9) || ![403, 404, 405].includes(err.status))
            throw err;
        const user = await api.get('/apis/user.openshift.io/v1/users/~');
        return { username: user.metadata?.name, groups: user.groups ?? [] };
    }
}
/**
 * The service account a token's claims name (a Kubernetes service-account token is a JWT whose `sub` is
 * `system:serviceaccount:<namespace>:<name>`), read without a call and without trusting it: the API's answer
 * confirms it. Undefined for any other token.
 */
function claimedIdentity(token) {
    const parts = token.split('.');
    if (parts.length !== 3)
        return undefined;
    try {
        const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
        if (typeof claims.sub !== 'string' || !claims.sub.startsWith(SA_PREFIX))
            return undefined;
        const identity = toIdentity({ username: claims.sub, groups: [] }, token);
        return identity.serviceAccount ? identity : undefined;
    }
    catch {
        return undefined;
    }
}
function toIdentity(info, token) {
    const username = info.username ?? '';
    let serviceAccount;
    if (username.startsWith(SA_PREFIX)) {
        const [namespace, name] = username.slice(SA_PREFIX.length).split(':');
        if (namespace && name)
            serviceAccount = { namespace, name };
    }
    return { username, groups: info.groups ?? [], serviceAccount, personal: token.startsWith('sha256~') };
}
function explainFailure(err, server) {
    // A web page where JSON was due already names the likely cause (a console URL given as 'server').
    if (err instanceof errors/* HttpStatusError */.F9 && ['NotAnApi', 'SpeaksHttps'].includes(err.reason ?? ''))
        return err;
    if (err instanceof errors/* HttpStatusError */.F9 && err.status === 401) {
        return new errors/* UserError */.yo(`${server.origin} refused the token (401 Unauthorized): it is invalid, expired, or for another cluster. Make a new one with \`oc create token SA -n PROJECT --duration=8760h\` and store it in the secret given as 'token'.`);
    }
    if (err instanceof errors/* NetworkError */.Dr) {
        return new errors/* UserError */.yo(`Could not reach the API server: ${err.message} Check the 'server' input and the runner's network.`);
    }
    if (err instanceof errors/* HttpStatusError */.F9) {
        return new errors/* UserError */.yo(`The API server ${server.origin} could not say who the token is (${err.message}). Check that 'server' is a Rahti (OpenShift 4) API URL.`);
    }
    return err;
}
/**
 * Whether the token would be exchanged: asked, and allowed. Only questions, nothing created (a dry run stops
 * here); the notice or warning says why not, with the grant that would allow it.
 */
async function mayExchange(api, identity, seconds) {
    const sa = identity.serviceAccount;
    if (seconds === 0)
        return false;
    if (!sa) {
        if (identity.personal) {
            util_actions/* warning */.$e(`The token is a personal one of ${identity.username}: it expires within a day and then this workflow fails. Use a service-account token (\`oc create serviceaccount pusher\`, \`oc create token pusher --duration=8760h\`).`);
        }
        return false;
    }
    const allowed = await api.mayI({
        namespace: sa.namespace,
        verb: 'create',
        group: '',
        resource: 'serviceaccounts',
        subresource: 'token',
        name: sa.name
    });
    if (!allowed) {
        util_actions/* notice */.lm(`Using the given long-lived token: ${identity.username} may not request short-lived tokens for itself. To enable the exchange, grant it create on serviceaccounts/token: \`oc create role ${sa.name}-token --verb=create --resource=serviceaccounts/token --resource-name=${sa.name} -n ${sa.namespace}\` and \`oc create rolebinding ${sa.name}-token --role=${sa.name}-token --serviceaccount=${sa.namespace}:${sa.name} -n ${sa.namespace}\`.`);
    }
    return allowed;
}
/**
 * Swaps a service account's long-lived token for one that expires soon (TokenRequest), so that what the
 * job leaves behind (a kubeconfig, a registry login) is worth little once the job is over. In a dry run it
 * only asks whether it may, and makes no token.
 */
async function exchangeToken(api, identity, token, seconds, { dryRun = false } = {}) {
    const sa = identity.serviceAccount;
    const allowed = await mayExchange(api, identity, seconds);
    if (!sa || !allowed || dryRun)
        return { token, exchanged: false, allowed };
    let request;
    try {
        request = await api.post(`/api/v1/namespaces/${sa.namespace}/serviceaccounts/${sa.name}/token`, {
            kind: 'TokenRequest',
            apiVersion: 'authentication.k8s.io/v1',
            spec: { expirationSeconds: seconds }
        });
    }
    catch (err) {
        // The review said yes, yet the request failed (an admission rule, say): the given token still works.
        if (!(err instanceof errors/* HttpStatusError */.F9))
            throw err;
        util_actions/* warning */.$e(`Using the given token: the TokenRequest for ${identity.username} failed (${err.message}).`);
        return { token, exchanged: false, allowed };
    }
    const short = request.status?.token;
    if (!short)
        throw new errors/* UserError */.yo(`The TokenRequest for ${identity.username} returned no token. Set 'token-duration: 0' to use the given token.`);
    util_actions/* setSecret */.Pq(short);
    util_actions/* info */.pq(`Exchanged the token for one that expires at ${request.status?.expirationTimestamp ?? 'an unknown time'}`);
    return { token: short, exchanged: true, allowed, expiresAt: request.status?.expirationTimestamp };
}

;// CONCATENATED MODULE: ./src/openshift/imagestream.ts
// The ImageStream: reading it, creating it when missing (a concurrent job's 409 counts as created),
// and learning the registry's public host from it, as `oc registry info` does.

const base = (project) => `/apis/image.openshift.io/v1/namespaces/${project}/imagestreams`;
async function getImageStream(api, project, name) {
    try {
        return { state: 'present', stream: await api.get(`${base(project)}/${name}`) };
    }
    catch (err) {
        if (err instanceof errors/* HttpStatusError */.F9 && err.status === 404)
            return { state: 'absent' };
        if (err instanceof errors/* HttpStatusError */.F9 && err.status === 403)
            return { state: 'unknown' };
        throw err;
    }
}
async function createImageStream(api, project, name) {
    try {
        const stream = await api.post(base(project), {
            kind: 'ImageStream',
            apiVersion: 'image.openshift.io/v1',
            metadata: { name },
            spec: { lookupPolicy: { local: false } }
        });
        return { stream, createdHere: true };
    }
    catch (err) {
        if (err instanceof errors/* HttpStatusError */.F9 && err.status === 409)
            return { createdHere: false };
        if (err instanceof errors/* HttpStatusError */.F9 && err.status === 403 && /exceeded quota/i.test(err.message)) {
            const detail = /exceeded quota: [^,]+, requested: [^,]+, used: [^,]+, limited: \S+/.exec(err.message)?.[0];
            throw new errors/* UserError */.yo(`The ImageStream ${project}/${name} cannot be created: the project's quota allows no more ImageStreams${detail ? ` (${detail})` : ''}. Delete one that is no longer used (\`oc get imagestreams -n ${project}\`, \`oc delete imagestream NAME -n ${project}\`), or ask CSC for a larger quota.`);
        }
        throw err;
    }
}
function hostOf(repository) {
    if (!repository)
        return undefined;
    const host = repository.split('/')[0];
    return host || undefined;
}
/**
 * The registry's public host as the cluster reports it: from any stream this identity may list in the
 * project, else in the `openshift` namespace, which every authenticated user may read.
 */
async function discoverRegistryHost(api, project) {
    // Both asked at once: an identity with only image roles is refused the first, and waiting for that
    // refusal before asking the second would cost a round trip.
    const hosts = await Promise.all([project, 'openshift'].map(async (namespace) => {
        try {
            const list = await api.get(`${base(namespace)}?limit=5`);
            return (list.items ?? []).map(item => hostOf(item.status?.publicDockerImageRepository)).find(Boolean);
        }
        catch (err) {
            if (err instanceof errors/* HttpStatusError */.F9 && [403, 404].includes(err.status))
                return undefined;
            throw err;
        }
    }));
    return hosts.find(Boolean);
}
/**
 * Sets `spec.lookupPolicy.local` (a Deployment in the project may then name the image as `name:tag`) when it
 * differs; returns whether it changed.
 */
async function setLocalLookup(api, project, name, local) {
    const stream = await api.get(`${base(project)}/${name}`);
    if ((stream.spec?.lookupPolicy?.local ?? false) === local)
        return false;
    await api.patch(`${base(project)}/${name}`, { spec: { lookupPolicy: { local } } });
    return true;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(24);
var external_node_fs_default = /*#__PURE__*/__webpack_require__.n(external_node_fs_);
// EXTERNAL MODULE: ./src/util/job-dir.ts
var job_dir = __webpack_require__(621);
;// CONCATENATED MODULE: ./src/openshift/kubeconfig.ts
// A kubeconfig of the action's own, so that later steps can run `oc rollout ...` as the same service
// account. It lives in a fresh directory under RUNNER_TEMP, never in ~/.kube/config: two jobs on one
// self-hosted runner must not share or overwrite each other's credentials, and the post step deletes it.





const DIR_PREFIX = 'rahti-push-kube-';
const FILE_NAME = 'config';
/** The name `oc login` gives a cluster: host and port with dots as dashes (api-2-rahti-csc-fi:6443). */
function clusterName(server) {
    const url = new URL(server);
    const port = url.port || (url.protocol === 'http:' ? '80' : '443');
    return `${url.hostname.replace(/\./g, '-')}:${port}`;
}
// Every value is written as a JSON string, which is also a valid YAML double-quoted scalar: no value
// (a namespace, a user name with a colon, a token) can break the document's structure.
const q = (value) => JSON.stringify(value);
/** The kubeconfig text. Exported for tests; the token is in it, so it is never logged. */
function renderKubeconfig(spec) {
    let server;
    try {
        server = new URL(spec.server);
    }
    catch {
        throw new errors/* UserError */.yo(`Cannot write a kubeconfig: the server "${spec.server}" is not a URL.`);
    }
    const token = spec.token.trim();
    if (!token)
        throw new errors/* UserError */.yo('Cannot write a kubeconfig without a token.');
    const cluster = clusterName(server.href);
    const user = `${spec.user.trim() || 'rahti-push'}/${cluster}`;
    const namespace = spec.namespace.trim();
    const context = `${namespace || 'default'}/${cluster}/${spec.user.trim() || 'rahti-push'}`;
    const clusterLines = [`      server: ${q(spec.server.replace(/\/+$/, ''))}`];
    if (spec.insecureSkipTlsVerify) {
        // kubectl refuses a CA together with insecure-skip-tls-verify, so the CA is left out.
        clusterLines.push('      insecure-skip-tls-verify: true');
    }
    else if (spec.caPem?.trim()) {
        const pem = spec.caPem.trim();
        if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
            throw new errors/* UserError */.yo('Cannot write a kubeconfig: the CA is not a PEM certificate (-----BEGIN CERTIFICATE-----).');
        }
        const data = Buffer.from(`${pem.replace(/\r\n/g, '\n')}\n`, 'utf8').toString('base64');
        clusterLines.push(`      certificate-authority-data: ${q(data)}`);
    }
    const contextLines = [`      cluster: ${q(cluster)}`, `      user: ${q(user)}`];
    if (namespace)
        contextLines.push(`      namespace: ${q(namespace)}`);
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
    ].join('\n');
}
/** Writes the kubeconfig (mode 0600, in a new 0700 directory under `parent`) and returns its path. */
async function writeKubeconfig(spec, parent = (0,job_dir/* runnerTemp */.X)()) {
    util_actions/* setSecret */.Pq(spec.token.trim());
    const text = renderKubeconfig(spec);
    // mkdtemp makes the directory 0700 with a name no other job can have picked. Synchronous calls: three small
    // ones on the step's path after the push, where each await of the thread pool cost more than the call itself.
    const dir = external_node_fs_default().mkdtempSync(external_node_path_default().join(parent, DIR_PREFIX));
    const file = external_node_path_default().join(dir, FILE_NAME);
    external_node_fs_default().writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
    external_node_fs_default().chmodSync(file, 0o600); // in case the umask had its way with the mode
    util_actions/* debug */.Yz(`Wrote the kubeconfig ${file}`);
    return file;
}
/**
 * Deletes the kubeconfig and the directory made for it; a file already gone is fine. Synchronous calls, as the post
 * step does nothing else meanwhile: fs/promises costs the post step some 2 ms to load for one file and one
 * directory, ten times the work itself.
 */
async function removeKubeconfig(file) {
    fs.rmSync(file, { force: true });
    const dir = path.dirname(file);
    if (path.basename(dir).startsWith(DIR_PREFIX)) {
        try {
            fs.rmdirSync(dir);
        }
        catch (err) {
            core.debug(`Left ${dir} in place: ${messageOf(err)}`);
        }
    }
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(75);
// EXTERNAL MODULE: ./src/registry/reference.ts
var reference = __webpack_require__(310);
;// CONCATENATED MODULE: ./src/registry/client.ts
// Registry v2 calls the engines do not offer: the digest of what was pushed, and the retag (a manifest
// GET by digest, then a PUT of the same bytes under another tag: one upload, every tag the same digest).
// It also uploads Docker's layers for the engine (engines/docker-layers.ts): an upload session, one streamed
// PATCH, the closing PUT with the digest. The same client reads a remote source's registry (Docker Hub, quay.io,
// ...) with the source's credentials, held in memory only, under the same deadlines and retries as every call to
// the cluster.





const MANIFEST_TYPES = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.v2+json'
].join(', ');
/**
 * The schemes to try for a registry host, in order, as Docker does for the same host: HTTPS always first;
 * plain HTTP after it only for loopback hosts, which Docker treats as insecure registries (127.0.0.0/8).
 * Unlike Docker, HTTPS is verified there too, with the given CA.
 */
function registrySchemes(host) {
    return (0,reference/* isLoopbackHost */.cW)(host) ? ['https', 'http'] : ['https'];
}
/**
 * Stream update conflicts clear as soon as the other update is in: short, growing waits, each a random part of
 * its span, since the tags that conflicted were PUT at once and would otherwise meet again.
 */
const STREAM_UPDATE_CONFLICT_RETRY = {
    attempts: 6,
    baseDelayMs: 25,
    maxDelayMs: 1000,
    jitter: true
};
/** How long the registry may take to answer a streamed upload once its last byte is sent (it checks the bytes). */
const UPLOAD_ANSWER_MS = 120_000;
/** How long a streamed upload may not move before it counts as stalled. */
const UPLOAD_IDLE_MS = 120_000;
/** The scheme each host answered on, learnt once per process: every client of the run shares it. */
const learntSchemes = new Map();
/** Transport failures that mean "this port does not speak TLS". */
const NOT_TLS = new Set(['EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG']);
class RegistryClient {
    host;
    transport;
    retry;
    /** The Authorization header of each request: Basic at first, a Bearer token once a challenge asked for one. */
    auth;
    /** Basic credentials for a token service's realm, when a challenge names one. */
    basic;
    /** Whose registry this is, for messages: the cluster's (the target) or the one a remote source is on. */
    role;
    /** Each request tried once, its failure left as it is (see `tryingOnce`). */
    triedOnce = false;
    constructor(host, token, transport, retry = util_retry/* DEFAULT_RETRY */.vI) {
        this.host = host;
        this.transport = transport;
        this.retry = retry;
        // The OpenShift registry takes the token as a Basic password under any user name, which saves the
        // round trip to /openshift/token that a Bearer challenge would cost.
        const credentials = typeof token === 'string' ? { username: 'unused', password: token } : token;
        this.basic = credentials
            ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
            : undefined;
        this.auth = this.basic;
        this.role = typeof token === 'string' ? 'target' : 'source';
    }
    /** A client for a remote source's registry: its credentials, if given, and Bearer challenges answered. */
    static forSource(host, credentials, transport, retry = util_retry/* DEFAULT_RETRY */.vI) {
        return new RegistryClient(host, credentials, transport, retry);
    }
    /**
     * This client (its connections, its login) with each request tried once and its failure left as it is: for a
     * caller that tries a whole sequence of requests again itself (an upload of Docker's layers, which the push's
     * retries repeat whole, finding what is already up), so that tries do not multiply and its messages stay the
     * push's own.
     */
    tryingOnce() {
        const copy = Object.assign(Object.create(RegistryClient.prototype), this);
        copy.triedOnce = true;
        return copy;
    }
    /** The digest a tag points at, or undefined when the registry does not know the tag. */
    async resolveTag(repository, tag) {
        const res = await this.askManifest('HEAD', repository, tag);
        if (!res)
            return undefined;
        const digest = header(res.headers['docker-content-digest']);
        if (!digest) {
            throw new errors/* HttpStatusError */.F9(`The registry gave no digest for ${repository}:${tag}.`, res.status, `HEAD /v2/${repository}/manifests/${tag}`);
        }
        return digest;
    }
    /**
     * Whether the registry takes the token, as a login would find out (the same GET /v2/), without storing
     * credentials anywhere: the dry run's stand-in for the login.
     */
    async checkLogin() {
        const res = await this.call('GET', '/v2/', {}, undefined, [401]);
        if (res.status === 401) {
            throw new errors/* UserError */.yo(`The registry ${this.host} refused the token (HTTP 401). Check that 'registry' is the cluster's registry route and that the token is the cluster's.`);
        }
    }
    /** Whether the repository (on OpenShift: the ImageStream) exists; needs only pull rights. */
    async repositoryExists(repository) {
        const res = await this.call('GET', `/v2/${repository}/tags/list`, {}, undefined, [404]);
        return res.status !== 404;
    }
    async getManifest(repository, reference) {
        const manifest = await this.findManifest(repository, reference);
        if (!manifest) {
            throw new errors/* HttpStatusError */.F9(`The registry has no manifest ${repository}@${reference}.`, 404, `GET /v2/${repository}/manifests/${reference}`);
        }
        return manifest;
    }
    /** A manifest, or undefined when the registry has no such tag or digest in the repository. */
    async findManifest(repository, reference) {
        const res = await this.askManifest('GET', repository, reference);
        if (!res)
            return undefined;
        return {
            digest: header(res.headers['docker-content-digest']) ?? reference,
            mediaType: header(res.headers['content-type']) ?? 'application/vnd.docker.distribution.manifest.v2+json',
            body: res.body
        };
    }
    /** A blob's bytes (an image config: small). */
    async getBlob(repository, digest) {
        return (await this.call('GET', `/v2/${repository}/blobs/${digest}`, {})).body;
    }
    /**
     * Links a blob of another repository on this registry into `repository` without sending its bytes (a
     * cross-repository mount). False when the registry started an ordinary upload instead (it does when the
     * token may not pull from `from`); that upload is cancelled.
     */
    async mountBlob(repository, digest, from) {
        const query = `mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`;
        const res = await this.call('POST', `/v2/${repository}/blobs/uploads/?${query}`, {}, Buffer.alloc(0));
        if (res.status === 201)
            return true;
        // Not mounted: the registry opened an ordinary upload instead, which is not wanted.
        if (header(res.headers.location))
            await this.cancelUpload(this.nextLocation(res, 'POST of a mount'));
        return false;
    }
    /**
     * Uploads a small blob (a signature payload, an attachment's config) in one piece: a POST that opens the
     * upload, then one PUT of the bytes that closes it with their digest. Skipped when the repository has it.
     */
    async pushBlob(repository, digest, bytes) {
        if (await this.hasBlob(repository, digest))
            return;
        await this.finishUpload(await this.openUpload(repository), digest, bytes);
    }
    /** Whether the repository holds the blob (a HEAD; a 404 says it must be uploaded). */
    async hasBlob(repository, digest) {
        const head = await this.call('HEAD', `/v2/${repository}/blobs/${digest}`, {}, undefined, [404]);
        return head.status !== 404;
    }
    /** Opens an upload session; returns its location, the path the next request of the upload goes to. */
    async openUpload(repository) {
        const opened = await this.call('POST', `/v2/${repository}/blobs/uploads/`, {}, Buffer.alloc(0));
        return this.nextLocation(opened, `POST /v2/${repository}/blobs/uploads/`);
    }
    /**
     * Sends a stream of bytes to an upload session in one PATCH, as they come (chunked): for a layer being
     * compressed, whose size and digest are known only at its end. Tried once: a stream cannot be sent again, so a
     * failure fails the upload, which its caller tries again whole. Returns the session's next location.
     */
    async streamUpload(location, body, signal) {
        const res = await this.call('PATCH', location, { 'Content-Type': 'application/octet-stream' }, body, [], signal);
        return this.nextLocation(res, 'PATCH of an upload');
    }
    /** Closes an upload session with the blob's digest (and its last bytes, if any): the registry checks it. */
    async finishUpload(location, digest, bytes = Buffer.alloc(0)) {
        const url = new URL(location, `https://${this.host}`);
        url.searchParams.set('digest', digest);
        await this.call('PUT', `${url.pathname}${url.search}`, { 'Content-Type': 'application/octet-stream' }, bytes);
    }
    /** Gives up an upload session (its bytes are not wanted after all); best effort, never throws. */
    async cancelUpload(location) {
        await this.call('DELETE', location, {}, undefined, [404]).catch(() => undefined);
    }
    /** The path of an upload's Location header, relative to the registry (it may be absolute, or on another host's form). */
    nextLocation(res, request) {
        const location = header(res.headers.location);
        if (!location) {
            throw new errors/* HttpStatusError */.F9(`The registry gave no upload location (${request}).`, res.status, request);
        }
        const url = new URL(location, `https://${this.host}`);
        return `${url.pathname}${url.search}`;
    }
    /**
     * Puts the manifest's exact bytes under a tag; the registry answers with their digest. Each tag is an update
     * of the ImageStream, and concurrent updates of one stream conflict: the API server retries a conflict ten
     * times at once and then the registry answers 500 UNKNOWN. Another try a moment later then succeeds.
     */
    async putManifest(repository, tag, manifest) {
        const res = await (0,util_retry/* withRetry */.bD)(`PUT ${repository}:${tag}`, () => this.call('PUT', `/v2/${repository}/manifests/${tag}`, { 'Content-Type': manifest.mediaType }, manifest.body), err => ({ retry: err instanceof errors/* HttpStatusError */.F9 && err.status === 500 && err.reason === 'UNKNOWN' }), STREAM_UPDATE_CONFLICT_RETRY);
        return header(res.headers['docker-content-digest']) ?? manifest.digest;
    }
    /** A manifest's answer (HEAD: its head only) in any form this action reads, or undefined on a 404. */
    async askManifest(method, repository, reference) {
        const res = await this.call(method, `/v2/${repository}/manifests/${reference}`, { Accept: MANIFEST_TYPES }, undefined, [404]);
        return res.status === 404 ? undefined : res;
    }
    async call(method, path, headers, body, accept = [], signal) {
        const [first, fallback] = registrySchemes(this.host);
        const known = learntSchemes.get(this.host);
        try {
            try {
                const res = await this.attempt(known ?? first, method, path, headers, body, accept, signal);
                if (!known)
                    learntSchemes.set(this.host, first);
                return res;
            }
            catch (err) {
                if (known || !fallback || !(err instanceof errors/* NetworkError */.Dr) || !NOT_TLS.has(err.code))
                    throw err;
                const res = await this.attempt(fallback, method, path, headers, body, accept, signal);
                learntSchemes.set(this.host, fallback);
                return res;
            }
        }
        catch (err) {
            // A streamed upload that lost its connection stays what it is: its caller tries the whole upload again.
            if (err instanceof errors/* NetworkError */.Dr && (body instanceof external_node_stream_.Readable || this.triedOnce))
                throw err;
            if (err instanceof errors/* NetworkError */.Dr && this.role === 'source') {
                throw new errors/* UserError */.yo(`Input 'source': the registry ${this.host} could not be reached: ${err.message} Check the registry's host name in 'source', and the runner's network and proxy.`);
            }
            if (err instanceof errors/* NetworkError */.Dr) {
                throw new errors/* UserError */.yo(`Could not reach the registry ${this.host}: ${err.message} Set 'registry' to the cluster's public registry host, e.g. image-registry.apps.2.rahti.csc.fi.`);
            }
            throw err;
        }
    }
    /**
     * Gets the Bearer token a challenge asks for, from its realm, and uses it from now on; false when the challenge
     * is not a Bearer one or the realm gave no token (the 401 then stands). The token is masked: it is a credential.
     */
    async answerChallenge(challenge) {
        const bearer = parseBearerChallenge(challenge);
        if (!bearer || this.auth?.startsWith('Bearer '))
            return false;
        const url = new URL(bearer.realm);
        if (bearer.service)
            url.searchParams.set('service', bearer.service);
        if (bearer.scope)
            url.searchParams.set('scope', bearer.scope);
        const res = await this.transport.request({
            method: 'GET',
            url,
            headers: this.basic ? { Authorization: this.basic } : {}
        });
        if (res.status !== 200)
            return false;
        let token;
        try {
            const body = JSON.parse(res.body.toString('utf8'));
            token = body.token ?? body.access_token;
        }
        catch {
            return false;
        }
        if (!token)
            return false;
        util_actions/* setSecret */.Pq(token);
        this.auth = `Bearer ${token}`;
        return true;
    }
    async attempt(scheme, method, path, headers, body, accept = [], signal) {
        // A stream is sent once: it cannot be read again for another try or for an answered challenge.
        const streamed = body instanceof external_node_stream_.Readable;
        const exchange = async () => {
            const send = () => this.transport.request({
                method,
                url: new URL(path, `${scheme}://${this.host}`),
                headers: { ...(this.auth ? { Authorization: this.auth } : {}), ...headers },
                body,
                signal,
                ...(streamed ? { timeoutMs: UPLOAD_ANSWER_MS, idleTimeoutMs: UPLOAD_IDLE_MS } : {})
            });
            let res = await send();
            // A registry with a token service (Docker Hub, quay.io) answers 401 with a Bearer challenge: fetch the
            // token it names, with the credentials if any, and ask once more.
            if (!streamed &&
                res.status === 401 &&
                (await this.answerChallenge(header(res.headers['www-authenticate'])))) {
                res = await send();
            }
            if ((res.status >= 200 && res.status < 300) || accept.includes(res.status))
                return res;
            throw toRegistryError(method, path, res.status, res.body, (0,errors/* retryAfterMs */.Vs)(res.headers));
        };
        // Tried once, its failure as it is: the caller tries the whole upload again.
        if (streamed || this.triedOnce)
            return exchange();
        return (0,util_retry/* withRetry */.bD)(`${method} ${path}`, exchange, util_retry/* classifyHttpFailure */.ZZ, this.retry);
    }
}
/** `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:..."`, parsed. */
function parseBearerChallenge(value) {
    if (!value || !/^Bearer\s/i.test(value))
        return undefined;
    const params = {};
    for (const m of value.slice(7).matchAll(/(\w+)="([^"]*)"/g))
        params[m[1].toLowerCase()] = m[2];
    return params.realm ? { realm: params.realm, service: params.service, scope: params.scope } : undefined;
}
function header(value) {
    return Array.isArray(value) ? value[0] : value;
}
function toRegistryError(method, path, status, body, after) {
    let code;
    let message = `${method} ${path} answered HTTP ${status}`;
    try {
        const parsed = JSON.parse(body.toString('utf8'));
        const first = parsed.errors?.[0];
        if (first) {
            code = first.code;
            message = `${message}: ${first.code ?? ''} ${first.message ?? ''}`.trim();
        }
    }
    catch {
        // A HEAD, or a body that is not the registry's JSON: the status is all there is.
    }
    return new errors/* HttpStatusError */.F9(message, status, `${method} ${path}`, code, after);
}

;// CONCATENATED MODULE: ./src/run/engine-choice.ts
async function chooseEngine(request) {
    // One turn of the event loop first: the API requests made beside this one get their connections and send their
    // TLS ClientHellos, so that the server works on the handshakes while this chunk is read and compiled (the
    // connects waited some 7 ms for it otherwise, measured).
    await new Promise(resolve => setImmediate(resolve));
    const factory = await __webpack_require__.e(/* import() */ 644).then(__webpack_require__.bind(__webpack_require__, 644));
    return factory.chooseEngine(request);
}

;// CONCATENATED MODULE: ./src/run/state.ts

const KEY = 'rahti-push';
/** The saved state, updated by merging: each update saves the whole at once, so a failure leaves what was known. */
class StateStore {
    state = { mainStarted: true };
    /** Saves the first state: from here on the post step runs its clean-up whatever happens. */
    static begin() {
        const store = new StateStore();
        store.update({});
        return store;
    }
    update(patch) {
        this.state = { ...this.state, ...patch };
        util_actions/* saveState */.LZ(KEY, JSON.stringify(this.state));
    }
}
function loadState() {
    const raw = core.getState(KEY);
    if (!raw)
        return undefined;
    return JSON.parse(raw);
}

;// CONCATENATED MODULE: ./src/run/task.ts
// Background work: started at once, beside the stages that do not need it yet. A task fails only where it is
// awaited (its rejection never goes unhandled meanwhile), can be cancelled (its work gets an AbortSignal), and
// keeps its log lines together: they are printed as one block where the task is awaited, not in whatever log
// group is open while it runs. A step that fails cancels every task still running.

class Cancelled extends Error {
    task;
    constructor(task) {
        super(`${task} was cancelled`);
        this.task = task;
    }
}
class Task {
    name;
    controller = new AbortController();
    lines = [];
    outcome;
    running = true;
    printed = false;
    constructor(name, work, { timeline, beside = 'the push' } = {}) {
        this.name = name;
        const started = Date.now();
        let promise;
        try {
            promise = util_actions/* captureLog */.$t(line => this.lines.push(line), () => work(this.controller.signal));
        }
        catch (err) {
            promise = Promise.reject(err);
        }
        this.outcome = promise.then(value => ({ value }), (error) => ({ error: error instanceof Error ? error : new Error(String(error)) }));
        void this.outcome.then(() => {
            this.running = false;
            const ms = Date.now() - started;
            timeline?.record({ name: `${name} (alongside)`, ms });
            this.lines.push(`${name}: ${ms} ms, alongside ${beside}\n`);
        });
    }
    /** Whether the work is still going (neither done nor failed). */
    get isRunning() {
        return this.running;
    }
    /** The value, or the task's failure thrown here, where it is needed; its log lines are printed first. */
    async result() {
        const settled = await this.settled();
        if (settled.error)
            throw settled.error;
        return settled.value;
    }
    /** The value or the failure, without throwing: for a failure that is reported after something else. */
    async settled() {
        const settled = await this.outcome;
        this.print();
        return settled;
    }
    /** Stops the work: its signal is aborted, and what it logged so far is printed once it has ended. */
    cancel() {
        if (!this.running)
            return;
        this.controller.abort(new Cancelled(this.name));
    }
    print() {
        if (this.printed)
            return;
        this.printed = true;
        util_actions/* printLines */.tj(this.lines);
    }
}
/** The tasks of one step, so that a failure can cancel those still running. */
class Tasks {
    all = [];
    start(name, work, options) {
        const task = new Task(name, work, options);
        this.all.push(task);
        return task;
    }
    /** Cancels every task still running, and waits (at most `graceMs`) for them to wind down. */
    async cancelAll(graceMs = 500) {
        const running = this.all.filter(t => t.isRunning);
        for (const task of running)
            task.cancel();
        if (running.length === 0)
            return;
        let timer;
        const grace = new Promise(resolve => {
            timer = setTimeout(resolve, graceMs);
            timer.unref();
        });
        await Promise.race([Promise.all(running.map(t => t.settled())), grace]);
        clearTimeout(timer);
    }
    /** Whether any task is still running (after `cancelAll`, one that ignored its signal). */
    get anyRunning() {
        return this.all.some(t => t.isRunning);
    }
}
/**
 * All the answers, or the first failure in argument order (not in time): when the token is bad, "who is this?"
 * explains it best, whatever the other questions ran into meanwhile.
 */
async function firstFailureFirst(...promises) {
    const settled = await Promise.allSettled(promises);
    for (const result of settled)
        if (result.status === 'rejected')
            throw result.reason;
    return settled.map(r => r.value);
}

;// CONCATENATED MODULE: ./src/run/timeline.ts
// The steps of the main job, each a log group with its time; the report lists them.

class Timeline {
    steps = [];
    async step(name, fn) {
        const started = Date.now();
        const result = await util_actions/* group */.Os(name, async () => fn());
        const ms = Date.now() - started;
        this.steps.push({ name, ms });
        util_actions/* info */.pq(`${name}: ${ms} ms`);
        return result;
    }
    /** A step timed elsewhere (background work, which has no log group of its own: groups cannot overlap). */
    record(timing) {
        this.steps.push(timing);
    }
}

// EXTERNAL MODULE: ./src/util/html.ts
var html = __webpack_require__(263);
;// CONCATENATED MODULE: ./src/stages/report.ts



const INTERNAL_REGISTRY = 'image-registry.openshift-image-registry.svc:5000';
/** The settings in words, one item each, for the summary. */
function settingsLines(settings, repository) {
    if (!settings)
        return [];
    const lines = [];
    const { access, localLookup, pruned } = settings;
    if (access) {
        const changed = access.changes.map(c => (0,html/* markup */.PT) `${c.action}d ${c.kind} <code>${c.name}</code>`);
        lines.push((0,html/* markup */.PT) `Access: ${access.access.join('; ')} (${changed.length ? (0,html/* joinHtml */.cR)(changed, ', ') : 'unchanged'})`);
        for (const w of access.warnings)
            lines.push((0,html/* markup */.PT) `⚠️ ${w}`);
    }
    if (localLookup) {
        const name = repository.split('/')[1];
        const state = localLookup.local
            ? (0,html/* markup */.PT) `on (a Deployment in the project may name the image <code>${name}:TAG</code>)`
            : 'off';
        lines.push((0,html/* markup */.PT) `Local lookup: ${state}${localLookup.changed ? '' : ' (unchanged)'}`);
    }
    if (pruned) {
        const codes = (0,html/* joinHtml */.cR)(pruned.map(t => (0,html/* markup */.PT) `<code>${t}</code>`), ', ');
        lines.push(pruned.length ? (0,html/* markup */.PT) `Pruned: ${codes}` : (0,html/* markup */.PT) `Pruned: nothing`);
    }
    return lines;
}
/** The image on the cluster-internal host, by digest: what a Deployment in the same cluster should pull. */
function internalImage(stream, repository, digest) {
    const base = stream?.status?.dockerImageRepository || `${INTERNAL_REGISTRY}/${repository}`;
    return `${base}@${digest}`;
}
/** The outputs a push and a dry run share: the references by tag, and the stream. Returns the references. */
function setReferenceOutputs(target, tags) {
    const refs = tags.map(tag => `${target.registryHost}/${target.repository}:${tag}`);
    util_actions/* setOutput */.uH('image', refs[0]);
    util_actions/* setOutput */.uH('images', refs.join('\n'));
    util_actions/* setOutput */.uH('imagestream', target.repository);
    return refs;
}
/**
 * Writes the job summary `build` makes. The step's work is done by then: a summary the runner cannot take is
 * worth a warning (`outcome` says what stands all the same), not a failed step.
 */
async function writeSummaryOrWarn(build, outcome = '') {
    try {
        await build().write();
    }
    catch (err) {
        util_actions/* warning */.$e(`The job summary could not be written (${(0,errors/* messageOf */.bD)(err)})${outcome}.`);
    }
}
async function report(pushed) {
    const { registryHost, repository } = pushed.target;
    const refs = setReferenceOutputs(pushed.target, pushed.tags);
    const internal = internalImage(pushed.stream, repository, pushed.digest);
    util_actions/* setOutput */.uH('digest', pushed.digest);
    util_actions/* setOutput */.uH('image-by-digest', `${registryHost}/${repository}@${pushed.digest}`);
    util_actions/* setOutput */.uH('internal-image', internal);
    util_actions/* info */.pq(`Pushed ${refs.join(', ')} (${pushed.digest}) as ${pushed.pushedBy}`);
    await writeSummaryOrWarn(() => summaryOf(pushed, internal), '; the push itself succeeded');
}
function summaryOf(report, internal) {
    const { registryHost, repository } = report.target;
    const short = report.digest.slice(0, 19);
    const rows = report.tags.map(tag => [
        { data: (0,html/* markup */.PT) `<code>${tag}</code>` },
        { data: (0,html/* markup */.PT) `<code>${short}…</code>` },
        { data: (0,html/* markup */.PT) `<code>docker pull ${registryHost}/${repository}:${tag}</code>` }
    ]);
    return util_actions/* summary */.z
        .addHeading(`Pushed ${repository} to Rahti`, 3)
        .addTable([
        [
            { data: 'Tag', header: true },
            { data: 'Digest', header: true },
            { data: 'Pull', header: true }
        ],
        ...rows
    ])
        .addList([
        (0,html/* markup */.PT) `Digest: <code>${report.digest}</code>`,
        (0,html/* markup */.PT) `ImageStream: <code>${repository}</code>${report.streamCreated ? ' (created by this run)' : ''}`,
        (0,html/* markup */.PT) `In the cluster: <code>${internal}</code>`,
        (0,html/* markup */.PT) `Pushed by: <code>${report.pushedBy}</code>${report.tokenExchanged ? ' with a short-lived token' : ''}`,
        ...(report.ocVersion ? [`oc: ${report.ocVersion}`] : []),
        ...settingsLines(report.settings, repository),
        ...(report.signature?.lines ?? [])
    ])
        .addRaw(report.signature
        ? (0,html/* markup */.PT) `<details><summary>How to verify the signature</summary>${report.signature.details}</details>`
        : '', true)
        .addDetails('Steps', (0,html/* joinHtml */.cR)(report.steps.map(s => `${s.name}: ${s.ms} ms`), (0,html/* markup */.PT) `<br>`));
}
/** A step with nothing to do: no token where GitHub gives no secrets. It says why, and sets no output. */
async function reportSkipped(why) {
    const message = `Skipped: 'token' is empty because ${why}. Nothing was checked or pushed; set 'require-token: true' to fail here instead.`;
    util_actions/* notice */.lm(message);
    await writeSummaryOrWarn(() => util_actions/* summary */.z.addHeading('Push to Rahti skipped', 3).addRaw(message, true));
}

;// CONCATENATED MODULE: ./src/stages/dry-run.ts


/** Checks what a login would check, then says (log, outputs, job summary) what a real run would do. */
async function rehearse(plan, registryClient, timeline) {
    await timeline.step(`Check the registry ${plan.registryHost} takes the token`, () => registryClient.checkLogin());
    setReferenceOutputs(plan, plan.tags);
    const actions = wouldDo(plan);
    for (const line of actions)
        util_actions/* info */.pq(line);
    util_actions/* notice */.lm(`Dry run: every check passed; nothing was created, uploaded or changed. ${actions.join('. ')}.`);
    await writeSummaryOrWarn(() => util_actions/* summary */.z
        .addHeading(`Dry run: ${plan.repository} would be pushed to Rahti`, 3)
        .addList(actions)
        .addRaw('Every check passed; nothing was created, uploaded or changed.', true));
}
/** What a real run would do, in order, one sentence each. */
function wouldDo(plan) {
    const [first, ...others] = plan.tags;
    const hours = plan.tokenDuration / 3600;
    const lifetime = Number.isInteger(hours) ? `${hours}h` : `${Math.round(plan.tokenDuration / 60)}m`;
    return [
        plan.wouldExchange
            ? `Would exchange the token of ${plan.pushedBy} for one that lives ${lifetime}`
            : `Would use the given token of ${plan.pushedBy}`,
        plan.streamExists
            ? `Would push into the existing ImageStream ${plan.repository}`
            : `Would create the ImageStream ${plan.repository}`,
        `Would log in to ${plan.registryHost}`,
        `Would push ${plan.source.reference} (${plan.source.id}) as ${plan.registryHost}/${plan.repository} under the tags ${[first, ...others].join(', ')}`,
        ...(plan.signing ? [plan.signing] : []),
        'Would write a kubeconfig for later steps and set KUBECONFIG',
        ...(plan.rollout ?? [])
    ];
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(598);
// EXTERNAL MODULE: ./src/engines/engine.ts
var engine = __webpack_require__(105);
// EXTERNAL MODULE: ./src/image/source.ts
var image_source = __webpack_require__(372);
;// CONCATENATED MODULE: ./src/oc/inputs.ts
// The two oc inputs, checked without touching the network so that a typo fails the step before
// anything is downloaded. The action's inputs.ts calls these.

const DEFAULT_OC_MIRROR = 'https://mirror.openshift.com/pub/openshift-v4/clients/ocp';
/** An exact OpenShift release: 4.16.3, or a pre-release such as 4.17.0-rc.3 or 4.18.0-ec.2. */
const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)?$/;
// The channel directories the client mirror keeps, bare or per minor (stable, stable-4.16, ...).
const CHANNEL = /^(?:stable|fast|candidate|latest)(?:-\d+\.\d+)?$|^eus-\d+\.\d+$/;
const MINOR = /^\d+\.\d+$/;
const ACCEPTED = 'use an exact version such as 4.16.3, a minor such as 4.16 (its stable channel), a channel such as ' +
    'stable, latest, fast, candidate or stable-4.16, "none" to skip installing oc, or leave it empty to ' +
    'reuse an oc already on PATH (else install the stable one)';
/** Pure validator used by inputs.ts: throws an Error whose message names the input `oc-version` and the accepted forms. */
function parseOcVersion(input) {
    const value = input.trim();
    if (value === '')
        return { kind: 'default' };
    const lower = value.toLowerCase();
    if (lower === 'none')
        return { kind: 'none' };
    if (CHANNEL.test(lower))
        return { kind: 'channel', channel: lower };
    if (MINOR.test(value))
        return { kind: 'channel', channel: `stable-${value}` };
    // A leading v is what people copy from `oc version` of old clients and from Git tags.
    const exact = value.replace(/^v(?=\d)/, '');
    if (EXACT_VERSION.test(exact))
        return { kind: 'exact', version: exact };
    throw new errors/* UserError */.yo(`Input 'oc-version': "${value}" is not understood: ${ACCEPTED}.`);
}
/** Pure validator for `oc-mirror`: an http(s) URL without trailing slash issues; throws naming the input. */
function parseOcMirror(input) {
    const value = input.trim();
    if (value === '')
        return DEFAULT_OC_MIRROR;
    const hint = `give the http(s) URL of the directory that holds the version and channel directories, ` +
        `such as ${DEFAULT_OC_MIRROR}`;
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new errors/* UserError */.yo(`Input 'oc-mirror': "${value}" is not a URL: ${hint}.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new errors/* UserError */.yo(`Input 'oc-mirror': must be an http or https URL, not ${url.protocol} ${hint}.`);
    }
    // Credentials would end up in logged URLs and error messages.
    if (url.username || url.password) {
        throw new errors/* UserError */.yo("Input 'oc-mirror': must not carry a user name or password in the URL.");
    }
    if (url.search || url.hash) {
        throw new errors/* UserError */.yo(`Input 'oc-mirror': must not have a query or fragment: ${hint}.`);
    }
    // File URLs are built as `${mirror}/${dir}/${file}`, so any trailing slashes go.
    return url.href.replace(/\/+$/, '');
}

;// CONCATENATED MODULE: ./src/openshift/access.ts
// Who may pull the image: the Role and RoleBindings this action owns for it, reconciled to what the inputs ask.
// The action only ever changes what carries its labels (managed-by and the image), so a binding made by hand is
// never touched; the resulting access is then asked of the cluster itself (LocalSubjectAccessReview), which
// counts every grant, so that the log can say who may pull and warn when something else grants more.


const VISIBILITIES = ['private', 'authenticated', 'public'];
const MANAGED_BY = 'app.kubernetes.io/managed-by';
const MANAGER = 'rahti-push';
const IMAGE_LABEL = 'rahti-push/image';
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const ANONYMOUS = 'system:anonymous';
const UNAUTHENTICATED = 'system:unauthenticated';
const AUTHENTICATED = 'system:authenticated';
const projectGroup = (project) => `system:serviceaccounts:${project}`;
const AUDIENCES = ['public', 'authenticated', 'projects'];
/** The names and labels of what this action owns for one image; stable across runs. */
class Ownership {
    image;
    labelValue;
    constructor(image) {
        this.image = image;
        // A label value holds at most 63 characters; a longer image name is cut and made unique by a hash.
        this.labelValue =
            image.length <= 63
                ? image
                : `${image.slice(0, 50).replace(/[.-]+$/, '')}-${(0,external_node_crypto_.createHash)('sha256').update(image).digest('hex').slice(0, 10)}`;
    }
    get labels() {
        return { [MANAGED_BY]: MANAGER, [IMAGE_LABEL]: this.labelValue };
    }
    get selector() {
        return `${MANAGED_BY}=${MANAGER},${IMAGE_LABEL}=${this.labelValue}`;
    }
    get roleName() {
        return `rahti-push-${this.labelValue}-puller`;
    }
    bindingName(audience) {
        return `rahti-push-${this.labelValue}-${audience}`;
    }
    owns(meta) {
        return meta.labels?.[MANAGED_BY] === MANAGER && meta.labels?.[IMAGE_LABEL] === this.labelValue;
    }
    role() {
        return {
            metadata: { name: this.roleName, labels: this.labels },
            rules: [
                {
                    verbs: ['get'],
                    apiGroups: ['image.openshift.io'],
                    resources: ['imagestreams/layers'],
                    resourceNames: [this.image]
                }
            ]
        };
    }
    binding(audience, subjects) {
        return {
            metadata: { name: this.bindingName(audience), labels: this.labels },
            roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name: this.roleName },
            subjects
        };
    }
}
const group = (name) => ({ kind: 'Group', apiGroup: RBAC_GROUP, name });
const user = (name) => ({ kind: 'User', apiGroup: RBAC_GROUP, name });
/** The subjects of an audience's binding; undefined when the request leaves that audience as it is. */
function wantedSubjects(audience, request) {
    if (audience === 'projects') {
        if (request.pullProjects === undefined)
            return undefined;
        return request.pullProjects.length === 0 ? null : request.pullProjects.map(p => group(projectGroup(p)));
    }
    if (request.visibility === undefined)
        return undefined;
    if (request.visibility !== audience)
        return null;
    return audience === 'public' ? [user(ANONYMOUS), group(UNAUTHENTICATED)] : [group(AUTHENTICATED)];
}
const subjectKey = (s) => `${s.kind}/${s.namespace ?? ''}/${s.name}`;
const sameSubjects = (a = [], b = []) => a.map(subjectKey).sort().join('\n') === b.map(subjectKey).sort().join('\n');
const sameLabels = (want, have) => Object.entries(want.labels ?? {}).every(([k, v]) => have.labels?.[k] === v);
/**
 * What to change so that the action's objects for the image are what `request` asks: create what is missing,
 * update what differs, delete what it made and is no longer asked for. `current` holds only the action's own
 * objects (found by its labels). Roles are created before the bindings that name them, and deleted after.
 */
function planAccess(own, request, current) {
    const bindingChanges = [];
    let bound = false;
    for (const audience of AUDIENCES) {
        const name = own.bindingName(audience);
        const have = current.bindings.find(b => b.metadata.name === name);
        const subjects = wantedSubjects(audience, request);
        if (subjects === undefined) {
            bound ||= have !== undefined;
            continue;
        }
        if (subjects === null) {
            if (have)
                bindingChanges.push({ action: 'delete', kind: 'RoleBinding', name });
            continue;
        }
        bound = true;
        const want = own.binding(audience, subjects);
        if (!have)
            bindingChanges.push({ action: 'create', kind: 'RoleBinding', name, body: want });
        else if (have.roleRef.kind !== 'Role' || have.roleRef.name !== own.roleName) {
            // A binding's roleRef cannot change: it is made anew.
            bindingChanges.push({ action: 'delete', kind: 'RoleBinding', name }, { action: 'create', kind: 'RoleBinding', name, body: want });
        }
        else if (!sameSubjects(want.subjects, have.subjects) || !sameLabels(want.metadata, have.metadata)) {
            bindingChanges.push({ action: 'update', kind: 'RoleBinding', name, body: want });
        }
    }
    const role = own.role();
    const haveRole = current.roles.find(r => r.metadata.name === own.roleName);
    if (!bound) {
        return haveRole
            ? [...bindingChanges, { action: 'delete', kind: 'Role', name: own.roleName }]
            : bindingChanges;
    }
    if (!haveRole)
        return [{ action: 'create', kind: 'Role', name: own.roleName, body: role }, ...bindingChanges];
    if (JSON.stringify(haveRole.rules) !== JSON.stringify(role.rules) ||
        !sameLabels(role.metadata, haveRole.metadata)) {
        return [{ action: 'update', kind: 'Role', name: own.roleName, body: role }, ...bindingChanges];
    }
    return bindingChanges;
}
const rbacPath = (project, kind) => `/apis/${RBAC_GROUP}/v1/namespaces/${project}/${kind === 'Role' ? 'roles' : 'rolebindings'}`;
/** The action's own Roles and RoleBindings for the image, by its labels. */
async function readOwned(api, project, own) {
    const query = `?labelSelector=${encodeURIComponent(own.selector)}`;
    const [roles, bindings] = await Promise.all([
        api.get(rbacPath(project, 'Role') + query),
        api.get(rbacPath(project, 'RoleBinding') + query)
    ]);
    // The selector asks the server; checking again keeps a server that ignored it from handing over others' objects.
    return {
        roles: (roles.items ?? []).filter(r => own.owns(r.metadata)),
        bindings: (bindings.items ?? []).filter(b => own.owns(b.metadata))
    };
}
/** Applies the plan in order. A create that meets an object of the same name takes it over only if it is ours. */
async function applyChanges(api, project, own, changes) {
    for (const change of changes) {
        const path = rbacPath(project, change.kind);
        const body = { kind: change.kind, apiVersion: `${RBAC_GROUP}/v1`, ...change.body };
        if (change.action === 'delete') {
            await api.delete(`${path}/${change.name}`).catch(ignoreStatus(404));
        }
        else if (change.action === 'update') {
            await api.patch(`${path}/${change.name}`, body);
        }
        else {
            try {
                await api.post(path, body);
            }
            catch (err) {
                if (!(err instanceof errors/* HttpStatusError */.F9 && err.status === 409))
                    throw err;
                // Another job made it first, or someone made one by hand under this name.
                const existing = await api.get(`${path}/${change.name}`);
                if (!own.owns(existing.metadata))
                    throw nameTaken(change, project);
                await api.patch(`${path}/${change.name}`, body);
            }
        }
    }
}
function ignoreStatus(status) {
    return (err) => {
        if (!(err instanceof errors/* HttpStatusError */.F9 && err.status === status))
            throw err;
    };
}
function nameTaken(change, project) {
    return new errors/* UserError */.yo(`A ${change.kind} named ${change.name} exists in ${project} without this action's labels, so the action leaves it alone and cannot make its own. ` +
        `Delete or rename it (\`oc get ${change.kind.toLowerCase()} ${change.name} -n ${project} -o yaml\` shows what it grants), then run the step again.`);
}
async function effectiveAccess(api, project, image, projects) {
    const pull = {
        namespace: project,
        verb: 'get',
        group: 'image.openshift.io',
        resource: 'imagestreams',
        subresource: 'layers',
        name: image
    };
    const asServiceAccountOf = (p) => api.mayThey(`system:serviceaccount:${p}:default`, ['system:serviceaccounts', projectGroup(p), AUTHENTICATED], pull);
    const [anonymous, authenticated, ...perProject] = await Promise.all([
        api.mayThey(ANONYMOUS, [UNAUTHENTICATED], pull),
        // A user name no account has: only what the group grants counts.
        api.mayThey('rahti-push:any-signed-in-user', [AUTHENTICATED], pull),
        ...projects.map(asServiceAccountOf)
    ]);
    return {
        anonymous,
        authenticated,
        projects: Object.fromEntries(projects.map((p, i) => [p, perProject[i]]))
    };
}
/** The resulting access in words, as the log and the summary say it. */
function describeAccess(access, repository) {
    if (access.anonymous)
        return [`anyone on the internet can pull ${repository}`];
    if (access.authenticated)
        return [`anyone signed in to Rahti (users and service accounts of every project) can pull ${repository}`];
    const others = Object.entries(access.projects)
        .filter(([, allowed]) => allowed)
        .map(([p]) => p);
    const project = repository.split('/')[0];
    return [
        `only project ${project} (its members and service accounts)${others.length ? ' and the projects below' : ''} can pull ${repository}`,
        ...others.map(p => `service accounts of project ${p} can pull ${repository}`)
    ];
}
/** What the inputs asked for that the cluster grants more than: each a sentence for a warning. */
function broaderThanAsked(request, access, repository, droppedProjects) {
    // Audiences: `anonymous`, `authenticated`, or `project:<name>` (a project may be called "anonymous").
    const found = [];
    if (request.visibility && request.visibility !== 'public' && access.anonymous) {
        found.push({ audience: 'anonymous', text: `anyone on the internet can still pull ${repository}` });
    }
    else if (request.visibility === 'private' && access.authenticated) {
        found.push({ audience: 'authenticated', text: `anyone signed in to Rahti can still pull ${repository}` });
    }
    if (!access.authenticated) {
        for (const p of droppedProjects) {
            if (access.projects[p]) {
                found.push({
                    audience: `project:${p}`,
                    text: `service accounts of project ${p} can still pull ${repository}`
                });
            }
        }
    }
    return found;
}
/** The project's RoleBindings not made by this action whose subjects include the audience: the likely grants. */
async function bindingsGranting(api, project, own, audience) {
    const list = await api.get(rbacPath(project, 'RoleBinding'));
    const matches = (s) => {
        if (audience === 'anonymous')
            return s.name === ANONYMOUS || s.name === UNAUTHENTICATED;
        if (audience === 'authenticated')
            return s.name === AUTHENTICATED;
        const other = audience.slice('project:'.length);
        return (s.name === projectGroup(other) ||
            s.name === 'system:serviceaccounts' ||
            s.name === AUTHENTICATED ||
            (s.kind === 'ServiceAccount' && s.namespace === other));
    };
    return (list.items ?? [])
        .filter(b => !own.owns(b.metadata) && (b.subjects ?? []).some(matches))
        .map(b => b.metadata.name);
}
/**
 * Which of the projects asked for do not exist, and which the account may not see: a grant to a project that
 * does not exist gives nothing, so a misspelt name must not pass in silence. Asking for the namespace tells it
 * where the account may read namespaces (404: none such); elsewhere the answer is 403 whether it exists or not.
 */
async function checkProjects(api, projects) {
    const answers = await Promise.all(projects.map(async (p) => {
        try {
            await api.get(`/api/v1/namespaces/${encodeURIComponent(p)}`);
            return 'exists';
        }
        catch (err) {
            if (err instanceof errors/* HttpStatusError */.F9 && err.status === 404)
                return 'missing';
            if (err instanceof errors/* HttpStatusError */.F9 && err.status === 403)
                return 'unchecked';
            throw err;
        }
    }));
    return {
        missing: projects.filter((_, i) => answers[i] === 'missing'),
        unchecked: projects.filter((_, i) => answers[i] === 'unchecked')
    };
}
/** Reconciles the action's objects for the image, then reads back who may pull. */
async function reconcileAccess(api, project, image, request) {
    const own = new Ownership(image);
    const current = await readOwned(api, project, own);
    const changes = planAccess(own, request, current);
    await applyChanges(api, project, own, changes);
    const before = projectsOf(current.bindings.find(b => b.metadata.name === own.bindingName('projects')));
    const after = request.pullProjects ?? before;
    const dropped = before.filter(p => !after.includes(p));
    const [access, checked] = await Promise.all([
        effectiveAccess(api, project, image, [...after, ...dropped]),
        checkProjects(api, (request.pullProjects ?? []).filter(p => p !== project))
    ]);
    const repository = `${project}/${image}`;
    const warnings = checked.missing.map(p => `Input 'pull-projects': the project ${p} does not exist, so its service accounts can pull nothing. Check the name (the Rahti project's name, not the CSC project number).`);
    for (const broader of broaderThanAsked(request, access, repository, dropped)) {
        const names = await bindingsGranting(api, project, own, broader.audience);
        const through = names.length
            ? `through RoleBinding${names.length > 1 ? 's' : ''} this action did not make (${names.join(', ')}), which it leaves alone`
            : 'through a grant this action did not make (outside the project, or by a role it cannot see)';
        warnings.push(`The image may be more open than asked: ${broader.text} ${through}.${names.length ? ` Remove ${names.length > 1 ? 'them' : 'it'} with \`oc delete rolebinding ${names.join(' ')} -n ${project}\` if that is not meant.` : ''}`);
    }
    // Every project asked about, dropped ones too: the words say what is true, not what was asked.
    return { changes, access: describeAccess(access, repository), warnings, unchecked: checked.unchecked };
}
function projectsOf(binding) {
    const prefix = 'system:serviceaccounts:';
    return (binding?.subjects ?? [])
        .filter(s => s.kind === 'Group' && s.name.startsWith(prefix))
        .map(s => s.name.slice(prefix.length));
}

;// CONCATENATED MODULE: ./src/openshift/workloads.ts
// The workloads a push rolls out: Deployments (apps/v1) and DeploymentConfigs (apps.openshift.io/v1). What the
// `rollout` input names, reading them, deciding for each whether it is patched to the pushed digest or follows the
// stream tag by an image trigger already, the patch itself, and reading a rollout's progress and its pods' state
// back as the cluster reports them. The stage (stages/rollout.ts) decides when; this module only speaks to the API.


const KIND_NAMES = {
    deployment: 'deployment',
    deployments: 'deployment',
    deploy: 'deployment',
    'deployment.apps': 'deployment',
    deploymentconfig: 'deploymentconfig',
    deploymentconfigs: 'deploymentconfig',
    dc: 'deploymentconfig',
    'deploymentconfig.apps.openshift.io': 'deploymentconfig'
};
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
function describeRef(ref) {
    return `${ref.kind}/${ref.name}`;
}
/** Parses the `rollout` input: one workload a line (commas work too); blank lines and duplicates are refused. */
function parseWorkloads(value) {
    const refs = [];
    for (const line of value
        .split(/[\n,]/)
        .map(l => l.trim())
        .filter(Boolean)) {
        const m = /^([a-z.]+)\/([^/:\s]+)(?::([^/:\s]+))?$/.exec(line);
        const kind = m ? KIND_NAMES[m[1]] : undefined;
        if (!m || !kind) {
            throw new errors/* UserError */.yo(`Input 'rollout': '${(0,reference/* printable */.g$)(line)}' is not a workload. Write one a line as deployment/NAME, deployment/NAME:CONTAINER or deploymentconfig/NAME.`);
        }
        const [name, container] = [m[2], m[3]];
        if (!DNS_SUBDOMAIN.test(name) || name.length > 253 || (container && !DNS_LABEL.test(container))) {
            throw new errors/* UserError */.yo(`Input 'rollout': '${(0,reference/* printable */.g$)(line)}' names no valid workload or container (lower-case letters, digits and '-', as Kubernetes names them).`);
        }
        if (refs.some(r => r.kind === kind && r.name === name)) {
            throw new errors/* UserError */.yo(`Input 'rollout': ${kind}/${name} is named twice. Name each workload once; to point several of its containers at the image, leave the container out.`);
        }
        refs.push({ kind, name, ...(container ? { container } : {}) });
    }
    return refs;
}
const KINDS = {
    deployment: {
        group: 'apps',
        resource: 'deployments',
        path: (ns, name) => `/apis/apps/v1/namespaces/${ns}/deployments/${name}`,
        sets: { group: 'apps', resource: 'replicasets' }
    },
    deploymentconfig: {
        group: 'apps.openshift.io',
        resource: 'deploymentconfigs',
        path: (ns, name) => `/apis/apps.openshift.io/v1/namespaces/${ns}/deploymentconfigs/${name}`,
        sets: { group: '', resource: 'replicationcontrollers' }
    }
};
/**
 * The access reviews a rollout of these kinds needs, asked in the preflight: read and patch the workloads (a
 * rollback patches too), read their revisions, pods, pod logs and events (to wait, and to say why a rollout
 * failed).
 */
function rolloutRights(refs) {
    const kinds = [...new Set(refs.map(r => r.kind))];
    return [
        ...kinds.flatMap(k => [
            { verb: 'get', group: KINDS[k].group, resource: KINDS[k].resource },
            { verb: 'patch', group: KINDS[k].group, resource: KINDS[k].resource },
            { verb: 'list', ...KINDS[k].sets }
        ]),
        ...(kinds.includes('deploymentconfig')
            ? [
                {
                    verb: 'create',
                    group: 'apps.openshift.io',
                    resource: 'deploymentconfigs',
                    subresource: 'instantiate'
                }
            ]
            : []),
        { verb: 'list', group: '', resource: 'pods' },
        { verb: 'get', group: '', resource: 'pods', subresource: 'log' },
        { verb: 'list', group: '', resource: 'events' }
    ];
}
/** Reads a named workload; one that does not exist is the user's to fix, said so. */
async function getWorkload(api, project, ref) {
    try {
        return await api.get(KINDS[ref.kind].path(project, ref.name));
    }
    catch (err) {
        if (err instanceof errors/* HttpStatusError */.F9 && err.status === 404) {
            const hint = ref.kind === 'deployment'
                ? "Create it first (`oc create deployment`), or correct the name in 'rollout'"
                : "Correct the name in 'rollout' (`oc get dc` lists them)";
            throw new errors/* UserError */.yo(`Input 'rollout': ${describeRef(ref)} does not exist in ${project}. ${hint}.`);
        }
        throw err;
    }
}
const TRIGGERS = 'image.openshift.io/triggers';
/** The image triggers of a Deployment that are in force (a list that does not parse is ignored by the cluster too). */
function deploymentTriggers(obj) {
    const raw = obj.metadata.annotations?.[TRIGGERS];
    if (!raw)
        return [];
    try {
        const list = JSON.parse(raw);
        if (!Array.isArray(list) || list.some(t => t.paused !== undefined && typeof t.paused !== 'boolean'))
            return [];
        return list.flatMap(t => {
            const m = /containers\[\?\(@\.name=="([^"]+)"\)\]\.image$/.exec(t.fieldPath ?? '');
            if (t.paused === true || t.from?.kind !== 'ImageStreamTag' || !t.from.name || !m)
                return [];
            return [{ tag: t.from.name, namespace: t.from.namespace, container: m[1] }];
        });
    }
    catch {
        return [];
    }
}
/** Every container that follows a tag of the pushed stream, with the tag: from either kind of trigger. */
function followers(obj, kind, project) {
    const out = new Map();
    if (kind === 'deployment') {
        for (const t of deploymentTriggers(obj))
            if ((t.namespace ?? project) === project)
                out.set(t.container, t.tag);
    }
    else {
        for (const t of obj.spec.triggers ?? []) {
            const p = t.imageChangeParams;
            if (t.type !== 'ImageChange' || !p || p.automatic === false || p.from?.kind !== 'ImageStreamTag')
                continue;
            if ((p.from.namespace || project) !== project || !p.from.name)
                continue;
            for (const c of p.containerNames ?? [])
                out.set(c, p.from.name);
        }
    }
    return out;
}
/** Whether `image` names the pushed stream (on either registry host, by tag or digest). */
function isOfStream(image, pushed) {
    return new RegExp(`/${pushed.project}/${pushed.image}([:@]|$)`).test(image);
}
/**
 * How a workload gets the pushed image: the containers named (or, when none is, those already running an image
 * of the pushed stream, or the only one) are patched to the digest; a container that follows a pushed tag by an
 * image trigger is left to the trigger, which the cluster fires on the push.
 */
function planWorkload(ref, obj, pushed) {
    if (obj.spec.paused) {
        throw new errors/* UserError */.yo(`Input 'rollout': ${describeRef(ref)} is paused, so it would not roll out. Resume it (\`oc rollout resume ${describeRef(ref)}\`), or leave it out of 'rollout'.`);
    }
    const containers = obj.spec.template.spec.containers;
    const names = containers.map(c => c.name);
    let chosen;
    if (ref.container) {
        const c = containers.find(x => x.name === ref.container);
        if (!c) {
            throw new errors/* UserError */.yo(`Input 'rollout': ${describeRef(ref)} has no container ${ref.container}; its containers are ${names.join(', ')}.`);
        }
        chosen = [c];
    }
    else if (containers.length === 1) {
        chosen = containers;
    }
    else {
        chosen = containers.filter(c => isOfStream(c.image, pushed));
        if (chosen.length === 0) {
            throw new errors/* UserError */.yo(`Input 'rollout': ${describeRef(ref)} has several containers (${names.join(', ')}) and none runs ${pushed.project}/${pushed.image} yet. Name the one to update, e.g. ${describeRef(ref)}:${names[0]}.`);
        }
    }
    const follow = followers(obj, ref.kind, pushed.project);
    const tags = chosen.map(c => follow.get(c.name));
    const pushedTag = (t) => !!t && pushed.tags.includes(t.split(':')[1] ?? 'latest') && t.split(':')[0] === pushed.image;
    if (tags.every(pushedTag))
        return { ref, how: 'trigger', tag: tags[0], containers: chosen.map(c => c.name) };
    return {
        ref,
        how: 'patch',
        containers: chosen.map(c => ({ index: containers.indexOf(c), name: c.name, from: c.image }))
    };
}
/** What a plan does, in a sentence (the log, the dry run, the summary). */
function describePlan(plan, image) {
    const what = describeRef(plan.ref);
    if (plan.how === 'trigger')
        return `${what} follows ${plan.tag} and will roll out`;
    const cs = plan.containers.map(c => c.name).join(', ');
    return `${what}: container${plan.containers.length > 1 ? 's' : ''} ${cs} set to ${image}`;
}
/**
 * Points the planned containers at `image`: a JSON patch that first tests each container is still where it was
 * read, so that a workload changed meanwhile is refused (422) rather than patched in the wrong place.
 */
async function patchImages(api, project, plan, image) {
    const ops = plan.containers.flatMap(c => [
        { op: 'test', path: `/spec/template/spec/containers/${c.index}/name`, value: c.name },
        { op: 'replace', path: `/spec/template/spec/containers/${c.index}/image`, value: image }
    ]);
    return api.request('PATCH', KINDS[plan.ref.kind].path(project, plan.ref.name), ops, 'application/json-patch+json');
}
/** Sets containers' images by name (a rollback); a JSON patch as above. */
async function setImages(api, project, ref, obj, images) {
    const ops = obj.spec.template.spec.containers.flatMap((c, i) => images.has(c.name)
        ? [
            { op: 'test', path: `/spec/template/spec/containers/${i}/name`, value: c.name },
            { op: 'replace', path: `/spec/template/spec/containers/${i}/image`, value: images.get(c.name) }
        ]
        : []);
    return api.request('PATCH', KINDS[ref.kind].path(project, ref.name), ops, 'application/json-patch+json');
}
/** Replaces a Deployment's pod template whole, as `kubectl rollout undo` does. */
async function replaceTemplate(api, project, ref, template) {
    const ops = [{ op: 'replace', path: '/spec/template', value: template }];
    return api.request('PATCH', KINDS[ref.kind].path(project, ref.name), ops, 'application/json-patch+json');
}
function selectorOf(obj) {
    const s = obj.spec.selector ?? {};
    return ('matchLabels' in s ? s.matchLabels : s);
}
function labelSelector(labels) {
    return encodeURIComponent(Object.entries(labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(','));
}
/** The ReplicaSets (Deployment) or ReplicationControllers (DeploymentConfig) the workload controls. */
async function listSets(api, project, kind, obj) {
    const path = kind === 'deployment'
        ? `/apis/apps/v1/namespaces/${project}/replicasets?labelSelector=${labelSelector(selectorOf(obj))}`
        : `/api/v1/namespaces/${project}/replicationcontrollers?labelSelector=${labelSelector({ 'openshift.io/deployment-config.name': obj.metadata.name })}`;
    const list = await api.get(path);
    return (list.items ?? []).filter(s => s.metadata.ownerReferences?.some(o => o.uid === obj.metadata.uid && o.controller));
}
async function listPods(api, project, labels) {
    const list = await api.get(`/api/v1/namespaces/${project}/pods?labelSelector=${labelSelector(labels)}`);
    return list.items ?? [];
}
/** The events about one object (a pod), as `oc describe` reads them. */
async function listEvents(api, project, name) {
    const field = encodeURIComponent(`involvedObject.name=${name}`);
    const list = await api.get(`/api/v1/namespaces/${project}/events?fieldSelector=${field}`);
    return list.items ?? [];
}
/** The last lines of a container's previous run (a crashed one), or undefined where they cannot be read. */
async function previousLog(api, project, pod, container) {
    try {
        return await api.text(`/api/v1/namespaces/${project}/pods/${pod}/log?container=${encodeURIComponent(container)}&previous=true&limitBytes=4096`);
    }
    catch {
        return undefined;
    }
}
/** A ReplicationController by name (a DeploymentConfig's version), or undefined while it does not exist. */
async function getSet(api, project, name) {
    try {
        return await api.get(`/api/v1/namespaces/${project}/replicationcontrollers/${name}`);
    }
    catch (err) {
        if (err instanceof errors/* HttpStatusError */.F9 && err.status === 404)
            return undefined;
        throw err;
    }
}
/** A new version of a DeploymentConfig now, as `oc rollout latest` asks: for one without a ConfigChange trigger. */
async function instantiate(api, project, name) {
    return api.post(`${KINDS.deploymentconfig.path(project, name)}/instantiate`, {
        kind: 'DeploymentRequest',
        apiVersion: 'apps.openshift.io/v1',
        name,
        latest: true,
        force: true
    });
}

;// CONCATENATED MODULE: ./src/signing/inputs.ts
// The signing inputs, read and checked with the others before any network call: `sign` (false, keyless, key),
// `sign-key` and `sign-key-passphrase` (masked at once, line by line, as a PEM key spans lines), and the
// Sigstore instance (`sigstore-fulcio-url`, `sigstore-rekor-url`). Only strings are checked here: the key is
// decrypted by the signing chunk, which the main bundle loads only when `sign` is set.



const MODES = ['false', 'keyless', 'key'];
/** The public-good Sigstore instance, the default one. */
const PUBLIC_GOOD = {
    fulcio: 'https://fulcio.sigstore.dev',
    rekor: 'https://rekor.sigstore.dev'
};
/** The signing request, or undefined for `sign: false`. */
function readSignInputs(read) {
    const key = read('sign-key');
    const passphrase = read('sign-key-passphrase');
    // Masked before anything can print them, even an error about them.
    for (const line of key.split(/\r?\n/)) {
        if (line.trim().length >= 8 && !line.startsWith('-----'))
            (0,util_actions/* setSecret */.Pq)(line.trim());
    }
    if (passphrase)
        (0,util_actions/* setSecret */.Pq)(passphrase);
    const given = (read('sign') || 'false').toLowerCase();
    if (given === 'true') {
        throw new errors/* UserError */.yo("Input 'sign': 'true' does not say how to sign. Use 'keyless' (the workflow's identity; needs `permissions: id-token: write`) or 'key' (with 'sign-key').");
    }
    const mode = MODES.find(m => m === given);
    if (!mode) {
        throw new errors/* UserError */.yo(`Input 'sign': '${given.slice(0, 40)}' is not one of false, keyless, key.`);
    }
    if (mode === 'false') {
        if (key) {
            throw new errors/* UserError */.yo("Input 'sign-key' is set but 'sign' is false, so nothing would be signed. Set 'sign: key', or remove 'sign-key'.");
        }
        return undefined;
    }
    if (mode === 'key') {
        if (!key) {
            throw new errors/* UserError */.yo("Input 'sign-key': empty while 'sign' is key. Give it the cosign.key file's contents (or a PEM private key) from a secret, e.g. `sign-key: ${{ secrets.COSIGN_KEY }}`.");
        }
        return { mode, key, passphrase };
    }
    if (key) {
        throw new errors/* UserError */.yo("Input 'sign-key' is set but 'sign' is keyless, which needs no key. Set 'sign: key' to sign with it, or remove 'sign-key'.");
    }
    return {
        mode,
        fulcioUrl: serviceUrl(read('sigstore-fulcio-url'), 'sigstore-fulcio-url', PUBLIC_GOOD.fulcio),
        rekorUrl: serviceUrl(read('sigstore-rekor-url'), 'sigstore-rekor-url', PUBLIC_GOOD.rekor)
    };
}
/** An https URL (plain http only on loopback, for a local instance), without a query or fragment. */
function serviceUrl(value, input, fallback) {
    if (!value)
        return fallback;
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new errors/* UserError */.yo(`Input '${input}': '${value.slice(0, 80)}' is not a URL. Give the service's https URL.`);
    }
    const loopback = (0,reference/* isLoopbackHost */.cW)(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
        throw new errors/* UserError */.yo(`Input '${input}': '${url.origin}' is not https. Sigstore's services must be reached over https (plain http only on loopback).`);
    }
    if (url.search || url.hash || url.username) {
        throw new errors/* UserError */.yo(`Input '${input}': give the service's base URL, without a query, fragment or user.`);
    }
    return url.href.replace(/\/$/, '');
}

;// CONCATENATED MODULE: ./src/stages/event.ts
// The workflow event, as far as the token is concerned: GitHub gives no secrets to a `pull_request` workflow
// from a fork, nor to one Dependabot started, so an empty `token` there is expected and the step is skipped.
// Everywhere else (push, release, pull_request_target, which does get secrets, ...) an empty token is a mistake.

/** The event of this run, from the runner's variables. */
function currentEvent(env = process.env) {
    let payload;
    try {
        payload = env.GITHUB_EVENT_PATH ? JSON.parse((0,external_node_fs_.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8')) : undefined;
    }
    catch {
        // Unreadable: the event is not known to be a fork's, and an empty token stays an error.
        payload = undefined;
    }
    return { name: env.GITHUB_EVENT_NAME ?? '', actor: env.GITHUB_ACTOR ?? '', payload };
}
/**
 * Why this event runs without secrets, which makes an empty token expected (the step is then skipped), or
 * undefined when secrets are given here and an empty token is an error.
 */
function withoutSecrets(event) {
    if (event.name !== 'pull_request')
        return undefined;
    if (event.actor === 'dependabot[bot]') {
        return "the pull request is Dependabot's, and GitHub gives workflows that Dependabot starts no Actions secrets";
    }
    const pr = event.payload?.pull_request;
    const base = pr?.base?.repo?.full_name;
    if (!base)
        return undefined;
    // A fork deleted since the pull request was opened has no head repository at all: still a fork's.
    const head = pr?.head?.repo?.full_name;
    if (head === base)
        return undefined;
    return `the pull request comes from the fork ${head ?? '(deleted)'}, and GitHub gives workflows of pull requests from forks no secrets`;
}

;// CONCATENATED MODULE: ./src/stages/inputs.ts
// The only reader of the action's inputs. Everything is validated here, before any network call,
// and handed down as one typed value.












const DEFAULT_SERVER = 'https://api.2.rahti.csc.fi:6443';
const DEFAULT_REGISTRY = 'image-registry.apps.2.rahti.csc.fi';
const DEFAULT_KEEP = 10;
function getInputs(read = name => util_actions/* getInput */.V4(name), event = currentEvent()) {
    // Mask the token before anything can print it, even an error about it.
    const token = read('token');
    if (token)
        util_actions/* setSecret */.Pq(token);
    const sign = readSignInputs(read);
    const requireToken = parseBoolean(read('require-token'), 'require-token', false);
    // No token where GitHub gives no secrets is expected: the step is skipped, once the other inputs are checked.
    const noSecrets = token ? undefined : withoutSecrets(event);
    if (noSecrets && requireToken) {
        throw new errors/* UserError */.yo(`Input 'token': empty while 'require-token' is true: ${noSecrets}. Set 'require-token: false' to skip the step on such pull requests, or push from push or release events.`);
    }
    const skip = noSecrets;
    if (!skip)
        validateToken(token);
    const image = (0,reference/* validateImageName */.He)(read('image'));
    const tags = (0,reference/* parseTags */.rL)(read('tags'), image);
    const project = read('project') ? (0,reference/* validateProject */.U$)(read('project')) : undefined;
    const source = read('source') || `${image}:${tags[0].tag}`;
    const sourceCredentials = readSourceCredentials(read, source, (0,image_source/* remoteOf */.e1)((0,image_source/* parseSource */.PJ)(source)));
    const registry = read('registry') ? (0,reference/* validateRegistryHost */.cS)(read('registry')) : undefined;
    (0,reference/* checkTagReferences */.Bf)(tags, registry, project, image);
    const trust = {
        caPem: read('certificate-authority')
            ? readCertificateAuthority(read('certificate-authority'))
            : undefined,
        insecureSkipTlsVerify: parseBoolean(read('insecure-skip-tls-verify'), 'insecure-skip-tls-verify', false)
    };
    const tokenDuration = parseTokenDuration(read('token-duration'));
    const rollout = parseRollout(read('rollout'), read('rollout-timeout'), read('rollback-on-failure'));
    checkRolloutFitsToken(rollout, tokenDuration);
    return {
        token,
        project,
        image,
        tags,
        source,
        server: parseServer(read('server') || DEFAULT_SERVER, trust),
        registry,
        createImageStream: parseBoolean(read('create-imagestream'), 'create-imagestream', true),
        trust,
        engine: parseChoice(read('engine') || 'auto', 'engine', engine/* ENGINE_CHOICES */.u),
        sourceCredentials,
        platform: parsePlatform(read('platform')),
        logout: parseBoolean(read('logout'), 'logout', true),
        tokenDuration,
        ocVersion: parseOcVersion(read('oc-version')),
        ocMirror: parseOcMirror(read('oc-mirror')),
        access: {
            visibility: read('visibility')
                ? parseChoice(read('visibility'), 'visibility', VISIBILITIES)
                : undefined,
            pullProjects: parsePullProjects(read('pull-projects')),
            localLookup: read('local-lookup')
                ? parseBoolean(read('local-lookup'), 'local-lookup', false)
                : undefined
        },
        prune: parsePrune(read('prune'), read('keep')),
        sign,
        dryRun: parseBoolean(read('dry-run'), 'dry-run', false),
        retries: parseRetries(read('retries')),
        timeout: parseTimeout(read('timeout')),
        rollout,
        skip
    };
}
/** Projects separated by white space or commas; `none` alone is the empty list; empty is undefined. */
function parsePullProjects(value) {
    const items = value.split(/[\s,]+/).filter(s => s.length > 0);
    if (items.length === 0)
        return undefined;
    if (items.some(i => i.toLowerCase() === 'none')) {
        if (items.length > 1) {
            throw new errors/* UserError */.yo("Input 'pull-projects': 'none' removes every project's access and cannot be listed with projects. Give either 'none' or the projects.");
        }
        return [];
    }
    for (const item of items) {
        if (item.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(item)) {
            throw new errors/* UserError */.yo(`Input 'pull-projects': '${(0,reference/* printable */.g$)(item)}' is not a Rahti project (namespace) name. List project names such as 'my-other-project', separated by spaces, commas or new lines, or 'none'.`);
        }
    }
    return [...new Set(items)].sort();
}
/** A tag glob (`*` and `?` over the characters of a tag) and how many matching tags to keep. */
function parsePrune(pattern, keep) {
    const count = keep === '' ? DEFAULT_KEEP : Number(keep);
    if (!/^\d+$/.test(keep || '0') || !Number.isSafeInteger(count)) {
        throw new errors/* UserError */.yo(`Input 'keep': '${(0,reference/* printable */.g$)(keep)}' is not a whole number. Give how many of the newest matching tags to keep, e.g. '10'.`);
    }
    if (pattern === '')
        return undefined;
    if (pattern.length > 128 || !/^[A-Za-z0-9_.*?-]+$/.test(pattern)) {
        throw new errors/* UserError */.yo(`Input 'prune': '${(0,reference/* printable */.g$)(pattern)}' is not a tag pattern. Use the characters of a tag with '*' (any run) and '?' (one character), e.g. 'sha-*'.`);
    }
    return { pattern, keep: count };
}
const DEFAULT_RETRIES = 4;
const MAX_RETRIES = 10;
function parseRetries(value) {
    if (value === '')
        return DEFAULT_RETRIES;
    const tries = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!(tries >= 1 && tries <= MAX_RETRIES)) {
        throw new errors/* UserError */.yo(`Input 'retries': '${(0,reference/* printable */.g$)(value)}' is not a whole number from 1 to ${MAX_RETRIES}. Give how many times each request and the push may be tried, e.g. '4' (the default); '1' tries once.`);
    }
    return tries;
}
/** A day: longer than any hosted job may run, and a limit beyond it is a typo. */
const MAX_TIMEOUT_SECONDS = 24 * 3600;
/** The step's time limit: `10m`, `1h30m`, `90s`, `600`; empty, `0` or `none` for none. */
function parseTimeout(value) {
    if (value === '' || /^(0|none|off)$/i.test(value))
        return undefined;
    const seconds = parseDuration(value);
    if (seconds === undefined || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
        throw new errors/* UserError */.yo(`Input 'timeout': '${(0,reference/* printable */.g$)(value)}' is not a duration from 1s to 24h. Use e.g. '10m' or '1h30m', or leave it empty for no limit.`);
    }
    return { given: value, seconds };
}
function validateToken(token) {
    if (!token) {
        throw new errors/* UserError */.yo("Input 'token': required. Give a Rahti service-account token, e.g. `token: ${{ secrets.RAHTI_TOKEN }}` (make one with `oc create token SA --duration=8760h`).");
    }
    // Tokens are base64url text with `~`, `.`, `-`, `_`. Anything else (a space, a newline, a quote) means the
    // secret was pasted with extra text, and sending it would only earn a confusing 401.
    if (!/^[A-Za-z0-9._~+/=-]+$/.test(token) || token.length < 16) {
        throw new errors/* UserError */.yo("Input 'token': does not look like a token; it holds spaces, line breaks or other characters a token never has, or is too short. Store only the token's text in the secret.");
    }
}
/** The source registry's credentials: both or neither, and only for a source on a registry. */
function readSourceCredentials(read, source, remote) {
    const password = read('source-password');
    if (password)
        util_actions/* setSecret */.Pq(password);
    const username = read('source-username');
    if (!username && !password)
        return undefined;
    if (!username || !password) {
        const missing = username ? 'source-password' : 'source-username';
        throw new errors/* UserError */.yo(`Input '${missing}': required with '${username ? 'source-username' : 'source-password'}'. Give both, the source registry's user and its password or token.`);
    }
    if (!remote) {
        throw new errors/* UserError */.yo(`Input 'source-username': '${(0,reference/* printable */.g$)(source)}' is not an image on a registry, so there is nothing to log in to. Remove 'source-username' and 'source-password', or give a remote source such as 'docker://docker.io/library/alpine:3'.`);
    }
    return { host: remote.host, username, password };
}
/** `linux/amd64` (the default: Rahti's nodes), another `os/arch[/variant]`, or `any` for no check. */
function parsePlatform(value) {
    const platform = value.toLowerCase() || 'linux/amd64';
    if (platform === 'any' || /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/.test(platform))
        return platform;
    throw new errors/* UserError */.yo(`Input 'platform': '${(0,reference/* printable */.g$)(value)}' is not a platform. Give one as os/architecture, e.g. 'linux/amd64' (what Rahti runs), or 'any' to push whatever the image is for.`);
}
/**
 * The API server's URL, normalised once: scheme, host and port. A path is refused rather than half kept (the
 * API client would drop it and a kubeconfig keep it), and plain http is refused unless TLS checks are off,
 * since the long-lived token would cross the network as clear text.
 */
function parseServer(value, trust) {
    let url;
    try {
        url = /^https?:\/\//i.test(value) ? new URL(value) : undefined;
    }
    catch {
        url = undefined;
    }
    if (!url || url.search || url.hash || url.username || url.password) {
        throw new errors/* UserError */.yo(`Input 'server': '${(0,reference/* printable */.g$)(value)}' is not an API server URL. Give one with its scheme, e.g. '${DEFAULT_SERVER}'.`);
    }
    if (url.pathname.replace(/\/+$/, '') !== '') {
        throw new errors/* UserError */.yo(`Input 'server': '${(0,reference/* printable */.g$)(value)}' has a path (${(0,reference/* printable */.g$)(url.pathname)}). Give the API server's URL with no path, e.g. '${DEFAULT_SERVER}'.`);
    }
    if (url.protocol === 'http:' && !trust.insecureSkipTlsVerify) {
        throw new errors/* UserError */.yo(`Input 'server': '${(0,reference/* printable */.g$)(value)}' is plain http, which would send the token as clear text. Use https://, or set 'insecure-skip-tls-verify: true' for a test cluster without TLS.`);
    }
    return new URL(url.origin);
}
function parseChoice(value, name, choices) {
    const lower = value.toLowerCase();
    if (choices.includes(lower))
        return lower;
    throw new errors/* UserError */.yo(`Input '${name}': '${(0,reference/* printable */.g$)(value)}' is not one of ${choices.join(', ')}.`);
}
/**
 * A boolean as the YAML 1.2 core schema writes one, as @actions/core's getBooleanInput reads it: true, True, TRUE,
 * false, False, FALSE. Not yes/no/on/off/1/0 (YAML 1.1's), which the toolkit and other actions refuse too.
 */
function parseBoolean(value, name, fallback) {
    if (value === '')
        return fallback;
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new errors/* UserError */.yo(`Input '${name}': '${(0,reference/* printable */.g$)(value)}' is not a boolean. Use 'true' or 'false' (YAML 1.2: also True, TRUE, False, FALSE).`);
}
/** The TokenRequest API takes 10 minutes at the least; a day is plenty for any job. */
const MIN_TOKEN_SECONDS = 600;
const MAX_TOKEN_SECONDS = 24 * 3600;
const DEFAULT_TOKEN_SECONDS = 3600;
/** Parses `90m`, `1h30m`, `3600s`, `3600`, or `0`/`none` to keep the given token. */
function parseTokenDuration(value) {
    if (value === '')
        return DEFAULT_TOKEN_SECONDS;
    if (/^(0|none|off|false)$/i.test(value))
        return 0;
    const seconds = parseDuration(value);
    if (seconds === undefined || seconds < MIN_TOKEN_SECONDS || seconds > MAX_TOKEN_SECONDS) {
        throw new errors/* UserError */.yo(`Input 'token-duration': '${(0,reference/* printable */.g$)(value)}' is not a duration from 10m to 24h. Use e.g. '1h' or '30m', or '0' to use the given token as it is.`);
    }
    return seconds;
}
const DEFAULT_ROLLOUT_TIMEOUT = '5m';
/** The workloads to roll out, how long to wait for them, and whether a failed one goes back. */
function parseRollout(workloads, timeout, rollback) {
    const refs = parseWorkloads(workloads);
    const given = timeout || DEFAULT_ROLLOUT_TIMEOUT;
    const seconds = parseDuration(given);
    if (seconds === undefined || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
        throw new errors/* UserError */.yo(`Input 'rollout-timeout': '${(0,reference/* printable */.g$)(given)}' is not a duration from 1s to 24h. Use e.g. '5m' or '90s'.`);
    }
    const back = parseBoolean(rollback, 'rollback-on-failure', false);
    if (refs.length === 0)
        return undefined;
    return { workloads: refs, timeout: { given, seconds }, rollback: back };
}
/** The rollout is waited for with the exchanged token, which must outlive the wait (and a rollback's). */
function checkRolloutFitsToken(rollout, tokenDuration) {
    if (!rollout || tokenDuration === 0)
        return;
    const waits = rollout.timeout.seconds * (rollout.rollback ? 2 : 1);
    if (waits < tokenDuration)
        return;
    throw new errors/* UserError */.yo(`Input 'rollout-timeout': ${rollout.timeout.given}${rollout.rollback ? ', twice with rollback-on-failure,' : ''} is as long as the short-lived token lives ('token-duration'), which the rollout is waited for with. Raise 'token-duration' or lower 'rollout-timeout'.`);
}
function parseDuration(value) {
    if (/^\d+$/.test(value))
        return Number(value);
    const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
    if (!match || value === '')
        return undefined;
    const [, h, m, s] = match;
    return Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0);
}
/** Accepts PEM text or a path to a PEM file, as redhat-actions/oc-login does. */
function readCertificateAuthority(value) {
    let pem = value;
    if (!value.includes('-----BEGIN')) {
        const kind = (0,external_node_fs_.statSync)(value, { throwIfNoEntry: false });
        if (!kind) {
            throw new errors/* UserError */.yo(`Input 'certificate-authority': '${(0,reference/* printable */.g$)(value)}' is neither PEM text nor a file that exists. Give the CA certificate's PEM text, or the path of a file that holds it.`);
        }
        if (kind.isDirectory()) {
            throw new errors/* UserError */.yo(`Input 'certificate-authority': '${(0,reference/* printable */.g$)(value)}' is a directory. Give the path of the CA certificate file itself (e.g. ${(0,reference/* printable */.g$)(value.replace(/\/+$/, ''))}/ca.crt), or its PEM text.`);
        }
        pem = (0,external_node_fs_.readFileSync)(value, 'utf8');
    }
    if (/\\n/.test(pem) && !pem.includes('\n-----END')) {
        throw new errors/* UserError */.yo("Input 'certificate-authority': the PEM text holds literal \\n sequences instead of line breaks. Store the certificate with real line breaks (e.g. a multi-line secret, or `gh secret set NAME < ca.crt`).");
    }
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
    if (!blocks) {
        throw new errors/* UserError */.yo("Input 'certificate-authority': holds no PEM certificate (-----BEGIN CERTIFICATE-----). Give the cluster CA's certificate in PEM form.");
    }
    for (const block of blocks) {
        try {
            new external_node_crypto_.X509Certificate(block);
        }
        catch {
            throw new errors/* UserError */.yo("Input 'certificate-authority': a certificate in it is damaged (its base64 body does not parse). Copy the CA certificate again, whole, with its line breaks.");
        }
    }
    return pem;
}

;// CONCATENATED MODULE: ./src/image/platform.ts

/** Whether an image for `have` runs where `want` is asked for (a variant only counts when asked for). */
function runsOn(have, want) {
    return have === want || (want.split('/').length === 2 && have.startsWith(`${want}/`));
}
/** Throws unless the source has a manifest for `platform` (`any`, or a source of unknown platform, passes). */
function checkPlatform(source, platform) {
    if (platform === 'any' || source.platforms.length === 0)
        return;
    if (source.platforms.some(have => runsOn(have, platform)))
        return;
    const what = source.index ? 'an index of images for' : 'an image for';
    const arch = platform.split('/').slice(1).join('/');
    throw new errors/* UserError */.yo(`The source ${source.reference} is ${what} ${source.platforms.join(', ')}, with none for ${platform}, which 'platform' asks for (Rahti's nodes run linux/amd64; an image for another platform fails there with "exec format error"). Build it for ${arch}, e.g. \`docker buildx build --platform ${platform} ...\` or \`podman build --platform ${platform} ...\`, or set 'platform: any' to push it as it is.`);
}

// EXTERNAL MODULE: ./src/image/oci.ts
var oci = __webpack_require__(840);
;// CONCATENATED MODULE: ./src/image/remote.ts
// A remote source (`docker://host/repo:tag`, `host/repo@sha256:...`) read through the action's own registry
// client, not skopeo: its credentials stay in memory (nothing on disk, which a dry run must not leave), every
// call has the API's deadline and retries, and each failure is said in the action's words, naming the registry.
// The copy itself (skopeo, in a real run) then names the manifest by the digest read here.


/** The source's identity and platforms, or undefined when the registry has no such tag or digest. */
async function resolveRemoteSource(client, remote, reference, withCredentials) {
    const name = `${remote.repository}${remote.digest ? `@${remote.digest}` : `:${remote.tag}`}`;
    try {
        const manifest = await client.findManifest(remote.repository, remote.digest ?? remote.tag ?? 'latest');
        if (!manifest)
            return undefined;
        const digest = (0,oci/* sha256Digest */.sI)(manifest.body);
        if (remote.digest && digest !== remote.digest) {
            throw new errors/* UserError */.yo(`Input 'source': ${remote.host} answered ${name} with a manifest whose digest is ${digest}. The registry (or a proxy before it) is not serving what it stores; try again later.`);
        }
        const parsed = remote_parseJson(manifest.body, remote.host, name);
        if (Array.isArray(parsed.manifests)) {
            return { reference, id: digest, digest, platforms: (0,oci/* indexPlatforms */.DB)(parsed), index: true };
        }
        const configDigest = parsed.config?.digest;
        if (!configDigest) {
            throw new errors/* UserError */.yo(`Input 'source': ${remote.host} gave ${name} in a form this action cannot copy (no image config: an old schema 1 manifest?). Push it there again with a current client, or use another tag.`);
        }
        const config = remote_parseJson(await client.getBlob(remote.repository, configDigest), remote.host, name);
        return {
            reference,
            id: configDigest,
            digest,
            platforms: [(0,oci/* platformOf */.tj)(config.os, config.architecture, config.variant)].filter(Boolean)
        };
    }
    catch (err) {
        throw explain(err, remote, name, withCredentials);
    }
}
/** A refusal names the inputs to give; any other answer names the registry and what it said. */
function explain(err, remote, name, withCredentials) {
    if (!(err instanceof errors/* HttpStatusError */.F9))
        return err;
    if (err.status === 401 || err.status === 403) {
        return new errors/* UserError */.yo(withCredentials
            ? `Input 'source': ${remote.host} refused to give ${name} with the given 'source-username' and 'source-password' (HTTP ${err.status}). Check them, and that the account may pull the image.`
            : `Input 'source': ${remote.host} refused to give ${name} without credentials (HTTP ${err.status}). Give 'source-username' and 'source-password' of an account that may pull it.`);
    }
    return new errors/* UserError */.yo(`Input 'source': the registry ${remote.host} failed to give ${name}: ${err.message.replace(/\.$/, '')}. Check the registry's status and try again later.`);
}
function remote_parseJson(bytes, host, name) {
    try {
        return JSON.parse(bytes.toString('utf8'));
    }
    catch {
        throw new errors/* UserError */.yo(`Input 'source': ${host} answered ${name} with something that is not an image manifest. Check that the host in 'source' is a container registry.`);
    }
}

;// CONCATENATED MODULE: ./src/util/settle.ts
/** A promise that never rejects: it comes to its value, or to its error. */
async function settle(promise) {
    try {
        return { value: await promise };
    }
    catch (err) {
        return { error: err };
    }
}
/** The value, or the failure thrown now that the answer is needed. */
function unwrap(settled) {
    if (settled.error)
        throw settled.error;
    return settled.value;
}

;// CONCATENATED MODULE: ./src/stages/promote.ts


/** The source on this registry, resolved once to its digest; undefined when it is not there. */
async function resolvePromotion(client, remote, reference) {
    const manifest = await client
        .findManifest(remote.repository, remote.digest ?? remote.tag ?? 'latest')
        .catch((err) => {
        if (err instanceof errors/* HttpStatusError */.F9 && (err.status === 401 || err.status === 403)) {
            throw new errors/* UserError */.yo(`Input 'source': the token may not pull ${remote.repository} from ${remote.host}. Have an admin of ${remote.repository.split('/')[0]} grant it \`system:image-puller\` there.`);
        }
        throw err;
    });
    if (!manifest)
        return undefined;
    const doc = parse(manifest);
    const promotion = { repository: remote.repository, digest: manifest.digest };
    if (doc.manifests) {
        return {
            source: { reference, id: manifest.digest, platforms: (0,oci/* indexPlatforms */.DB)(doc), index: true },
            promotion
        };
    }
    const configDigest = doc.config?.digest ?? manifest.digest;
    const config = (0,oci/* parseImageConfig */.FB)(await client.getBlob(remote.repository, configDigest));
    const platform = (0,oci/* platformOf */.tj)(config.os, config.architecture, config.variant);
    return { source: { reference, id: configDigest, platforms: platform ? [platform] : [] }, promotion };
}
/**
 * Copies the source under `repository:tag` on the server and returns what was put there: the source's own
 * digest, and its top manifest for the other tags.
 */
async function promote(client, from, repository, tag) {
    const top = await client.getManifest(from.repository, from.digest);
    const doc = parse(top);
    if (doc.manifests) {
        // Each platform's manifest first, by digest, so the index never names what the repository lacks.
        for (const child of doc.manifests) {
            const manifest = await client.getManifest(from.repository, child.digest);
            await mountBlobs(client, from.repository, repository, parse(manifest));
            await client.putManifest(repository, child.digest, manifest);
        }
    }
    else {
        await mountBlobs(client, from.repository, repository, doc);
    }
    const digest = await client.putManifest(repository, tag, top);
    if (digest !== from.digest) {
        throw new errors/* UserError */.yo(`The registry stored ${repository}:${tag} as ${digest}, not ${from.digest}. Run the step again.`);
    }
    return { digest, manifest: top };
}
async function mountBlobs(client, from, repository, doc) {
    // Layers with `urls` are foreign (not in the registry): there is nothing to mount.
    const blobs = [doc.config, ...(doc.layers ?? []).filter(l => !l.urls?.length)]
        .filter((b) => !!b)
        .map(b => b.digest);
    const mounted = await Promise.all([...new Set(blobs)].map(d => client.mountBlob(repository, d, from)));
    if (mounted.every(Boolean))
        return;
    throw new errors/* UserError */.yo(`The registry would not mount the layers of ${from} into ${repository} (it offered an ordinary upload instead): the token may not pull from ${from}. Have an admin of ${from.split('/')[0]} grant it \`system:image-puller\` there.`);
}
function parse(manifest) {
    return (0,oci/* parseManifest */.Ng)(manifest.body);
}

;// CONCATENATED MODULE: ./src/stages/rollout-status.ts
/**
 * A Deployment's rollout, judged as `kubectl rollout status` does: the controller has seen the latest spec, and
 * every desired replica is updated and available with no old one left; a Progressing condition with reason
 * ProgressDeadlineExceeded ends it.
 */
function deploymentVerdict(obj) {
    const s = obj.status ?? {};
    const progress = {
        desired: obj.spec.replicas ?? 1,
        updated: s.updatedReplicas ?? 0,
        ready: s.readyReplicas ?? 0,
        available: s.availableReplicas ?? 0
    };
    if ((s.observedGeneration ?? 0) < (obj.metadata.generation ?? 0))
        return { state: 'waiting', progress, why: 'the controller has not seen the change yet' };
    const progressing = s.conditions?.find(c => c.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded')
        return { state: 'deadline', progress, seconds: obj.spec.progressDeadlineSeconds ?? 600 };
    const old = (s.replicas ?? 0) - progress.updated;
    if (progress.updated >= progress.desired && old <= 0 && progress.available >= progress.updated)
        return { state: 'done', progress };
    const why = old > 0 ? `${old} old ${old === 1 ? 'pod' : 'pods'} still running` : undefined;
    return { state: 'waiting', progress, ...(why ? { why } : {}) };
}
const DC_PHASE = 'openshift.io/deployment.phase';
/** A DeploymentConfig's version: its ReplicationController's phase says when it is done or has failed. */
function deploymentConfigVerdict(obj, rc) {
    const s = obj.status ?? {};
    const progress = {
        desired: obj.spec.replicas ?? 1,
        updated: rc?.status?.replicas ?? 0,
        ready: rc?.status?.readyReplicas ?? 0,
        available: rc?.status?.availableReplicas ?? 0
    };
    const phase = rc?.metadata.annotations?.[DC_PHASE];
    if (!rc)
        return { state: 'waiting', progress, why: 'the new version has not started yet' };
    if (phase === 'Complete')
        return { state: 'done', progress };
    if (phase === 'Failed') {
        return { state: 'deadline', progress, seconds: obj.spec.strategy?.rollingParams?.timeoutSeconds ?? 600 };
    }
    const progressing = s.conditions?.find(c => c.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded')
        return { state: 'deadline', progress, seconds: obj.spec.strategy?.rollingParams?.timeoutSeconds ?? 600 };
    return { state: 'waiting', progress };
}
function progressLine(what, p) {
    return `${what}: ${p.updated} of ${p.desired} updated, ${p.ready} ready, ${p.available} available`;
}
const PULL = ['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull'];
const CONFIG = ['CreateContainerConfigError', 'CreateContainerError', 'RunContainerError'];
/** The first problem among `pods`; `logs` has each crashed container's last output by `pod/container`. */
function findProblem(pods, events, logs) {
    for (const pod of pods) {
        for (const cs of pod.status?.containerStatuses ?? []) {
            const problem = containerProblem(pod, cs, events.get(pod.metadata.name) ?? [], logs);
            if (problem)
                return problem;
        }
    }
    return undefined;
}
function containerProblem(pod, cs, events, logs) {
    const reason = cs.state?.waiting?.reason ?? '';
    const base = { pod: pod.metadata.name, container: cs.name, reason };
    if (PULL.includes(reason)) {
        const failed = [...events]
            .reverse()
            .find(e => e.reason === 'Failed' && /^Failed to pull image/.test(e.message ?? ''));
        return {
            ...base,
            kind: 'pull',
            settled: reason !== 'ErrImagePull',
            detail: pullDetail(failed?.message ?? cs.state?.waiting?.message)
        };
    }
    if (CONFIG.includes(reason))
        return { ...base, kind: 'config', settled: true, detail: cs.state?.waiting?.message };
    const terminated = cs.lastState?.terminated ?? cs.state?.terminated;
    if (reason === 'CrashLoopBackOff' || (terminated && (cs.restartCount ?? 0) > 0)) {
        const log = lastLogLine(logs.get(`${pod.metadata.name}/${cs.name}`) ?? terminated?.message);
        const execFormat = /exec format error/.test(log ?? '') || /exec format error/.test(terminated?.message ?? '');
        return {
            ...base,
            reason: reason || 'Error',
            kind: execFormat ? 'exec-format' : 'crash',
            settled: reason === 'CrashLoopBackOff',
            detail: log,
            exitCode: terminated?.exitCode,
            restarts: cs.restartCount
        };
    }
    return undefined;
}
/** The cause at the end of a pull failure's message (`...: manifest unknown`), without the image repeated. */
function pullDetail(message) {
    if (!message)
        return undefined;
    const parts = message.split(': ').map(p => p.trim());
    return parts[parts.length - 1].replace(/\.$/, '') || undefined;
}
function lastLogLine(text) {
    const lines = (text ?? '')
        .split('\n')
        .map(l => l.trim())
        .filter(Boolean);
    const last = lines[lines.length - 1];
    return last ? (last.length > 200 ? `${last.slice(0, 200)}…` : last) : undefined;
}
/** The problem in one or two sentences of the action's voice, after "<workload> did not roll out: ". */
function explainProblem(p, workload, image) {
    switch (p.kind) {
        case 'pull':
            return (`its pods cannot pull ${image} (${p.reason}${p.detail ? `: ${p.detail}` : ''}). ` +
                "Check that the image is in the project's ImageStream and that the pods' service account may pull from it (system:image-puller).");
        case 'exec-format':
            return (`container ${p.container} fails at start with "exec format error": the image is not built for the nodes' platform (Rahti's nodes run linux/amd64). ` +
                "Build it for amd64, e.g. `docker buildx build --platform linux/amd64 ...` or `podman build --platform linux/amd64 ...`, and keep 'platform: linux/amd64' so that the push refuses such an image.");
        case 'crash':
            return (`container ${p.container} keeps crashing (${p.reason}, exit code ${p.exitCode ?? 'unknown'}, ${p.restarts ?? 0} restarts)${p.detail ? `; its last log line: "${p.detail}"` : ''}. ` +
                `Read its log with \`oc logs ${workload} -c ${p.container} --previous\`.`);
        case 'config':
            return `container ${p.container} cannot be created (${p.reason}${p.detail ? `: ${p.detail}` : ''}). Fix the workload's configuration (a missing Secret or ConfigMap, say).`;
    }
}

;// CONCATENATED MODULE: ./src/stages/rollout.ts




/**
 * The preflight's part: the rights a rollout needs and every named workload, asked in one round. Returns the
 * first right missing (the preflight words the refusal), or the plans.
 */
async function checkRollout(api, project, request, pushed) {
    const rights = rolloutRights(request.workloads);
    const reads = request.workloads.map(ref => getWorkload(api, project, ref).then(obj => ({ obj }), (error) => ({ error })));
    const answers = await Promise.all(rights.map(r => api.mayI({ namespace: project, ...r })));
    const denied = rights.find((_, i) => !answers[i]);
    if (denied) {
        const resource = denied.subresource ? `${denied.resource}/${denied.subresource}` : denied.resource;
        return { missing: `${denied.verb} ${resource}${denied.group ? `.${denied.group}` : ''}` };
    }
    const planned = [];
    for (const [i, read] of (await Promise.all(reads)).entries()) {
        if ('error' in read)
            throw read.error;
        planned.push({
            plan: planWorkload(request.workloads[i], read.obj, { ...pushed, internal: '' }),
            before: read.obj
        });
    }
    return { planned };
}
/** What the dry run says for each workload. */
function wouldRollOut(planned, request, image) {
    return [
        ...planned.map(({ plan }) => plan.how === 'trigger'
            ? `${describePlan(plan, image)}: would wait for it`
            : `Would set ${plan.containers.length > 1 ? 'containers' : 'container'} ${plan.containers.map(c => c.name).join(', ')} of ${describeRef(plan.ref)} to ${image}, and wait for its rollout`),
        `Would wait up to ${request.timeout.given} for the rollouts${request.rollback ? ', and roll back one that fails' : ''}`
    ];
}
/** How often progress is logged while nothing changes. */
const PROGRESS_EVERY_MS = 5000;
/**
 * Rolls the planned workloads out to `image` (the internal reference by digest) and waits for them. Returns each
 * outcome; throws a UserError naming every failure (after the summary is written).
 */
async function rollOut(ctx, planned, image) {
    const names = planned.map(p => describeRef(p.plan.ref)).join(', ');
    const outcomes = await ctx.timeline.step(`Roll out ${names}`, async () => {
        const started = await Promise.all(planned.map(p => start(ctx, p, image)));
        const deadline = Date.now() + ctx.request.timeout.seconds * 1000;
        return Promise.all(planned.map((p, i) => follow(ctx, p, image, started[i], deadline)));
    });
    await writeSummary(outcomes, image);
    const failed = outcomes.filter(o => !o.ok);
    if (failed.length > 0) {
        const rolledBack = failed.map(o => o.rollback).filter(Boolean);
        throw new errors/* UserError */.yo([...failed.map(o => `${o.workload} did not roll out: ${o.detail}`), ...rolledBack].join(' ') +
            (ctx.request.rollback
                ? ''
                : " Set 'rollback-on-failure: true' to return such a workload to the revision that served before."));
    }
    return outcomes;
}
/** A rollout's failure after the push: an expected one says the image is there; a bug stays as it is. */
function rolledOutBut(digest, error) {
    if (!(error instanceof errors/* UserError */.yo))
        return error;
    return new errors/* UserError */.yo(`The image was pushed (${digest}), but ${error.message}`);
}
function plannedContainers(plan) {
    return plan.how === 'patch' ? plan.containers.map(c => c.name) : plan.containers;
}
function imagesOf(obj) {
    return new Map(obj.spec.template.spec.containers.map(c => [c.name, c.image]));
}
function hasImages(obj, images) {
    const now = imagesOf(obj);
    return [...images].every(([name, image]) => now.get(name) === image);
}
function hasConfigChange(obj) {
    return (obj.spec.triggers ?? []).some(t => t.type === 'ConfigChange');
}
/** Patches (or, for a trigger, does nothing): what to wait for. */
async function start(ctx, p, image) {
    const { plan, before } = p;
    const images = new Map(plannedContainers(plan).map(c => [c, image]));
    const version = before.status?.latestVersion ?? 0;
    // Already running this image: nothing will change, so the rollout in place is the one to judge.
    const unchanged = hasImages(before, images);
    if (plan.how === 'trigger') {
        util_actions/* info */.pq(describePlan(plan, image));
        return { images, afterVersion: unchanged ? version - 1 : version };
    }
    if (unchanged) {
        util_actions/* info */.pq(`${describeRef(plan.ref)} runs ${image} already`);
        return { images, afterVersion: version - 1 };
    }
    await patchImages(ctx.api, ctx.project, plan, image);
    util_actions/* info */.pq(describePlan(plan, image));
    if (plan.ref.kind === 'deploymentconfig' && !hasConfigChange(before)) {
        await instantiate(ctx.api, ctx.project, plan.ref.name);
        util_actions/* info */.pq(`${describeRef(plan.ref)} has no ConfigChange trigger: started version ${version + 1}`);
    }
    return { images, afterVersion: version };
}
/** Waits for one rollout; on failure rolls back when asked. */
async function follow(ctx, p, image, target, deadline) {
    const what = describeRef(p.plan.ref);
    const how = describePlan(p.plan, image);
    const watched = await watch(ctx, p.plan.ref, target, image, deadline);
    if (watched.ok) {
        util_actions/* info */.pq(`${what} rolled out: ${watched.detail}`);
        return { workload: what, how, ok: true, detail: watched.detail };
    }
    util_actions/* info */.pq(`${what} did not roll out: ${watched.detail}`);
    if (!ctx.request.rollback)
        return { workload: what, how, ok: false, detail: watched.detail };
    const rollback = await rollBack(ctx, p, image, watched.version ?? target.afterVersion + 1).catch((err) => `Rolling ${what} back failed too: ${err.message}`);
    util_actions/* info */.pq(rollback);
    return { workload: what, how, ok: false, detail: watched.detail, rollback };
}
const sleep = (ms) => new Promise(resolve => setTimeout(resolve, ms));
/** Polls the workload until its rollout to `target` is done, fails, or the deadline passes. */
async function watch(ctx, ref, target, image, deadline) {
    const what = describeRef(ref);
    let said = '';
    let saidAt = 0;
    for (let poll = 0;; poll++) {
        const obj = await getWorkload(ctx.api, ctx.project, ref);
        const state = await readState(ctx, ref, obj, target);
        const { verdict, podLabels } = state;
        if (verdict.state === 'done') {
            return {
                ok: true,
                detail: `${verdict.progress.available} of ${verdict.progress.desired} available`,
                version: state.version
            };
        }
        const late = Date.now() > deadline;
        // The pods are read every other poll, and always before giving up.
        const problem = podLabels && (poll % 2 === 1 || late || verdict.state === 'deadline')
            ? await podProblem(ctx, podLabels)
            : undefined;
        if (problem?.settled)
            return { ok: false, detail: explainProblem(problem, what, image), version: state.version };
        if (verdict.state === 'deadline') {
            const why = problem
                ? explainProblem(problem, what, image)
                : `${state.newReady ?? 0} of ${verdict.progress.desired} new pods are ready. Check the pods' readiness probes and logs (\`oc describe ${what}\`).`;
            return {
                ok: false,
                detail: `it made no progress within its deadline of ${verdict.seconds}s (ProgressDeadlineExceeded); ${why}`,
                version: state.version
            };
        }
        if (late) {
            const why = problem ? ` ${explainProblem(problem, what, image)}` : '';
            return {
                ok: false,
                detail: `it did not finish within ${ctx.request.timeout.given} ('rollout-timeout'): ${progressLine('', verdict.progress).slice(2)}${verdict.why ? ` (${verdict.why})` : ''}.${why || " Raise 'rollout-timeout' if it needs longer."}`,
                version: state.version
            };
        }
        const line = progressLine(what, verdict.progress) + (verdict.why ? ` (${verdict.why})` : '');
        if (line !== said || Date.now() - saidAt >= PROGRESS_EVERY_MS) {
            util_actions/* info */.pq(line);
            said = line;
            saidAt = Date.now();
        }
        await sleep(ctx.pollMs ?? 1000);
    }
}
async function readState(ctx, ref, obj, target) {
    const waiting = (why) => ({
        verdict: {
            state: 'waiting',
            progress: { desired: obj.spec.replicas ?? 1, updated: 0, ready: 0, available: 0 },
            why
        }
    });
    if (!hasImages(obj, target.images))
        return waiting('waiting for the image trigger to set the image');
    if (ref.kind === 'deployment') {
        const verdict = deploymentVerdict(obj);
        const sets = verdict.state === 'done' ? [] : await listSets(ctx.api, ctx.project, 'deployment', obj);
        const current = newest(sets.filter(s => sameImages(s, target.images)));
        return {
            verdict,
            podLabels: current ? selectorOfSet(current) : undefined,
            newReady: current?.status?.readyReplicas ?? 0
        };
    }
    const version = obj.status?.latestVersion ?? 0;
    if (version <= target.afterVersion)
        return waiting('waiting for the new version to start');
    const rc = await getSet(ctx.api, ctx.project, `${ref.name}-${version}`);
    return {
        verdict: deploymentConfigVerdict(obj, rc),
        podLabels: { deployment: `${ref.name}-${version}` },
        newReady: rc?.status?.readyReplicas ?? 0,
        version
    };
}
const REVISION = 'deployment.kubernetes.io/revision';
function revision(s) {
    return Number(s.metadata.annotations?.[REVISION] ?? 0);
}
function newest(sets) {
    return [...sets].sort((a, b) => revision(b) - revision(a))[0];
}
function sameImages(s, images) {
    const have = new Map(s.spec.template.spec.containers.map(c => [c.name, c.image]));
    return [...images].every(([n, i]) => have.get(n) === i);
}
function selectorOfSet(s) {
    const hash = s.metadata.labels?.['pod-template-hash'];
    return { ...(s.spec.template.metadata?.labels ?? {}), ...(hash ? { 'pod-template-hash': hash } : {}) };
}
/** The first problem of the new pods, with the events and last log lines that explain it. */
async function podProblem(ctx, labels) {
    const pods = await listPods(ctx.api, ctx.project, labels);
    const troubled = pods.filter(p => (p.status?.containerStatuses ?? []).some(c => c.state?.waiting?.reason && c.state.waiting.reason !== 'ContainerCreating'));
    const events = new Map();
    const logs = new Map();
    await Promise.all(troubled.slice(0, 3).map(async (pod) => {
        events.set(pod.metadata.name, await listEvents(ctx.api, ctx.project, pod.metadata.name));
        for (const c of pod.status?.containerStatuses ?? []) {
            if (c.state?.waiting?.reason === 'CrashLoopBackOff' || c.lastState?.terminated)
                logs.set(`${pod.metadata.name}/${c.name}`, await previousLog(ctx.api, ctx.project, pod.metadata.name, c.name));
        }
    }));
    return findProblem(troubled, events, logs);
}
/**
 * Back to what served before: a Deployment's template from the ReplicaSet of the revision before the failed one
 * (as `kubectl rollout undo`), a DeploymentConfig's images from before this run (a new version with them).
 */
async function rollBack(ctx, p, image, failedVersion) {
    const { ref } = p.plan;
    const what = describeRef(ref);
    const deadline = Date.now() + ctx.request.timeout.seconds * 1000;
    if (ref.kind === 'deployment') {
        const obj = await getWorkload(ctx.api, ctx.project, ref);
        const sets = await listSets(ctx.api, ctx.project, 'deployment', obj);
        const pushed = new Map(plannedContainers(p.plan).map(name => [name, image]));
        const failed = newest(sets.filter(s => sameImages(s, pushed)));
        const below = failed ? revision(failed) : Infinity;
        const previous = newest(sets.filter(s => revision(s) < below && !sameImages(s, pushed)));
        if (!previous)
            return `${what} has no earlier revision to roll back to.`;
        const template = structuredClone(previous.spec.template);
        delete template.metadata?.labels?.['pod-template-hash'];
        await replaceTemplate(ctx.api, ctx.project, ref, template);
        const back = await watch(ctx, ref, { images: imagesOf({ spec: { template } }), afterVersion: 0 }, image, deadline);
        return back.ok
            ? `Rolled ${what} back to revision ${revision(previous)} (ReplicaSet ${previous.metadata.name}), which serves again.`
            : `Rolling ${what} back to revision ${revision(previous)} did not finish either: ${back.detail}`;
    }
    const old = imagesOf(p.before);
    const images = new Map([...old].filter(([name]) => plannedContainers(p.plan).includes(name)));
    const obj = await setImages(ctx.api, ctx.project, ref, await getWorkload(ctx.api, ctx.project, ref), images);
    if (!hasConfigChange(obj))
        await instantiate(ctx.api, ctx.project, ref.name);
    const back = await watch(ctx, ref, { images, afterVersion: failedVersion }, [...images.values()].join(', '), deadline);
    return back.ok
        ? `Rolled ${what} back to the image it ran before (${[...images.values()].join(', ')}) as version ${back.version}, which serves now.`
        : `Rolling ${what} back to the image it ran before did not finish either: ${back.detail}`;
}
async function writeSummary(outcomes, image) {
    const rows = outcomes.map(o => [
        { data: `<code>${o.workload}</code>` },
        { data: o.ok ? '✅ rolled out' : '❌ failed' },
        { data: escapeHtml(o.ok ? o.detail : `${o.detail}${o.rollback ? ` ${o.rollback}` : ''}`) }
    ]);
    try {
        await util_actions/* summary */.z
            .addHeading('Rollout', 3)
            .addRaw(`Image: <code>${escapeHtml(image)}</code>`, true)
            .addTable([
            [
                { data: 'Workload', header: true },
                { data: 'Outcome', header: true },
                { data: 'Details', header: true }
            ],
            ...rows
        ])
            .write();
    }
    catch (err) {
        util_actions/* warning */.$e(`The job summary could not be written (${err.message}); the rollout's outcome is in the log.`);
    }
}
function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

;// CONCATENATED MODULE: ./src/stages/preflight.ts











async function preflight(ctx) {
    const { inputs, api, identity, project } = ctx;
    const spec = (0,image_source/* parseSource */.PJ)(inputs.source);
    // The registry is known before any answer when it is given, or is Rahti's own for Rahti's API. Then the
    // registry's word on whether the repository exists is asked in the same round, for an account that may not
    // read ImageStreams (system:image-pusher): a round trip saved, at the cost of a request that may go unused.
    const knownHost = inputs.registry ?? (isRahti(inputs) ? DEFAULT_REGISTRY : undefined);
    const repository = `${project}/${inputs.image}`;
    const early = knownHost ? new RegistryClient(knownHost, inputs.token, ctx.transport, ctx.retry) : undefined;
    const registryAnswer = early ? settle(early.repositoryExists(repository)) : undefined;
    // What each tag points at now, asked in the same round for Docker's mover (docker-layers.ts), which reads the
    // tags first thing: a round trip off the push, at any distance. It is asked before the answers below confirm
    // the rights, which is harmless: a manifest GET changes nothing and needs only pull rights, which the registry
    // checks itself. It is used only when the registry turns out to be this one and the stream exists; otherwise it
    // goes unused, as it does for an engine that does not read the tags (Docker's containerd store, Podman: the
    // engine is still being chosen), a GET per tag spent. A tag that already holds the source is then read once in
    // the whole run, here: that read is its read-back (see pushFirstTag).
    const tagManifests = early && spec.kind === 'local' && mayBeDocker(inputs) ? readTags(early, repository, inputs) : undefined;
    // The rollout's rights and workloads are asked in the same round; its answer waits until the push's own
    // refusals, which come first, have been looked at.
    const rolloutAnswer = inputs.rollout
        ? settle(checkRollout(api, project, inputs.rollout, {
            project,
            image: inputs.image,
            tags: inputs.tags.map(t => t.tag)
        }))
        : undefined;
    const [permissions, lookup, discovered, resolved, missingRole] = await Promise.all([
        checkPermissions(api, project, inputs.image),
        getImageStream(api, project, inputs.image),
        knownHost ? Promise.resolve(undefined) : discoverRegistryHost(api, project),
        ctx.engine.then(chosen => sourceOf(chosen, spec, inputs.source)),
        missingSettingsRole(ctx)
    ]);
    const { engine, remote } = resolved;
    const stream = lookup.state === 'present' ? lookup.stream : undefined;
    const registryHost = inputs.registry ??
        hostOf(stream?.status?.publicDockerImageRepository) ??
        discovered ??
        defaultRegistry(inputs);
    let source = resolved.source;
    let promotion;
    if (remote && remote.host === registryHost) {
        const client = new RegistryClient(registryHost, inputs.token, ctx.transport, ctx.retry);
        const found = await resolvePromotion(client, remote, inputs.source);
        source = found?.source;
        promotion = found?.promotion;
    }
    else if (remote) {
        // Read with the action's own client: the credentials stay in memory, the calls have the API's deadline.
        const credentials = inputs.sourceCredentials;
        const client = RegistryClient.forSource(remote.host, credentials, ctx.transport, ctx.retry);
        source = await resolveRemoteSource(client, remote, inputs.source, credentials !== undefined);
    }
    if (!source)
        throw sourceMissing(spec, engine.name);
    checkPlatform(source, inputs.platform);
    (0,reference/* checkTagReferences */.Bf)(inputs.tags, registryHost, project, inputs.image);
    if (!permissions.push)
        throw pushDenied(identity, project, inputs.image);
    if (missingRole)
        throw settingsDenied(identity, project, missingRole);
    const rollout = rolloutAnswer ? unwrap(await rolloutAnswer) : undefined;
    if (rollout && 'missing' in rollout)
        throw rolloutDenied(identity, project, rollout.missing);
    // system:image-pusher may not read ImageStreams; the registry still tells whether the repository exists.
    const exists = lookup.state === 'unknown'
        ? registryHost === knownHost && registryAnswer
            ? unwrap(await registryAnswer)
            : await new RegistryClient(registryHost, inputs.token, ctx.transport, ctx.retry).repositoryExists(repository)
        : lookup.state === 'present';
    if (!exists && !inputs.createImageStream)
        throw creationDisabled(project, inputs.image);
    if (!exists && !permissions.createStream)
        throw createDenied(identity, project, inputs.image);
    return {
        registryHost,
        exists,
        stream,
        source,
        promotion,
        engine,
        ...(rollout ? { rollout: rollout.planned } : {}),
        ...(tagManifests && registryHost === knownHost && exists && !promotion ? { tagManifests } : {})
    };
}
/** Whether the engine may be Docker, whose mover reads the tags (the choice itself is made meanwhile). */
function mayBeDocker(inputs) {
    return inputs.engine === 'auto' || inputs.engine === 'docker';
}
/** Each tag's manifest, all at once; one that cannot be read is left out (the mover then asks for it itself). */
function readTags(client, repository, inputs) {
    return Promise.all(inputs.tags.map(async ({ tag }) => {
        const manifest = await client.findManifest(repository, tag).then(found => ({ found }), () => undefined);
        return [tag, manifest];
    })).then(answers => {
        const known = new Map();
        for (const [tag, answer] of answers)
            if (answer)
                known.set(tag, answer.found);
        return known;
    });
}
/**
 * The engine's source, resolved as soon as the engine is chosen. A remote source may be on this very registry
 * (a promotion), which is known only after the discovery: that one is resolved later.
 */
async function sourceOf(chosen, spec, reference) {
    const remote = chosen.engine.name === 'skopeo' ? (0,image_source/* remoteOf */.e1)(spec) : undefined;
    if (remote)
        return { engine: chosen.engine, remote };
    return { engine: chosen.engine, source: chosen.source ?? (await chosen.engine.resolveSource(reference)) };
}
function sourceMissing(spec, engine) {
    const remote = (0,image_source/* remoteOf */.e1)(spec);
    if (spec.kind === 'transport' && spec.path) {
        return new errors/* UserError */.yo(`Input 'source': ${spec.reference} cannot be read: ${spec.path} does not exist or holds no such image. Check the path (relative to the job's working directory) and the name after it.`);
    }
    if (remote && engine === 'skopeo') {
        return new errors/* UserError */.yo(`Input 'source': ${remote.host} has no image ${remote.repository}${remote.digest ? `@${remote.digest}` : `:${remote.tag}`}. Check the name and tag, and that it was pushed there.`);
    }
    return new errors/* UserError */.yo(`Input 'source': the image '${spec.reference}' is not in ${engine === 'docker' ? 'the Docker engine' : `${engine}'s storage`}. Build or pull it earlier in the job, or set 'source' to the image to push.`);
}
function isRahti(inputs) {
    return inputs.server.origin === new URL(DEFAULT_SERVER).origin;
}
/**
 * Rahti's registry for Rahti's API; another cluster that reports no public registry host (no route for its
 * registry, or none this account may see) must be told which it is.
 */
function defaultRegistry(inputs) {
    if (isRahti(inputs))
        return DEFAULT_REGISTRY;
    throw new errors/* UserError */.yo(`Input 'registry': needed for ${inputs.server.origin}, which reports no public registry host (its ImageStreams have no publicDockerImageRepository). Set it to the registry's route, e.g. the host of \`oc get route default-route -n openshift-image-registry\`.`);
}
/** The two questions of the preflight, asked at once: they are independent round trips. */
async function checkPermissions(api, project, image) {
    const [push, createStream] = await Promise.all([
        api.mayI({
            namespace: project,
            verb: 'update',
            group: 'image.openshift.io',
            resource: 'imagestreams',
            subresource: 'layers',
            name: image
        }),
        api.mayI({ namespace: project, verb: 'create', group: 'image.openshift.io', resource: 'imagestreams' })
    ]);
    return { push, createStream };
}
const rbac = (verb, resource) => ({ verb, group: 'rbac.authorization.k8s.io', resource });
/** The rights the access, lookup and prune inputs need, in the order the error should name them. */
function settingRights(inputs) {
    const rights = [];
    const access = inputs.access;
    if (access.visibility !== undefined || access.pullProjects !== undefined) {
        rights.push({
            input: access.visibility !== undefined ? 'visibility' : 'pull-projects',
            role: 'admin',
            what: 'create and delete Roles and RoleBindings',
            checks: [
                ...['roles', 'rolebindings'].flatMap(r => [rbac('create', r), rbac('delete', r)]),
                // Who may pull is then asked of the cluster about others, which only the project's admin may.
                { verb: 'create', group: 'authorization.k8s.io', resource: 'localsubjectaccessreviews' }
            ]
        });
    }
    if (access.localLookup !== undefined) {
        rights.push({
            input: 'local-lookup',
            role: 'edit',
            what: 'patch ImageStreams',
            checks: [{ verb: 'patch', group: 'image.openshift.io', resource: 'imagestreams', name: inputs.image }]
        });
    }
    if (inputs.prune) {
        rights.push({
            input: 'prune',
            role: 'edit',
            what: 'delete ImageStreamTags',
            checks: [{ verb: 'delete', group: 'image.openshift.io', resource: 'imagestreamtags' }]
        });
    }
    return rights;
}
/** The first setting whose rights the identity lacks, or undefined; every question asked at once. */
async function missingSettingsRole({ api, project, inputs }) {
    const rights = settingRights(inputs);
    const answers = await Promise.all(rights.map(r => Promise.all(r.checks.map(c => api.mayI({ namespace: project, ...c })))));
    return rights.find((_, i) => answers[i].includes(false));
}
function settingsDenied(identity, project, right) {
    return new errors/* UserError */.yo(`Input '${right.input}': ${identity.username} may not ${right.what} in ${project}, which this needs (the project's ${right.role} role). ` +
        `Have a project admin run \`${grantCommand(right.role, identity, project)}\`, or leave '${right.input}' empty. Nothing was uploaded.`);
}
function rolloutDenied(identity, project, missing) {
    return new errors/* UserError */.yo(`Input 'rollout': ${identity.username} may not ${missing} in ${project}, which rolling out needs (the project's edit role). ` +
        `Have a project admin run \`${grantCommand('edit', identity, project)}\`, or leave 'rollout' empty. Nothing was uploaded.`);
}
/** How `oc policy add-role-to-user` names this identity: `-z sa` inside its own project. */
function grantCommand(role, identity, project) {
    const sa = identity.serviceAccount;
    const who = sa && sa.namespace === project ? `-z ${sa.name}` : identity.username;
    return `oc policy add-role-to-user ${role} ${who} -n ${project}`;
}
function pushDenied(identity, project, image) {
    return new errors/* UserError */.yo(`${identity.username} may not push to ${project}/${image} (no update on imagestreams/layers). ` +
        `Have a project admin run \`${grantCommand('system:image-pusher', identity, project)}\`, or check that 'project' is right.`);
}
function createDenied(identity, project, image) {
    return new errors/* UserError */.yo(`The ImageStream ${project}/${image} does not exist, and ${identity.username} may not create it (system:image-pusher cannot create ImageStreams). ` +
        `Have a project admin run \`oc create imagestream ${image} -n ${project}\` once, or grant \`${grantCommand('system:image-builder', identity, project)}\`.`);
}
function creationDisabled(project, image) {
    return new errors/* UserError */.yo(`The ImageStream ${project}/${image} does not exist and 'create-imagestream' is false. Create it with \`oc create imagestream ${image} -n ${project}\`, or set 'create-imagestream: true'.`);
}

;// CONCATENATED MODULE: ./src/stages/publish.ts
// The push itself: one upload by the engine under the first tag, checked to be the source image, every other
// tag a manifest PUT of the same bytes, and a final read of every tag. Retrying a push lives here; the engine
// only says which of its failures are worth another try. What this run reports is what this run pushed: a tag
// that another job moves afterwards is named in the log, never adopted.




/** How often a push that delivered another job's image (a name taken over on a shared engine) is tried again. */
const WRONG_IMAGE_ATTEMPTS = 3;
/**
 * Pushes the source under the first tag (the only upload) and returns what this run pushed. The other tags are
 * named so that an engine that asks the registry itself (Docker's layers moved by the action) knows what they
 * hold already.
 */
async function pushFirstTag(engine, registryClient, source, target, tag, retry, otherTags = [], tagManifests) {
    const reference = `${target.registryHost}/${target.repository}:${tag}`;
    const context = {
        registry: registryClient,
        repository: target.repository,
        tag,
        tags: [tag, ...otherTags]
    };
    // The preflight's read of the tags is for the first try only: any later try reads the registry anew.
    let prefetched = tagManifests;
    const once = () => {
        const given = prefetched;
        prefetched = undefined;
        return given ? { ...context, tagManifests: given } : context;
    };
    for (let attempt = 1;; attempt++) {
        const answer = await (0,util_retry/* withRetry */.bD)(`${engine.name} push ${reference}`, () => engine.push(source, reference, once()), err => ({ retry: engine.isTransient(err) }), retry).catch(err => {
            // After the last try the message already says what happened and to run again later.
            throw (0,util_retry/* outlastedRetries */.SU)(err) ? new errors/* UserError */.yo((0,errors/* messageOf */.bD)(err)) : engine.explainPushFailure(reference, err);
        });
        const report = typeof answer === 'string' ? { digest: answer } : answer;
        // The engine's word for what it uploaded; the tag is only a fallback, since another job may move it.
        const digest = report?.digest ?? (await registryClient.resolveTag(target.repository, tag));
        if (!digest) {
            throw new errors/* UserError */.yo(`The push of ${target.repository}:${tag} reported success, but the registry does not list the tag. Run the step again; if it persists, report it to Rahti support.`);
        }
        // The manifest the engine had in hand (read from the registry, or put there and stored under this digest) is
        // taken only when its bytes are the digest's; otherwise it is read once: the check that it is the source, and
        // the bytes every other tag is put on. The first tag is read back in the same round, unless the engine saw it
        // during the push without putting anything there (the tag held the source already: that read is the
        // read-back). An engine that reports only a digest gets both reads.
        const inHand = report?.manifest && bytesAre(report.manifest, digest) ? report.manifest : undefined;
        const [manifest, firstTagSeen] = await Promise.all([
            inHand ?? registryClient.getManifest(target.repository, digest),
            report?.tagSeen ?? registryClient.resolveTag(target.repository, tag)
        ]);
        const pushed = (0,oci/* imageIdentity */.a)(manifest);
        if (pushed === source.id || digest === source.id)
            return { digest, manifest, firstTagSeen };
        if (attempt >= WRONG_IMAGE_ATTEMPTS) {
            throw new errors/* UserError */.yo(`What reached ${reference} (${digest}, image ${pushed}) is not the source ${source.reference} (${source.id}): another job on this engine took over the name during the push, ${attempt} times. Nothing is reported as pushed; run the step again.`);
        }
        util_actions/* warning */.$e(`The push of ${reference} delivered ${pushed}, not the source ${source.id}: another job on this engine used the same name at the same time. Pushing again.`);
    }
}
/** Whether a manifest's bytes hash to `digest` (a sha256 digest; any other algorithm is read again instead). */
function bytesAre(manifest, digest) {
    return manifest.digest === digest && digest === (0,oci/* sha256Digest */.sI)(manifest.body);
}
/**
 * Puts the other tags on the same manifest (no upload: every tag gets the very same digest) and reads every tag
 * back, each tag's PUT and read in its own chain, all at once. A tag that another job moved after this run put it
 * in place is reported in the log, not adopted: this run's outputs carry what it pushed.
 */
async function tagAndVerify(registryClient, repository, pushed, first, others) {
    const { digest, manifest, firstTagSeen } = pushed;
    const seen = await Promise.all([
        firstTagSeen ?? registryClient.resolveTag(repository, first),
        ...others.map(async (tag) => {
            const put = await registryClient.putManifest(repository, tag, manifest);
            if (put !== digest) {
                throw new errors/* UserError */.yo(`The registry stored ${repository}:${tag} as ${put}, not ${digest}. Run the step again.`);
            }
            return registryClient.resolveTag(repository, tag);
        })
    ]);
    const tags = [first, ...others];
    const moved = tags.filter((_tag, i) => seen[i] !== digest);
    for (const tag of moved) {
        const now = seen[tags.indexOf(tag)];
        util_actions/* warning */.$e(now
            ? `${repository}:${tag} now points at ${now}, not at ${digest} which this run pushed: another job moved it afterwards.`
            : `${repository}:${tag} is gone from the registry after this run put it at ${digest}: another job removed it.`);
    }
    return moved;
}

// EXTERNAL MODULE: ./src/registry/attachments.ts
var attachments = __webpack_require__(477);
;// CONCATENATED MODULE: ./src/openshift/prune.ts
// Old tags pruned: of the stream's tags matching the pattern, the newest `keep` stay, and so does every tag this
// run pushed and every tag another job pushed (or moved) after this run began, whatever its age; the rest are
// deleted as ImageStreamTags, which removes them from the stream and the registry alike. Attachment tags (a
// digest's signatures and attestations, `sha256-<hex>.sig` ...) are never counted as tags; those of a pruned digest
// go with it unless a tag that stays still points at that digest.
//
// The order is the stream's own record of it: each tag's newest history item, ordered by the generation of the
// stream its event made (one per push, so pushes within one second are told apart), and by its `created` time
// where a generation does not tell. Where neither tells two tags apart at the line `keep` draws, both stay.
//
// "After this run began" is what the stream did not hold when the run first read it (the preflight's read,
// before the push), and any tag event created in or after the second the run started: another job's push in
// flight, whose own run reports the tag, must find it there. Such a tag is pruned by a later run.


const SPARE_WORDS = {
    'this-run': 'this run pushed it',
    'after-start': "it appeared or moved after this run began (another job's push in flight)",
    'order-unknown': 'the stream does not tell whether it is older than the newest kept (same second and generation)',
    'age-unknown': 'the stream does not say when it was pushed'
};
/** `*` any run of characters, `?` one; everything else literal. */
function globToRegExp(pattern) {
    const body = pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.');
    return new RegExp(`^${body}$`);
}
/**
 * Newer first: by generation when both have one and they differ, else by `created`; 0 when the stream does not
 * tell (the same second and no differing generation).
 */
function compareNewestFirst(a, b) {
    if (a.generation !== undefined && b.generation !== undefined && a.generation !== b.generation) {
        return b.generation - a.generation;
    }
    return Date.parse(b.created ?? '') - Date.parse(a.created ?? '');
}
/** Which matching tags to delete and which to spare beyond `keep`, given what the run knew when it began. */
function selectPrunable(tags, request, pushedNow, baseline = { startedAt: Number.POSITIVE_INFINITY, tags: undefined }) {
    const match = globToRegExp(request.pattern);
    const matching = tags.filter(t => !(0,attachments/* isAttachmentTag */.uE)(t.tag) && match.test(t.tag));
    const known = (t) => t.generation !== undefined || !Number.isNaN(Date.parse(t.created ?? ''));
    const spared = matching
        .filter(t => !known(t))
        .map(t => ({ tag: t.tag, why: 'age-unknown' }));
    const newestFirst = matching.filter(known).sort(compareNewestFirst);
    const kept = newestFirst.slice(0, request.keep);
    const lastKept = kept[kept.length - 1];
    const doomed = [];
    for (const t of newestFirst.slice(request.keep)) {
        if (pushedNow.includes(t.tag))
            spared.push({ tag: t.tag, why: 'this-run' });
        else if (appearedAfterStart(t, baseline))
            spared.push({ tag: t.tag, why: 'after-start' });
        else if (lastKept && compareNewestFirst(lastKept, t) === 0)
            spared.push({ tag: t.tag, why: 'order-unknown' });
        else
            doomed.push(t.tag);
    }
    return { doomed: doomed.reverse(), spared };
}
/** Whether the tag's newest event is not what the stream held when the run began, or was made since it began. */
function appearedAfterStart(tag, baseline) {
    // `created` has whole seconds: an event in the second the run started counts as after it.
    const startSecond = Math.floor(baseline.startedAt / 1000) * 1000;
    if (Date.parse(tag.created ?? '') >= startSecond)
        return true;
    if (!baseline.tags)
        return false;
    const before = baseline.tags.find(t => t.tag === tag.tag);
    return (!before ||
        before.image !== tag.image ||
        before.generation !== tag.generation ||
        before.created !== tag.created);
}
/**
 * The attachment tags to delete with the doomed tags: those whose digest only doomed tags point at. A digest
 * that any other image tag still names keeps its signatures.
 */
function orphanedAttachments(tags, doomed) {
    const images = tags.filter(t => !(0,attachments/* isAttachmentTag */.uE)(t.tag));
    const kept = new Set(images.filter(t => !doomed.includes(t.tag)).map(t => t.image));
    const gone = new Set(images.filter(t => doomed.includes(t.tag)).map(t => t.image));
    return tags
        .filter(t => {
        const subject = (0,attachments/* attachmentSubject */.Et)(t.tag);
        return subject !== undefined && gone.has(subject) && !kept.has(subject);
    })
        .map(t => t.tag);
}
function tagAges(stream) {
    return (stream?.status?.tags ?? []).map(t => {
        const newest = t.items?.[0];
        return {
            tag: t.tag,
            ...(newest?.image ? { image: newest.image } : {}),
            ...(newest?.created ? { created: newest.created } : {}),
            ...(newest?.generation !== undefined ? { generation: newest.generation } : {})
        };
    });
}
/** Deletes the selected tags of the stream and their orphaned attachments; returns what was deleted and spared. */
async function pruneTags(api, project, image, request, pushedNow, baseline) {
    const stream = await api.get(`/apis/image.openshift.io/v1/namespaces/${project}/imagestreams/${image}`);
    const tags = tagAges(stream);
    const selection = selectPrunable(tags, request, pushedNow, baseline);
    // The image's tags first, then its attachments: a run stopped between them leaves a signature of an untagged
    // digest (harmless: nothing pulls it by a tag), never an image whose signature is gone.
    const doomed = [...selection.doomed, ...orphanedAttachments(tags, selection.doomed)];
    for (const tag of doomed) {
        try {
            await api.delete(`/apis/image.openshift.io/v1/namespaces/${project}/imagestreamtags/${image}:${tag}`);
        }
        catch (err) {
            // Another job pruned it first.
            if (!(err instanceof errors/* HttpStatusError */.F9 && err.status === 404))
                throw err;
        }
    }
    return { ...selection, doomed };
}

;// CONCATENATED MODULE: ./src/stages/settings.ts
// The stream's settings after the push, each only when its input asks: who may pull (a Role and RoleBindings the
// action owns), the lookup policy, and old tags pruned.





/**
 * After the push: who may pull, the lookup policy, and old tags pruned, each only when its input asks. Access
 * is reconciled on every run, changed or not, so a binding removed by hand comes back and an old one goes.
 */
async function applySettings(ctx, session) {
    const { inputs, timeline } = ctx;
    const { api, project } = session;
    const settings = {};
    const request = inputs.access;
    if (request.visibility !== undefined || request.pullProjects !== undefined) {
        settings.access = await timeline.step('Set who may pull', async () => {
            const outcome = await reconcileAccess(api, project, inputs.image, request);
            for (const c of outcome.changes)
                util_actions/* info */.pq(`${CHANGE_WORDS[c.action]} ${c.kind} ${c.name}`);
            if (outcome.changes.length === 0)
                util_actions/* info */.pq('Access unchanged: the Role and RoleBindings were already as asked');
            for (const line of outcome.access)
                util_actions/* info */.pq(`Access: ${line}`);
            for (const warning of outcome.warnings)
                util_actions/* warning */.$e(warning);
            if (outcome.unchecked.length) {
                util_actions/* notice */.lm(`Input 'pull-projects': whether ${outcome.unchecked.join(', ')} exist${outcome.unchecked.length > 1 ? '' : 's'} cannot be checked, as the account may not see ${outcome.unchecked.length > 1 ? 'them' : 'it'}; a misspelt project name grants nothing, so check the names.`);
            }
            return outcome;
        });
    }
    if (request.localLookup !== undefined) {
        const local = request.localLookup;
        settings.localLookup = await timeline.step('Set the lookup policy', async () => {
            const changed = await setLocalLookup(api, project, inputs.image, local);
            util_actions/* info */.pq(`Local lookup ${local ? 'on' : 'off'}${changed ? '' : ' (unchanged)'}`);
            return { local, changed };
        });
    }
    const prune = inputs.prune;
    if (prune) {
        settings.pruned = await timeline.step(`Prune tags matching ${prune.pattern}`, async () => {
            const pushed = inputs.tags.map(t => t.tag);
            // What the stream held when the run began: a stream that did not exist held nothing; one that could not be
            // read is judged by the tags' times alone.
            const { exists, stream } = session.plan;
            const before = exists ? (stream ? tagAges(stream) : undefined) : [];
            const selection = await pruneTags(api, project, inputs.image, prune, pushed, {
                tags: before,
                startedAt: ctx.startedAt
            });
            logPruning(selection, prune.keep);
            return selection.doomed;
        });
    }
    return settings;
}
/** What was deleted, and each tag beyond `keep` that was spared, with why. */
function logPruning(selection, keep) {
    if (selection.doomed.length)
        util_actions/* info */.pq(`Deleted ${selection.doomed.join(', ')}`);
    else
        util_actions/* info */.pq(`Nothing to prune: the newest ${keep} matching tags and this run's stay`);
    for (const { tag, why } of selection.spared)
        util_actions/* info */.pq(`Spared ${tag}: ${SPARE_WORDS[why]}`);
}
/** A setting's failure after the push: an expected one says the image is there; a bug stays as it is. */
function pushedBut(digest, error) {
    if (!(error instanceof errors/* UserError */.yo))
        return error;
    return new errors/* UserError */.yo(`The image was pushed (${digest}), but a setting was not applied: ${error.message}`);
}
const CHANGE_WORDS = { create: 'Created', update: 'Updated', delete: 'Deleted' };

;// CONCATENATED MODULE: ./src/stages/sign.ts


/** The signer for `sign`, ready. Nothing is uploaded or recorded anywhere yet. */
async function prepareSigning(request, transport, env = process.env) {
    const { prepareSigner } = await Promise.all(/* import() */[__webpack_require__.e(668), __webpack_require__.e(287)]).then(__webpack_require__.bind(__webpack_require__, 287));
    const signer = await prepareSigner(request, env, transport);
    util_actions/* info */.pq(signer.mode === 'key'
        ? 'Signing key decrypted'
        : `The job's OIDC token is there (issuer ${signer.issuer ?? 'unknown'})`);
    return signer;
}
/** Signs the pushed digest, appends the signature to its `.sig` tag, and sets the signature's outputs. */
async function signPushed(signer, target) {
    const result = await signer.sign({
        registry: target.registry,
        repository: target.repository,
        dockerReference: `${target.registryHost}/${target.repository}`,
        digest: target.digest
    });
    util_actions/* setOutput */.uH('signature', result.signature);
    if (result.rekor)
        util_actions/* setOutput */.uH('signature-log-entry', result.rekor.url);
    util_actions/* info */.pq(`Signed ${target.digest}${result.identity ? ` as ${result.identity}` : ' with the key'}: ${result.signature}${result.added ? '' : ' (this signature was there already)'}${result.signatures > 1 ? `, beside ${result.signatures - 1} other signature(s)` : ''}`);
    if (result.rekor)
        util_actions/* info */.pq(`Rekor entry ${result.rekor.logIndex}: ${result.rekor.url}`);
    if (result.instances.length)
        util_actions/* info */.pq(`Signed the index's ${result.instances.length} images too, each at its own digest`);
    const { signatureSummary } = await __webpack_require__.e(/* import() */ 799).then(__webpack_require__.bind(__webpack_require__, 799));
    return { ...result, summary: signatureSummary(result, signer, target) };
}
/** A signing failure after the push: an expected one says the image is there, unsigned; a bug stays as it is. */
function signedBut(digest, error) {
    if (!(error instanceof errors/* UserError */.yo))
        return error;
    return new errors/* UserError */.yo(`The image was pushed (${digest}), but it was not signed: ${error.message}`);
}
/** What the dry run says it would do about signing, once the signer is ready. */
function wouldSign(signer) {
    if (!signer)
        return undefined;
    return signer.mode === 'key'
        ? 'Would sign the pushed digest with the key (it decrypts) and add the signature to its sha256-<hex>.sig tag, which the same push rights allow'
        : `Would sign the pushed digest keylessly as this workflow (the OIDC token from ${signer.issuer ?? 'the runner'} is there) and add the signature to its sha256-<hex>.sig tag, which the same push rights allow`;
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(67);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(30);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(692);
var external_node_tls_default = /*#__PURE__*/__webpack_require__.n(external_node_tls_);
;// CONCATENATED MODULE: ./src/util/proxy.ts
// The proxy for a URL, from HTTPS_PROXY / HTTP_PROXY / NO_PROXY as the Actions toolkit reads them: of the lower-
// and the upper-case variable the first that is set and not empty (an empty https_proxy does not hide a set
// HTTPS_PROXY); a proxy without a scheme is http://; loopback hosts never go through a proxy. NO_PROXY holds host
// names (which match their subdomains too), `.example.com` suffixes, host:port pairs and `*`, as the toolkit's;
// beyond it, as curl and Node do, `.example.com` and `*.example.com` also match `example.com` itself.
//
// Node 24 reads these variables itself (NODE_USE_ENV_PROXY, an agent's `proxyEnv`), but by other rules: a bare
// `example.com` in NO_PROXY does not cover its subdomains and loopback is not exempt. The runner's other tools
// follow the toolkit's rules, so this module decides, and util/http.ts connects.
/** The variables' first non-empty value, lower case first. */
function firstSet(env, name) {
    return env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;
}
function proxyFor(url, env = process.env) {
    const raw = firstSet(env, url.protocol === 'https:' ? 'https_proxy' : 'http_proxy')?.trim();
    if (!raw || bypasses(url, env))
        return undefined;
    try {
        const proxy = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
        return proxy.protocol === 'http:' || proxy.protocol === 'https:' ? proxy : undefined;
    }
    catch {
        return undefined;
    }
}
/** The port the proxy listens on: its own, else its scheme's (443 for an https:// proxy). */
function proxyPort(proxy) {
    return Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80));
}
function bypasses(url, env) {
    const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
    if (host === 'localhost' || /^127\./.test(host) || host === '::1' || host === '0:0:0:0:0:0:0:1')
        return true;
    const list = firstSet(env, 'no_proxy');
    if (!list)
        return false;
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    return list
        .split(',')
        .map(entry => entry.trim().toLowerCase())
        .filter(Boolean)
        .some(entry => {
        if (entry === '*')
            return true;
        const [name, entryPort] = entry.split(/:(?=\d+$)/);
        if (entryPort && entryPort !== port)
            return false;
        const suffix = name.replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
        return host === suffix || host.endsWith(`.${suffix}`);
    });
}

;// CONCATENATED MODULE: ./src/util/http.ts
// The one HTTP transport of the action, on node:http(s): the API and registry clients and the oc download. Node's
// own modules, because the cluster's CA must be added to (not replace) the system roots, and because a keep-alive
// agent per server keeps each extra call to one round trip. It honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY as the
// Actions toolkit does (util/proxy.ts decides), since self-hosted runners often sit behind a proxy; an https://
// proxy is spoken to in TLS. Node 24's own proxy support is not used for the connection: NODE_USE_ENV_PROXY only
// covers the global agent (these agents are the transport's own, so it never proxies them twice), an agent's
// `proxyEnv` reads NO_PROXY by other rules than the toolkit's, and neither exists on the Node the unit tests and
// `engines` (>= 20) allow. What Node 24 does serve is its default CA list (NODE_EXTRA_CA_CERTS, --use-system-ca),
// which the cluster's CA is added to.








/** How long one request may take before it counts as unanswered (and may be tried again). */
const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;
class HttpTransport {
    trust;
    env;
    // Enough sockets that the retag of many tags goes out in one wave rather than several.
    httpAgent = new (external_node_http_default()).Agent({ keepAlive: true, maxSockets: 32 });
    httpsAgent;
    proxyAgents = new Map();
    secureContext;
    constructor(trust, env = process.env) {
        this.trust = trust;
        this.env = env;
        // One secure context for every connection: given a `ca` list instead, Node parses the system's roots
        // again for each new connection, about 25 ms each. The cluster's CA is added to Node's default roots
        // (contextTrusting), which (from Node 22.15 and 24) hold NODE_EXTRA_CA_CERTS and, with --use-system-ca, the
        // system's store too: a runner that trusts its company's CA that way still does once a cluster CA is given.
        this.secureContext = trust.caPem ? contextTrusting(trust.caPem) : undefined;
        this.httpsAgent = new (external_node_https_default()).Agent(this.tlsOptions());
    }
    tlsOptions() {
        return {
            keepAlive: true,
            maxSockets: 32,
            secureContext: this.secureContext,
            rejectUnauthorized: !this.trust.insecureSkipTlsVerify
        };
    }
    /** One exchange, its answer read whole, within a deadline from the request to the last byte. */
    request(req) {
        const timeoutMs = req.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
        // A deadline for the whole exchange, not an idle timer: a server that trickles or never answers
        // must not hold the step for minutes.
        return this.exchange(req, timeoutMs, (response, _, settle) => {
            const chunks = [];
            response.on('data', (c) => chunks.push(c));
            response.on('error', err => settle.fail(this.failure(err, req, timeoutMs)));
            response.on('end', () => settle.resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                body: Buffer.concat(chunks)
            }));
        });
    }
    /**
     * One exchange whose answer is handed over at its head, the body unread: the deadline covers the wait for the
     * head, and after it the body may not stop flowing for longer than `idleTimeoutMs`.
     */
    stream(req) {
        return this.exchange(req, req.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, (response, request, settle) => {
            const body = new external_node_stream_.PassThrough();
            // The body's failures in the transport's own words, as the request's are; the first one stands.
            const cut = (err) => body.destroy(this.failure(err, req, req.idleTimeoutMs));
            request.setTimeout(req.idleTimeoutMs, () => {
                cut(stalled(req.idleTimeoutMs));
                request.destroy();
            });
            response.on('error', cut);
            response.on('close', () => {
                if (!response.complete)
                    cut(connectionCut());
            });
            response.pipe(body);
            settle.resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
        });
    }
    /** Sends the request under a deadline that ends when `onResponse` settles (or fails) the exchange. */
    exchange(req, timeoutMs, onResponse) {
        const refused = refusal(req);
        if (refused)
            return Promise.reject(refused);
        return new Promise((resolve, reject) => {
            let deadline;
            let settled = false;
            const arm = () => {
                if (!settled)
                    deadline = setTimeout(() => request.destroy(timedOut(timeoutMs)), timeoutMs);
            };
            const streamed = req.body instanceof external_node_stream_.Readable ? req.body : undefined;
            if (streamed)
                streamed.once('end', arm);
            else
                arm();
            const settle = {
                resolve: value => {
                    settled = true;
                    clearTimeout(deadline);
                    resolve(value);
                },
                fail: err => {
                    settled = true;
                    clearTimeout(deadline);
                    reject(err);
                }
            };
            const request = this.send(req, timeoutMs, settle.fail, response => onResponse(response, request, settle));
            if (streamed) {
                const idleMs = req.idleTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
                request.setTimeout(idleMs, () => request.destroy(stalled(idleMs)));
            }
        });
    }
    /** Starts the request; `fail` gets any failure before the answer's head, in the transport's words. */
    send(req, timeoutMs, fail, onResponse) {
        const isHttps = req.url.protocol === 'https:';
        const body = typeof req.body === 'string' ? Buffer.from(req.body) : req.body;
        const headers = { 'User-Agent': 'rahti-push', ...req.headers };
        if (Buffer.isBuffer(body))
            headers['Content-Length'] = String(body.length);
        const proxy = proxyFor(req.url, this.env);
        const options = proxy && !isHttps
            ? {
                // Plain HTTP through a proxy: the absolute URL goes to the proxy (in TLS to an https:// one), which
                // forwards it.
                host: proxy.hostname.replace(/^\[|\]$/g, ''),
                port: proxyPort(proxy),
                path: req.url.href,
                method: req.method,
                headers: { ...headers, Host: req.url.host, ...proxyAuthorization(proxy) },
                agent: this.forwardingAgent(proxy),
                servername: proxyServername(proxy)
            }
            : {
                host: req.url.hostname.replace(/^\[|\]$/g, ''),
                port: req.url.port || (isHttps ? 443 : 80),
                path: `${req.url.pathname}${req.url.search}`,
                method: req.method,
                headers,
                agent: isHttps ? (proxy ? this.tunnelAgent(proxy) : this.httpsAgent) : this.httpAgent
            };
        const viaTls = isHttps || proxy?.protocol === 'https:';
        const request = (viaTls ? (external_node_https_default()) : (external_node_http_default())).request(options, onResponse);
        // Destroyed without an error, the reason given to the caller directly: a request destroyed with an error before
        // its connection is assigned hands the error to the new socket before anyone listens there, and that unheard
        // 'error' would end the step with Node's stack trace.
        const abort = () => {
            fail(req.signal?.reason);
            request.destroy();
        };
        req.signal?.addEventListener('abort', abort, { once: true });
        request.once('close', () => req.signal?.removeEventListener('abort', abort));
        request.on('error', (err) => {
            if (req.signal?.aborted)
                return fail(req.signal.reason);
            // A TLS server drops a plain-HTTP request without a word; find out rather than retry it as a hiccup.
            if (!isHttps && !proxy && err.code === 'ECONNRESET') {
                void speaksTls(req.url).then(tls => fail(tls ? speaksTlsError(req.url) : toNetworkError(err, req.url, timeoutMs)));
                return;
            }
            // Forwarded plain HTTP: a connection to the proxy that never came up, or its certificate, is the proxy's
            // failure, so it is named (a deadline that passed stays a timeout, which may be tried again).
            const atProxy = !request.socket?.remoteAddress && err.code !== 'ETIMEDOUT';
            if (proxy && !isHttps && (atProxy || isCertificateCode(err.code)))
                return fail(proxyError(err, proxy, req.url));
            fail(toNetworkError(err, req.url, timeoutMs));
        });
        if (body instanceof external_node_stream_.Readable) {
            // A failed request stops the stream's producer too (it must not wait on a body nobody reads).
            body.once('error', err => request.destroy(err));
            request.once('close', () => {
                if (!body.readableEnded)
                    body.destroy(request.errored ?? connectionCut());
            });
            body.pipe(request);
        }
        else
            request.end(body);
        return request;
    }
    /** A failure while reading an answer: the signal's reason once aborted, else a NetworkError. */
    failure(err, req, timeoutMs) {
        return req.signal?.aborted ? req.signal.reason : toNetworkError(err, req.url, timeoutMs);
    }
    /** The agent for plain HTTP forwarded by a proxy: keep-alive to the proxy, in TLS to an https:// one. */
    forwardingAgent(proxy) {
        if (proxy.protocol !== 'https:')
            return this.httpAgent;
        return this.proxyAgent(`forward ${proxy.href}`, () => new (external_node_https_default()).Agent(this.proxyTlsOptions(proxy)));
    }
    /** TLS to an https:// proxy: verified always (a skipped check is for the cluster only), by the same roots. */
    proxyTlsOptions(proxy) {
        return {
            keepAlive: true,
            maxSockets: 32,
            secureContext: this.secureContext,
            // The proxy's own name, not the Host header's (Node's default); '' for an address, which SNI cannot carry.
            servername: proxyServername(proxy)
        };
    }
    proxyAgent(key, make) {
        let agent = this.proxyAgents.get(key);
        if (!agent) {
            agent = make();
            this.proxyAgents.set(key, agent);
        }
        return agent;
    }
    /** An agent whose connections are tunnelled through the proxy with CONNECT, then TLS to the server. */
    tunnelAgent(proxy) {
        return this.proxyAgent(`tunnel ${proxy.href}`, () => {
            const agent = new (external_node_https_default()).Agent(this.tlsOptions());
            agent.createConnection = (options, callback) => {
                const target = `${options.host.includes(':') ? `[${options.host}]` : options.host}:${options.port}`;
                const connectOptions = {
                    host: proxy.hostname.replace(/^\[|\]$/g, ''),
                    port: proxyPort(proxy),
                    method: 'CONNECT',
                    path: target,
                    headers: { Host: target, ...proxyAuthorization(proxy) },
                    agent: false
                };
                const connect = proxy.protocol === 'https:'
                    ? external_node_https_default().request({ ...connectOptions, ...this.proxyTlsOptions(proxy), agent: false })
                    : external_node_http_default().request(connectOptions);
                connect.once('connect', (res, socket) => {
                    if (res.statusCode !== 200) {
                        socket.destroy();
                        callback(Object.assign(new Error(`the proxy ${proxy.host} answered CONNECT with HTTP ${res.statusCode}`), {
                            code: 'EPROXY'
                        }));
                        return;
                    }
                    const secure = external_node_tls_default().connect({
                        ...options,
                        socket,
                        // SNI carries names only: an IP address is not sent.
                        servername: (0,external_node_net_.isIP)(options.host) ? undefined : (options.servername ?? options.host),
                        secureContext: this.secureContext,
                        rejectUnauthorized: !this.trust.insecureSkipTlsVerify
                    });
                    callback(null, secure);
                });
                connect.once('error', err => callback(Object.assign(new Error(`the proxy ${proxy.host} could not be reached (${err.message})`), {
                    code: 'EPROXY'
                })));
                connect.end();
                return undefined;
            };
            return agent;
        });
    }
    close() {
        this.httpAgent.destroy();
        this.httpsAgent.destroy();
        for (const agent of this.proxyAgents.values())
            agent.destroy();
    }
}
/**
 * Node's default roots with the cluster's CA added. On Node 24 the CA goes into a copy of Node's own store, made
 * in C++ from the roots it has already parsed (about 1-2 ms); a `ca` list instead has every root parsed from PEM
 * again, 6-19 ms measured on a 2-core runner (the more with NODE_EXTRA_CA_CERTS), on the way to the first
 * request. The copy holds what the default list does (NODE_EXTRA_CA_CERTS, --use-system-ca's store); Node 20's
 * leaves NODE_EXTRA_CA_CERTS out, so older Nodes are handed the list.
 */
function contextTrusting(caPem) {
    if (Number(process.versions.node.split('.')[0]) >= 24) {
        const context = external_node_tls_default().createSecureContext();
        // The native context behind the public one: its addCACert adds to a store of this context's own.
        const native = context.context;
        if (typeof native?.addCACert === 'function') {
            native.addCACert(caPem);
            return context;
        }
    }
    return external_node_tls_default().createSecureContext({ ca: [...defaultCertificates(), caPem] });
}
/** Node's default trusted CAs (with NODE_EXTRA_CA_CERTS and the system store where asked for), else its bundle. */
function defaultCertificates() {
    const withDefaults = (external_node_tls_default());
    return withDefaults.getCACertificates?.('default') ?? (external_node_tls_default()).rootCertificates;
}
function timedOut(ms) {
    return Object.assign(new Error(`no answer within ${ms} ms`), { code: 'ETIMEDOUT' });
}
function stalled(ms) {
    return Object.assign(new Error(`nothing arrived for ${Math.round(ms / 1000)} s`), { code: 'ESTALLED' });
}
function connectionCut() {
    return Object.assign(new Error('the connection was closed before the end of the answer'), {
        code: 'ECONNRESET'
    });
}
/** Why a request is not sent at all: its signal is aborted, or the run was stopped (cancelled, timed out). */
function refusal(req) {
    if (req.signal?.aborted)
        return req.signal.reason;
    // No stream may be created after the step failed.
    if ((0,exec/* wasCancelled */.r1)())
        return new errors/* UserError */.yo(`The run was stopped; ${req.method} ${req.url.pathname} was not sent.`);
    return undefined;
}
function proxyAuthorization(proxy) {
    if (!proxy.username)
        return {};
    const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    return { 'Proxy-Authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}
function toNetworkError(err, url, timeoutMs) {
    const code = err.code ?? 'EUNKNOWN';
    const where = `${url.protocol}//${url.host}`;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
        return new errors/* NetworkError */.Dr(`The host of ${where} could not be resolved (${code}).`, code, url);
    }
    if (code === 'ECONNREFUSED')
        return new errors/* NetworkError */.Dr(`${where} refused the connection.`, code, url);
    if (code === 'ETIMEDOUT') {
        return new errors/* NetworkError */.Dr(`${where} did not answer within ${Math.round(timeoutMs / 1000)} s.`, code, url);
    }
    if (code === 'HPE_INVALID_CONSTANT' ||
        code === 'HPE_INVALID_STATUS' ||
        code === 'HPE_INVALID_HEADER_TOKEN') {
        // The bytes that came back are not HTTP: most often http:// given for a port that speaks TLS.
        return new errors/* NetworkError */.Dr(`${where} did not answer in HTTP${url.protocol === 'http:' ? ': it probably speaks TLS, so use https://' : ''} (${code}).`, code, url);
    }
    if (isCertificateCode(code)) {
        return new errors/* NetworkError */.Dr(`The TLS certificate of ${where} is not trusted (${code}). Give the cluster's CA in 'certificate-authority', or set 'insecure-skip-tls-verify: true' for a test cluster.`, code, url);
    }
    if (code === 'EPROTO' && /wrong version number|packet length too long/i.test(err.message)) {
        return new errors/* NetworkError */.Dr(`${where} does not speak TLS on that port: use http:// for it, or the port that serves HTTPS (${code}).`, code, url);
    }
    return new errors/* NetworkError */.Dr(`The connection to ${where} failed: ${err.message} (${code}).`, code, url);
}
function proxyServername(proxy) {
    const host = proxy.hostname.replace(/^\[|\]$/g, '');
    return (0,external_node_net_.isIP)(host) ? '' : host;
}
function isCertificateCode(code) {
    return /CERT|SELF_SIGNED|UNABLE_TO|ERR_TLS|HOSTNAME/i.test(code ?? '');
}
/** The proxy failed us, not the server: said so, as the tunnel's failures are (EPROXY). */
function proxyError(err, proxy, url) {
    const code = err.code ?? 'EUNKNOWN';
    const where = `${proxy.protocol}//${proxy.host}`;
    const why = isCertificateCode(code)
        ? `its TLS certificate is not trusted (${code}); give Node its CA in NODE_EXTRA_CA_CERTS`
        : `${err.message} (${code})`;
    return new errors/* NetworkError */.Dr(`The proxy ${where} could not be used for ${url.origin}: ${why}.`, 'EPROXY', url);
}
/** Whether the server behind an http:// URL completes a TLS handshake (certificate aside). */
function speaksTls(url) {
    return new Promise(resolve => {
        const socket = external_node_tls_default().connect({
            host: url.hostname.replace(/^\[|\]$/g, ''),
            port: Number(url.port || 80),
            rejectUnauthorized: false,
            servername: (0,external_node_net_.isIP)(url.hostname) ? undefined : url.hostname
        });
        const done = (answer) => {
            socket.destroy();
            resolve(answer);
        };
        socket.setTimeout(5000, () => done(false));
        socket.once('secureConnect', () => done(true));
        socket.once('error', () => done(false));
    });
}
function speaksTlsError(url) {
    const https = new URL(url.href);
    https.protocol = 'https:';
    return new errors/* NetworkError */.Dr(`${url.protocol}//${url.host} speaks TLS on that port: use ${https.origin}.`, 'EHTTPTOTLS', url);
}

;// CONCATENATED MODULE: ./src/main.ts

























/** The main step. Background work runs as `tasks`, which a failure cancels (see run/task.ts). */
async function main(tasks) {
    const startedAt = Date.now();
    const state = StateStore.begin();
    const timeline = new Timeline();
    const inputs = await timeline.step('Read inputs', () => getInputs());
    if (inputs.skip)
        return reportSkipped(inputs.skip);
    if (inputs.timeout)
        stopOnTimeout(inputs.timeout.given, inputs.timeout.seconds);
    const transport = new HttpTransport(inputs.trust);
    const run = {
        inputs,
        transport,
        timeline,
        state,
        retry: { ...util_retry/* DEFAULT_RETRY */.vI, attempts: inputs.retries },
        startedAt
    };
    let session;
    try {
        // The push never needs oc: it installs alongside, and only the report waits for it.
        const oc = tasks.start('Install oc', signal => installOc(inputs, signal), { timeline });
        // The key decrypted, or the job's OIDC token had, beside the cluster's questions: before any upload.
        const sign = inputs.sign;
        const signing = sign
            ? tasks.start('Prepare signing', () => prepareSigning(sign, transport), {
                timeline,
                beside: 'the preflight'
            })
            : undefined;
        session = await openSession(run, tasks);
        const signer = await signing?.result();
        const ctx = { ...run, engine: session.engine };
        if (inputs.dryRun)
            await dryRun(ctx, session, oc, signer);
        else
            await pushAndReport(ctx, session, oc, signer);
    }
    catch (err) {
        await tasks.cancelAll();
        throw err;
    }
    finally {
        transport.close();
        session?.engine.close?.();
    }
}
function stopOnTimeout(given, seconds) {
    (0,exec/* stopAfter */.TL)(seconds, `The step timed out after ${given} (the 'timeout' input)`, "Raise 'timeout' if the push needs longer; the post step removes what the run left.");
}
/** The real run, from the checks on: create the stream, log in, push, apply the settings, leave a kubeconfig. */
async function pushAndReport(ctx, session, oc, signer) {
    const { inputs, timeline } = ctx;
    const stream = await ensureImageStream(ctx, session);
    const target = targetOf(session, inputs.image);
    await timeline.step(`Log in to ${target.registryHost}`, () => logIn(ctx, target, session.token));
    const digest = await publish(ctx, session, target);
    // A setting that fails is reported after the push's outputs are set: the image is there all the same.
    const settings = await settle(applySettings(ctx, session));
    // A signing failure is reported after the push's outputs are set too: the image is there, unsigned.
    const signed = signer ? await settle(sign(ctx, session, target, digest, signer)) : undefined;
    await timeline.step('Write the kubeconfig', () => exportKubeconfig(ctx, session));
    const installed = await oc.settled();
    if (installed.value)
        setOcOutputs(installed.value);
    await report({
        settings: settings.value,
        target,
        digest,
        tags: inputs.tags.map(t => t.tag),
        stream: stream.stream,
        streamCreated: stream.created,
        pushedBy: session.identity.username,
        tokenExchanged: session.tokenExchanged,
        ocVersion: installed.value?.version,
        signature: signed?.value?.summary,
        steps: timeline.steps
    });
    if (installed.error) {
        throw new errors/* UserError */.yo(`The image was pushed (${digest}), but oc was not installed: ${installed.error.message}`);
    }
    if (settings.error)
        throw pushedBut(digest, settings.error);
    if (signed?.error)
        throw signedBut(digest, signed.error);
    // Last, once the outputs are set and the image is known good: a rollout that fails leaves the push standing.
    if (inputs.rollout && session.plan.rollout) {
        const image = internalImage(stream.stream, target.repository, digest);
        const rollout = { api: session.api, project: session.project, request: inputs.rollout, timeline };
        await rollOut(rollout, session.plan.rollout, image).catch((err) => {
            throw rolledOutBut(digest, err);
        });
    }
}
/** The pushed digest signed (an index with its images), the signatures beside the image in the same stream. */
async function sign(ctx, session, target, digest, signer) {
    const registry = new RegistryClient(target.registryHost, session.token, ctx.transport, ctx.retry);
    return ctx.timeline.step(signer.mode === 'key' ? 'Sign with the key' : 'Sign keylessly', () => signPushed(signer, { registry, ...target, digest }));
}
function targetOf(session, image) {
    return { registryHost: session.plan.registryHost, repository: `${session.project}/${image}` };
}
/** What a real run would do, said after the same checks; the registry is asked whether it takes the token. */
async function dryRun(ctx, session, oc, signer) {
    const target = targetOf(session, ctx.inputs.image);
    const registryClient = new RegistryClient(target.registryHost, session.token, ctx.transport, ctx.retry);
    const plan = {
        ...target,
        tags: ctx.inputs.tags.map(t => t.tag),
        source: session.plan.source,
        streamExists: session.plan.exists,
        wouldExchange: session.mayExchange,
        tokenDuration: ctx.inputs.tokenDuration,
        pushedBy: session.identity.username,
        signing: wouldSign(signer),
        rollout: ctx.inputs.rollout && session.plan.rollout
            ? wouldRollOut(session.plan.rollout, ctx.inputs.rollout, internalImage(session.plan.stream, target.repository, 'sha256:<the pushed digest>'))
            : []
    };
    await rehearse(plan, registryClient, ctx.timeline);
    const installed = await oc.settled();
    if (installed.value)
        setOcOutputs(installed.value);
    if (installed.error) {
        throw new errors/* UserError */.yo(`The dry run's checks passed, but oc was not installed: ${installed.error.message}`);
    }
}
/**
 * The engine for the source, saved at once: the post step removes its job directory. The preflight takes it when
 * it needs the source. A dry run does not prepare it: nothing of the engine's is written, so no credential (nor
 * anything else) is on disk while the pull request's later steps run.
 */
async function chooseAndPrepareEngine(inputs, state) {
    const chosen = await chooseEngine({
        choice: inputs.engine,
        source: inputs.source,
        logout: inputs.logout,
        options: { trust: inputs.trust, sourceCredentials: inputs.sourceCredentials },
        saveSession: session => state.update({ engine: session })
    });
    try {
        if (!inputs.dryRun)
            await chosen.engine.prepare();
    }
    finally {
        state.update({ engine: chosen.engine.session });
    }
    util_actions/* info */.pq(`Engine ${chosen.engine.name}: ${chosen.why}`);
    return chosen;
}
async function installOc(inputs, signal) {
    if (inputs.ocVersion.kind === 'none') {
        util_actions/* info */.pq("Skipped: 'oc-version' is none");
        return undefined;
    }
    // In a process of its own, at the lowest priority (oc/aside.ts): the installer and the tool cache are not even
    // loaded here, and the install's CPU yields to the push's where the machine is small.
    return installOcAside({ request: inputs.ocVersion, mirror: inputs.ocMirror }, signal);
}
/** The installed oc, named in the outputs once the run has come this far (a failed run names none). */
function setOcOutputs(oc) {
    util_actions/* setOutput */.uH('oc-path', oc.path);
    util_actions/* setOutput */.uH('oc-version', oc.version);
}
/**
 * Who the token is, the preflight and the token exchange, side by side: one wait for all three, with the engine
 * chosen meanwhile (a local question). A service account's token names the account in its claims, so the other
 * two need not wait for the API's answer, which only confirms it (a personal token must wait for it).
 */
async function openSession(run, tasks) {
    const { inputs, transport, retry, state, timeline } = run;
    return timeline.step('Identify the token, preflight and token exchange', async () => {
        const givenApi = new OpenShiftApi(inputs.server, inputs.token, transport, retry);
        const whoItIs = tasks.start('Ask who the token is', () => whoAmI(givenApi, inputs.token));
        const engine = tasks.start('Choose the engine', () => chooseAndPrepareEngine(inputs, state), {
            timeline,
            beside: 'the API questions'
        });
        const identity = claimedIdentity(inputs.token) ?? (await whoItIs.result());
        const project = projectOf(inputs, identity);
        const [confirmed, exchanged, plan] = await firstFailureFirst(whoItIs.result(), exchangeToken(givenApi, identity, inputs.token, inputs.tokenDuration, { dryRun: inputs.dryRun }), preflight({ inputs, api: givenApi, transport, identity, project, engine: engine.result(), retry }));
        if (confirmed.username !== identity.username) {
            throw new errors/* UserError */.yo(`The token's claims name ${identity.username}, but the API server says it belongs to ${confirmed.username}. Check that 'server' is the cluster that issued the token.`);
        }
        util_actions/* info */.pq(`Token of ${confirmed.username}`);
        util_actions/* info */.pq(`Registry ${plan.registryHost}; ImageStream ${project}/${inputs.image} ${plan.exists ? 'exists' : 'is missing'}`);
        return {
            identity: confirmed,
            project,
            api: exchanged.exchanged ? givenApi.withToken(exchanged.token) : givenApi,
            token: exchanged.token,
            tokenExchanged: exchanged.exchanged,
            mayExchange: exchanged.allowed,
            engine: plan.engine,
            plan
        };
    });
}
/** The project to push to: the input, else the service account's own. */
function projectOf(inputs, identity) {
    const project = inputs.project ?? identity.serviceAccount?.namespace;
    if (project)
        return project;
    throw new errors/* UserError */.yo(`The token belongs to ${identity.username}, not to a service account, so the project cannot be inferred. Set the 'project' input to the Rahti project (namespace) to push to.`);
}
/**
 * The registry answers a manifest HEAD by digest with 500 while the stream is missing, which stops
 * containerd-based pushers at an index's children (emulator/REGISTRY-FIDELITY.md); creating it first makes
 * every engine work, and checks the rights before anything is uploaded.
 */
async function ensureImageStream(ctx, session) {
    if (session.plan.exists)
        return { stream: session.plan.stream, created: false };
    return ctx.timeline.step('Create the ImageStream', async () => {
        const created = await createImageStream(session.api, session.project, ctx.inputs.image);
        util_actions/* info */.pq(created.createdHere ? `Created ${session.project}/${ctx.inputs.image}` : 'Another job created it first');
        return { stream: created.stream, created: created.createdHere };
    });
}
async function logIn(ctx, target, token) {
    // Saved before the login, so that the post step removes a half-made login too.
    ctx.state.update({ engine: { ...ctx.engine.session, registryHost: target.registryHost } });
    await ctx.engine.login(target.registryHost, token);
    ctx.state.update({ engine: ctx.engine.session });
}
/** One upload under the first tag; the other tags put on the same manifest, then every tag read back. */
async function publish(ctx, session, target) {
    const { inputs, timeline } = ctx;
    const registryClient = new RegistryClient(target.registryHost, session.token, ctx.transport, ctx.retry);
    const [first, ...others] = inputs.tags.map(t => t.tag);
    try {
        const pushed = await timeline.step(`Push ${target.repository}:${first}`, async () => {
            const { source, promotion, tagManifests } = session.plan;
            const pushed = promotion
                ? await promote(registryClient, promotion, target.repository, first)
                : await pushFirstTag(ctx.engine, registryClient, source, target, first, ctx.retry, others, tagManifests);
            if (promotion)
                util_actions/* info */.pq(`Copied on the server from ${promotion.repository}@${promotion.digest}`);
            util_actions/* info */.pq(`Digest ${pushed.digest}, the image ${source.id} of ${source.reference}`);
            return pushed;
        });
        const what = others.length > 0 ? `Tag ${others.join(', ')} and verify` : 'Verify the tag';
        await timeline.step(what, () => tagAndVerify(registryClient, target.repository, pushed, first, others));
        return pushed.digest;
    }
    catch (err) {
        // A push that fails because the stream vanished under it reads as a refusal or a 500: say what happened.
        if (await streamIsGone(session, registryClient, ctx.inputs.image)) {
            throw new errors/* UserError */.yo(`The ImageStream ${target.repository} was deleted while this run pushed to it. Run the step again; it creates the stream anew where the account may.`);
        }
        throw err;
    }
    finally {
        await ctx.engine.removeLocalNames();
    }
}
async function streamIsGone(session, registryClient, image) {
    if ((0,exec/* wasCancelled */.r1)())
        return false;
    try {
        const lookup = await getImageStream(session.api, session.project, image);
        if (lookup.state !== 'unknown')
            return lookup.state === 'absent';
        return !(await registryClient.repositoryExists(`${session.project}/${image}`));
    }
    catch {
        return false;
    }
}
/** A kubeconfig of the job's own, so later steps run `oc` as the same account; the post step deletes it. */
async function exportKubeconfig(ctx, session) {
    const { inputs } = ctx;
    const kubeconfig = await writeKubeconfig({
        server: inputs.server.origin,
        token: session.token,
        namespace: session.project,
        user: session.identity.username,
        caPem: inputs.trust.caPem,
        insecureSkipTlsVerify: inputs.trust.insecureSkipTlsVerify
    });
    ctx.state.update({ kubeconfig });
    util_actions/* exportVariable */.dN('KUBECONFIG', kubeconfig);
}

;// CONCATENATED MODULE: ./src/run/step.ts
// How both entry points end: expected failures (UserError and its kinds) print their message only; anything
// else is a bug, whose stack goes to the debug log.



async function runStep(step) {
    try {
        await step();
    }
    catch (err) {
        // A cancel has failed the step with its own reason; what its stopped programs said adds nothing.
        if ((0,exec/* wasCancelled */.r1)())
            return;
        if (!(err instanceof errors/* UserError */.yo))
            util_actions/* debug */.Yz(err instanceof Error && err.stack ? err.stack : String(err));
        util_actions/* setFailed */.C1((0,errors/* messageOf */.bD)(err));
    }
}

;// CONCATENATED MODULE: ./src/run/main-step.ts
// The main step as its entry runs it, in one chunk: loading the step's pieces as separate dynamic imports made
// ncc write one chunk each, every one with its own copy of the modules they share (four files read, compiled
// and instantiated where one does).




async function mainStep() {
    (0,exec/* listenForCancel */.Fh)();
    const tasks = new Tasks();
    await runStep(() => main(tasks));
    // Background work that did not stop when cancelled must not keep a failed step alive.
    if (tasks.anyRunning)
        process.exit();
}


/***/ }),

/***/ 455:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   $t: () => (/* binding */ captureLog),
/* harmony export */   C1: () => (/* binding */ setFailed),
/* harmony export */   LZ: () => (/* binding */ saveState),
/* harmony export */   OG: () => (/* binding */ relayLog),
/* harmony export */   Os: () => (/* binding */ group),
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   V4: () => (/* binding */ getInput),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   dN: () => (/* binding */ exportVariable),
/* harmony export */   fM: () => (/* binding */ addPath),
/* harmony export */   lm: () => (/* binding */ notice),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   t1: () => (/* binding */ runnerLog),
/* harmony export */   tj: () => (/* binding */ printLines),
/* harmony export */   uH: () => (/* binding */ setOutput),
/* harmony export */   z: () => (/* binding */ summary)
/* harmony export */ });
/* unused harmony exports getState, isDebug, error */
/* harmony import */ var node_async_hooks__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(698);
/* harmony import */ var node_async_hooks__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_async_hooks__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _html_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(263);
// The runner's workflow commands this action uses, written as the runner reads them: inputs from INPUT_*,
// file commands (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE, GITHUB_PATH, GITHUB_STEP_SUMMARY) and `::command::`
// lines on stdout. The same names and behaviour as @actions/core's, without what this action never uses: that
// package loads an OIDC client (an HTTP client with undici) and a platform probe (@actions/exec) at start, about
// 1 MB of code and some 40 ms of every start of the main and the post step.





/** A command's data, escaped as the runner unescapes it. */
function escapeData(value) {
    return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
/** A command's property value (`name=...`): its data escaping, and `:` and `,`, which end a property. */
function escapeProperty(value) {
    return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
/** Whether the log goes through process.stdout from now on (see runnerLog). */
let viaStream = false;
/**
 * The runner's log, file descriptor 1. Written with writeSync rather than through process.stdout, whose first use
 * loads Node's net and stream modules and opens a pipe handle: 3-5 ms measured, a tenth of a post step that needs
 * neither. Node writes to a pipe synchronously on Linux too, so nothing changes order. A descriptor made
 * non-blocking (by a parent) answers EAGAIN when the pipe is full: the rest, and everything after it, then goes
 * through process.stdout, which waits for the reader. Tests replace `write` (test fixture captureStdout).
 */
const runnerLog = {
    write(text) {
        if (!viaStream) {
            const bytes = typeof text === 'string' ? Buffer.from(text) : text;
            let done = 0;
            try {
                while (done < bytes.length)
                    done += (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeSync)(1, bytes, done);
                return;
            }
            catch {
                viaStream = true;
                text = bytes.subarray(done);
            }
        }
        process.stdout.write(text);
    }
};
/** Where the lines of background work go while it runs (see `captureLog`); elsewhere, the runner's log. */
const sinks = new node_async_hooks__WEBPACK_IMPORTED_MODULE_0__.AsyncLocalStorage();
function write(line) {
    const sink = sinks.getStore();
    if (sink)
        sink(line);
    else
        runnerLog.write(line);
}
/**
 * Runs `fn` with every line it logs, and every line of the work it starts, handed to `sink` instead of printed:
 * background work keeps its lines together, to be printed as one block where it is awaited, rather than in
 * whatever log group is open at the time.
 */
function captureLog(sink, fn) {
    return sinks.run(sink, fn);
}
/**
 * Lines another process of this action wrote in the runner's format (the oc install's, with their workflow
 * commands as they are): where this process's own lines would go now, a Task's log or the runner's.
 */
function relayLog(text) {
    write(text);
}
/** Prints lines kept by a sink, as they were written. */
function printLines(lines) {
    for (const line of lines)
        runnerLog.write(line);
}
function issue(command, message = '', properties = {}) {
    const props = Object.entries(properties)
        .map(([key, value]) => `${key}=${escapeProperty(value)}`)
        .join(',');
    write(`::${command}${props ? ` ${props}` : ''}::${escapeData(message)}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`);
}
/**
 * Whether the step has failed (setFailed set its exit code): from then on nothing more reaches the runner's
 * outputs, environment, PATH or summary, so that work still winding down (a cancelled download, say) cannot
 * announce a tool or an output after the failure. The state file stays open: it tells the post step what to remove.
 */
function failed() {
    return process.exitCode === 1;
}
/**
 * node:crypto, loaded when a file command first needs it: loading it costs some 3 ms (it brings streams and
 * perf_hooks along), and the post step's clean-up writes no file command.
 */
function randomUUID() {
    return process.getBuiltinModule('node:crypto').randomUUID();
}
/** `name<<delimiter` blocks, which no value can break out of: the delimiter is random and checked. */
function fileCommand(variable, key, value) {
    const file = process.env[variable];
    if (!file)
        return false;
    const delimiter = `ghadelimiter_${randomUUID()}`;
    if (key.includes(delimiter) || value.includes(delimiter)) {
        throw new Error(`Unexpected input: the name or value holds the delimiter ${delimiter}`);
    }
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(file, `${key}<<${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}${value}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`, { encoding: 'utf8' });
    return true;
}
/** An input as the runner passes it (INPUT_<NAME>, spaces as underscores), trimmed; '' when not given. */
function getInput(name) {
    return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
function setOutput(name, value) {
    if (failed())
        return;
    if (!fileCommand('GITHUB_OUTPUT', name, value)) {
        write(node_os__WEBPACK_IMPORTED_MODULE_2__.EOL);
        issue('set-output', value, { name });
    }
}
/** For this step's children and for the later steps of the job. */
function exportVariable(name, value) {
    if (failed())
        return;
    process.env[name] = value;
    if (!fileCommand('GITHUB_ENV', name, value))
        issue('set-env', value, { name });
}
/** Puts a directory first on PATH, for this step's children and the later steps of the job. */
function addPath(dir) {
    if (failed())
        return;
    const file = process.env.GITHUB_PATH;
    if (file)
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(file, `${dir}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`, { encoding: 'utf8' });
    else
        issue('add-path', dir);
    process.env.PATH = `${dir}${(node_path__WEBPACK_IMPORTED_MODULE_3___default().delimiter)}${process.env.PATH ?? ''}`;
}
/** From here on the runner masks this value wherever it would appear in the log. */
function setSecret(secret) {
    issue('add-mask', secret);
}
function saveState(name, value) {
    if (!fileCommand('GITHUB_STATE', name, value))
        issue('save-state', value, { name });
}
function getState(name) {
    return process.env[`STATE_${name}`] ?? '';
}
function isDebug() {
    return process.env.RUNNER_DEBUG === '1';
}
function info(message) {
    write(`${message}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`);
}
function debug(message) {
    issue('debug', message);
}
function notice(message) {
    issue('notice', message);
}
function warning(message) {
    issue('warning', message);
}
function error(message) {
    issue('error', message);
}
/** The step fails with this message (exit code 1), and goes on to its end. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
/** A fold in the log around what `fn` prints. */
async function group(name, fn) {
    issue('group', name);
    try {
        return await fn();
    }
    finally {
        issue('endgroup');
    }
}
/** The job summary (HTML in GITHUB_STEP_SUMMARY), built up and then appended in one write. */
class Summary {
    buffer = '';
    /** Every piece of text is escaped here, markup (Html) kept: a summary holds no element it did not mean to. */
    wrap(tag, content, attrs = {}) {
        const attributes = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${(0,_html_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeHtml */ .ZD)(value)}"`)
            .join('');
        const inner = (0,_html_js__WEBPACK_IMPORTED_MODULE_4__/* .toHtml */ .Vw)(content);
        // An empty element without its end tag, as the toolkit writes it (HTML's optional end tags).
        return inner ? `<${tag}${attributes}>${inner}</${tag}>` : `<${tag}${attributes}>`;
    }
    /** Text (escaped) or markup of the action's own (`markup\`...\``). */
    addRaw(text, addEOL = false) {
        this.buffer += (0,_html_js__WEBPACK_IMPORTED_MODULE_4__/* .toHtml */ .Vw)(text);
        return addEOL ? this.addEOL() : this;
    }
    addEOL() {
        this.buffer += node_os__WEBPACK_IMPORTED_MODULE_2__.EOL;
        return this;
    }
    addHeading(text, level = 1) {
        const tag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(`h${level}`) ? `h${level}` : 'h1';
        return this.addRaw(_html_js__WEBPACK_IMPORTED_MODULE_4__/* .Html */ .Ed.trusted(this.wrap(tag, text))).addEOL();
    }
    addList(items, ordered = false) {
        const list = items.map(item => this.wrap('li', item)).join('');
        return this.addRaw(_html_js__WEBPACK_IMPORTED_MODULE_4__/* .Html */ .Ed.trusted(this.wrap(ordered ? 'ol' : 'ul', _html_js__WEBPACK_IMPORTED_MODULE_4__/* .Html */ .Ed.trusted(list)))).addEOL();
    }
    addTable(rows) {
        const body = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string' || cell instanceof _html_js__WEBPACK_IMPORTED_MODULE_4__/* .Html */ .Ed)
                    return this.wrap('td', cell);
                const { header, data, colspan, rowspan } = cell;
                const attrs = {};
                if (colspan)
                    attrs.colspan = colspan;
                if (rowspan)
                    attrs.rowspan = rowspan;
                return this.wrap(header ? 'th' : 'td', data, attrs);
            })
                .join('');
            return this.wrap('tr', _html_js__WEBPACK_IMPORTED_MODULE_4__/* .Html */ .Ed.trusted(cells));
        })
            .join('');
        return this.addRaw(_html_js__WEBPACK_IMPORTED_MODULE_4__/* .Html */ .Ed.trusted(this.wrap('table', _html_js__WEBPACK_IMPORTED_MODULE_4__/* .Html */ .Ed.trusted(body)))).addEOL();
    }
    addDetails(label, content) {
        return this.addRaw(_html_js__WEBPACK_IMPORTED_MODULE_4__/* .Html */ .Ed.trusted(this.wrap('details', _html_js__WEBPACK_IMPORTED_MODULE_4__/* .Html */ .Ed.trusted(this.wrap('summary', label) + (0,_html_js__WEBPACK_IMPORTED_MODULE_4__/* .toHtml */ .Vw)(content))))).addEOL();
    }
    /** Appends what was built to the summary file and starts afresh; throws when the runner gave no writable file. */
    async write(options = {}) {
        if (failed())
            return this;
        const file = process.env.GITHUB_STEP_SUMMARY;
        if (!file) {
            throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
        }
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.accessSync)(file, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.R_OK | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.W_OK);
        }
        catch {
            throw new Error(`Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`);
        }
        if (options.overwrite)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(file, this.buffer, { encoding: 'utf8' });
        else
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(file, this.buffer, { encoding: 'utf8' });
        this.buffer = '';
        return this;
    }
    stringify() {
        return this.buffer;
    }
}
const summary = new Summary();


/***/ }),

/***/ 17:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dr: () => (/* binding */ NetworkError),
/* harmony export */   F9: () => (/* binding */ HttpStatusError),
/* harmony export */   Vs: () => (/* binding */ retryAfterMs),
/* harmony export */   bD: () => (/* binding */ messageOf),
/* harmony export */   fM: () => (/* binding */ lastLine),
/* harmony export */   yo: () => (/* binding */ UserError)
/* harmony export */ });
class UserError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UserError';
    }
}
/** The server answered with an error status: the one type for the API, the registry and the oc mirror. */
class HttpStatusError extends UserError {
    status;
    request;
    reason;
    retryAfterMs;
    constructor(message, status, 
    /** The request, as `METHOD URL-path`, for messages. */
    request, 
    /** The server's own word for it: a Kubernetes Status reason, or a registry error code. */
    reason, 
    /** How long the server asked us to wait before another try (Retry-After). */
    retryAfterMs) {
        super(message);
        this.status = status;
        this.request = request;
        this.reason = reason;
        this.retryAfterMs = retryAfterMs;
        this.name = 'HttpStatusError';
    }
}
/** No HTTP answer at all: the code (ECONNRESET, ETIMEDOUT, a TLS code, ...) says which, for retry decisions. */
class NetworkError extends UserError {
    code;
    url;
    constructor(message, code, url) {
        super(message);
        this.code = code;
        this.url = url;
        this.name = 'NetworkError';
    }
}
/** The last non-blank line of a program's or server's message, without a final period: the part a user needs. */
function lastLine(text, fallback = 'no output') {
    const lines = text
        .trim()
        .split('\n')
        .filter(l => l.trim());
    return (lines[lines.length - 1] ?? fallback).trim().replace(/\.$/, '');
}
/** Retry-After in milliseconds, from seconds or an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(headers) {
    const value = headers['retry-after'];
    if (!value)
        return undefined;
    if (/^\d+$/.test(value))
        return Number(value) * 1000;
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
/** The message of whatever was thrown: an Error's message, or the thrown value as text. */
function messageOf(err) {
    return err instanceof Error ? err.message : String(err);
}


/***/ }),

/***/ 895:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fh: () => (/* binding */ listenForCancel),
/* harmony export */   TL: () => (/* binding */ stopAfter),
/* harmony export */   _9: () => (/* binding */ stopWithRun),
/* harmony export */   aY: () => (/* binding */ findOnPath),
/* harmony export */   cI: () => (/* binding */ ExecError),
/* harmony export */   eF: () => (/* binding */ run),
/* harmony export */   nf: () => (/* binding */ runOrThrow),
/* harmony export */   r1: () => (/* binding */ wasCancelled)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _actions_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(455);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(17);




class ExecError extends Error {
    command;
    result;
    constructor(command, result) {
        super(result.stderr.trim() || result.stdout.trim() || `${command} exited with code ${result.exitCode}`);
        this.command = command;
        this.result = result;
        this.name = 'ExecError';
    }
}
const children = new Set();
/** Work in this process that a stop must end too (a push the Docker engine runs for a request of ours). */
const inFlight = new Set();
/** Why the run was stopped (a cancel or the step's timeout), once it was. */
let stopped;
/**
 * Stops the run: every child is stopped, the step fails with the reason, and the process leaves shortly after.
 * Nothing may go on pushing after that: the post step removes the credentials.
 */
function stopRun(reason, advice) {
    if (stopped)
        return;
    stopped = reason;
    const running = children.size + inFlight.size;
    for (const child of children)
        child.kill('SIGTERM');
    for (const abort of inFlight)
        abort();
    _actions_js__WEBPACK_IMPORTED_MODULE_2__/* .setFailed */ .C1(`${reason}; stopped ${running} running program(s).${advice ? ` ${advice}` : ''}`);
    // Give the children a moment to go, then leave; the post step removes the credentials.
    setTimeout(() => process.exit(1), 500).unref();
}
/** Whether the run was stopped (the job cancelled, or the step timed out): the step has failed with that reason. */
function wasCancelled() {
    return stopped !== undefined;
}
let listening = false;
/** From now on, a cancel of the job stops every child and fails the step (the main step calls it first). */
function listenForCancel() {
    if (listening)
        return;
    listening = true;
    const onCancel = (signal) => stopRun(`The job was cancelled (${signal})`);
    process.once('SIGTERM', onCancel);
    process.once('SIGINT', onCancel);
}
/**
 * Stops the run as a cancel does once `seconds` have passed, failing the step with `reason`. The timer does
 * not keep the process alive: a run that ends sooner simply ends.
 */
function stopAfter(seconds, reason, advice) {
    setTimeout(() => stopRun(reason, advice), seconds * 1000).unref();
}
/**
 * Registers work that runs outside a child process (a request whose end stops the engine's push) so that a stop
 * ends it as it ends a program; counted with them. Returns the call that unregisters it. Throws once stopped.
 */
function stopWithRun(what, abort) {
    if (stopped)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${stopped}; ${what} was not started.`);
    inFlight.add(abort);
    return () => inFlight.delete(abort);
}
/** Runs a program and returns what it printed, whatever its exit code. */
async function run(tool, args, opts = {}) {
    _actions_js__WEBPACK_IMPORTED_MODULE_2__/* .debug */ .Yz(`exec: ${[tool, ...args].join(' ')}`);
    if (stopped)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${stopped}; ${tool} was not started.`);
    return new Promise((resolve, reject) => {
        // node:child_process is loaded at the first program run, not with this module: it costs 1-2 ms, and the post
        // step (which imports this module for wasCancelled) and a push through the Docker Engine API run none.
        const child = process.getBuiltinModule('node:child_process').spawn(tool, args, {
            env: opts.env ? withoutUndefined({ ...process.env, ...opts.env }) : process.env,
            cwd: opts.cwd,
            stdio: ['pipe', 'pipe', 'pipe']
        });
        children.add(child);
        const stdout = [];
        const stderr = [];
        child.stdout.on('data', (chunk) => {
            stdout.push(chunk);
            if (opts.echo)
                _actions_js__WEBPACK_IMPORTED_MODULE_2__/* .runnerLog */ .t1.write(chunk);
        });
        child.stderr.on('data', (chunk) => {
            stderr.push(chunk);
            if (opts.echo)
                process.stderr.write(chunk);
        });
        child.once('error', (err) => {
            children.delete(child);
            if (err.code === 'ENOENT') {
                reject(new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${tool} is not installed on this runner (not found on PATH). Install it in an earlier step, or use a runner that has it.`));
            }
            else
                reject(err);
        });
        child.once('close', (code, signal) => {
            children.delete(child);
            resolve({
                exitCode: code ?? (signal ? 128 : 1),
                stdout: Buffer.concat(stdout).toString('utf8'),
                stderr: Buffer.concat(stderr).toString('utf8')
            });
        });
        // A program that exits without reading stdin must not turn into an EPIPE error here.
        child.stdin.on('error', () => undefined);
        child.stdin.end(opts.input ?? '');
    });
}
/** Runs a program and throws an ExecError carrying its stderr when it fails. */
async function runOrThrow(tool, args, opts = {}) {
    const result = await run(tool, args, opts);
    if (result.exitCode !== 0)
        throw new ExecError(tool, result);
    return result;
}
function withoutUndefined(env) {
    return Object.fromEntries(Object.entries(env).filter((e) => e[1] !== undefined));
}
/** Whether a program is on PATH (an executable file of that name in one of its directories). */
function findOnPath(tool) {
    return (process.env.PATH ?? '').split((node_path__WEBPACK_IMPORTED_MODULE_1___default().delimiter)).some(dir => {
        if (!dir)
            return false;
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, tool), node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.X_OK);
            return true;
        }
        catch {
            return false;
        }
    });
}


/***/ }),

/***/ 263:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ed: () => (/* binding */ Html),
/* harmony export */   PT: () => (/* binding */ markup),
/* harmony export */   Vw: () => (/* binding */ toHtml),
/* harmony export */   ZD: () => (/* binding */ escapeHtml),
/* harmony export */   cR: () => (/* binding */ joinHtml)
/* harmony export */ });
// Markup for the job summary, which GitHub renders as HTML: text the action did not write itself (a fork's
// repository name from the event payload, tags, image names, digests, user names, messages) must arrive as
// text, never as elements. `Html` is markup the action wrote (`markup`, not `html`, so that Prettier leaves the
// templates alone); every plain string is escaped where it meets
// markup, so no caller can forget to.
/** Markup the action wrote: used as it is. Made only by `markup` and `joinHtml`, which escape what they embed. */
class Html {
    markup;
    constructor(markup) {
        this.markup = markup;
    }
    /** For this module's constructors only; anything else makes Html from text through `markup`. */
    static trusted(markup) {
        return new Html(markup);
    }
    toString() {
        return this.markup;
    }
}
/**
 * `&`, `<`, `>` and `"` as entities: safe inside elements and inside attributes, which this action always quotes
 * with `"`. A `'` stays as it is, so that commands in the summary (`cosign verify --certificate-identity '...'`)
 * read the same in the raw file.
 */
function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
/** Markup of text or markup. */
function toHtml(value) {
    return value instanceof Html ? value.markup : escapeHtml(value);
}
/** A template of markup: the literal parts are the action's own, every value embedded is escaped (unless Html). */
function markup(strings, ...values) {
    let out = strings[0];
    values.forEach((value, i) => {
        out += (typeof value === 'number' ? String(value) : toHtml(value)) + strings[i + 1];
    });
    return Html.trusted(out);
}
/** Joins text or markup with a separator of markup (`<br>`, `, `). */
function joinHtml(parts, separator = '') {
    return Html.trusted(parts.map(toHtml).join(toHtml(separator)));
}


/***/ }),

/***/ 621:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ jobDirectory),
/* harmony export */   X: () => (/* binding */ runnerTemp)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
// Where this job may keep files: the runner's temp directory, which the runner empties after the job.
// Outside a runner (a local try), the system's temp directory stands in.



function runnerTemp() {
    return process.env.RUNNER_TEMP || node_os__WEBPACK_IMPORTED_MODULE_1___default().tmpdir();
}
/** A new directory of this job's own (mode 0700, a name no other job can have picked). */
function jobDirectory(prefix) {
    // fs.promises on use, not node:fs/promises on import: the post step imports this module (for runnerTemp) and
    // would load fs/promises for nothing, some 2 ms.
    return node_fs__WEBPACK_IMPORTED_MODULE_0___default().promises.mkdtemp(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(runnerTemp(), prefix));
}


/***/ }),

/***/ 266:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SU: () => (/* binding */ outlastedRetries),
/* harmony export */   ZZ: () => (/* binding */ classifyHttpFailure),
/* harmony export */   bD: () => (/* binding */ withRetry),
/* harmony export */   vI: () => (/* binding */ DEFAULT_RETRY)
/* harmony export */ });
/* unused harmony export TRANSIENT_STATUSES */
/* harmony import */ var _actions_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(455);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(17);
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
    if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .HttpStatusError */ .F9)
        return { retry: TRANSIENT_STATUSES.has(err.status), afterMs: err.retryAfterMs };
    return { retry: err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .NetworkError */ .Dr && TRANSIENT_CODES.has(err.code) };
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
            _actions_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${what} failed (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(err)}); try ${attempt + 1} of ${policy.attempts} in ${wait} ms`);
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
    const last = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .lastLine */ .fM)(err.message, 'no answer');
    exhaustedErrors.add(err);
    err.message = `${what} failed ${attempts} times, the last with: ${last}. The server is unavailable or overloaded; run the job again later.`;
    return err;
}


/***/ })

};
