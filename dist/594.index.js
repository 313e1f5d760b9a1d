export const id = 594;
export const ids = [594];
export const modules = {

/***/ 594:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MANIFEST_TYPE: () => (/* binding */ MANIFEST_TYPE),
  chainIds: () => (/* binding */ chainIds),
  legacyLayerPosition: () => (/* binding */ legacyLayerPosition),
  moveImage: () => (/* binding */ moveImage),
  planPush: () => (/* binding */ planPush),
  schema2Manifest: () => (/* binding */ schema2Manifest)
});

// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(474);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(75);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(161);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(975);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(522);
var external_node_zlib_default = /*#__PURE__*/__webpack_require__.n(external_node_zlib_);
;// CONCATENATED MODULE: ./src/image/gzip.ts
// A layer's tar compressed to gzip as `docker push` would send it, but on every core: the input is cut into
// chunks that are deflated at once in zlib's thread pool, each primed with the 32 KiB before it (the way pigz
// does), and written out in order as one gzip member, so every puller reads it as an ordinary gzip stream. A
// chunk that does not compress (already compressed or random data) is stored instead of deflated: deflating it
// costs as much CPU as compressible data and saves nothing. The digests of both sides are taken on the way.




const deflateRaw = (0,external_node_util_.promisify)((external_node_zlib_default()).deflateRaw);
/** The input per deflate job: large enough that the thread pool's hand-over is noise, small enough to spread. */
const CHUNK_BYTES = 1024 * 1024;
/** What a chunk is primed with: deflate's whole window. */
const WINDOW_BYTES = 32 * 1024;
/** How much of a chunk is tried at the fastest level to tell whether it compresses. */
const SAMPLE_BYTES = 16 * 1024;
/** A sample that keeps more than this share of its size is taken for incompressible. */
const INCOMPRESSIBLE = 0.97;
/** Docker's level (Go's gzip.DefaultCompression is zlib's 6). */
const LEVEL = 6;
/**
 * Compresses `input` to one gzip member, handing the compressed bytes to `sink` in order; the next chunk is read
 * only while fewer than `parallel` jobs are in flight, and `sink` is awaited, so memory stays bounded.
 */
async function gzipLayer(input, sink, options = {}) {
    const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
    const parallel = Math.max(1, options.parallel ?? (0,external_node_os_.availableParallelism)() + 1);
    const diffId = (0,external_node_crypto_.createHash)('sha256');
    const digest = (0,external_node_crypto_.createHash)('sha256');
    let crc = 0;
    let uncompressedSize = 0;
    let size = 0;
    const write = async (bytes) => {
        if (bytes.length === 0)
            return;
        digest.update(bytes);
        size += bytes.length;
        await sink(bytes);
    };
    const inFlight = [];
    const drainTo = async (limit) => {
        while (inFlight.length > limit)
            await write(await inFlight.shift());
    };
    await write(HEADER);
    let previous;
    // A chunk is held back until the next one (or the end) shows whether it is the last: only the last is FINISHed.
    let pending;
    const submit = (chunk, last) => {
        options.signal?.throwIfAborted();
        diffId.update(chunk);
        crc = external_node_zlib_default().crc32(chunk, crc);
        uncompressedSize += chunk.length;
        inFlight.push(deflateChunk(chunk, previous, last));
        previous = chunk;
    };
    for await (const piece of chunks(input, chunkBytes)) {
        if (pending) {
            submit(pending, false);
            await drainTo(parallel - 1);
        }
        pending = piece;
    }
    submit(pending ?? Buffer.alloc(0), true);
    await drainTo(0);
    await write(trailer(crc, uncompressedSize));
    return {
        diffId: `sha256:${diffId.digest('hex')}`,
        digest: `sha256:${digest.digest('hex')}`,
        size,
        uncompressedSize
    };
}
/**
 * One chunk as raw deflate: a chunk before the last ends with a sync flush (byte-aligned, not final), so the
 * pieces join into one deflate stream; the last one ends it. Priming with the preceding input lets matches
 * reach back across the cut, as they would in one stream.
 */
function deflateChunk(chunk, previous, last) {
    const finishFlush = last ? (external_node_zlib_default()).constants.Z_FINISH : (external_node_zlib_default()).constants.Z_SYNC_FLUSH;
    const level = compresses(chunk) ? LEVEL : 0;
    const dictionary = level > 0 && previous ? previous.subarray(-WINDOW_BYTES) : undefined;
    return deflateRaw(chunk, { level, finishFlush, ...(dictionary ? { dictionary } : {}) });
}
/** Whether deflating the chunk is worth it, judged on a sample at the fastest level (well under 1 ms). */
function compresses(chunk) {
    if (chunk.length < SAMPLE_BYTES)
        return true;
    const middle = Math.floor((chunk.length - SAMPLE_BYTES) / 2);
    const sample = chunk.subarray(middle, middle + SAMPLE_BYTES);
    return external_node_zlib_default().deflateRawSync(sample, { level: 1 }).length < sample.length * INCOMPRESSIBLE;
}
/** Input re-cut into chunks of exactly `size` bytes (the last may be shorter), copying only where pieces meet. */
async function* chunks(input, size) {
    let parts = [];
    let held = 0;
    for await (const piece of input) {
        let rest = piece;
        while (held + rest.length >= size) {
            const take = size - held;
            parts.push(rest.subarray(0, take));
            yield parts.length === 1 ? Buffer.from(parts[0]) : Buffer.concat(parts, size);
            rest = rest.subarray(take);
            parts = [];
            held = 0;
        }
        if (rest.length > 0) {
            // Copied: the producer may reuse its buffer once the iteration moves on.
            parts.push(Buffer.from(rest));
            held += rest.length;
        }
    }
    if (held > 0)
        yield Buffer.concat(parts, held);
}
/** gzip's header: deflate, no name, no time, OS unknown (as Go's gzip writer, which Docker uses, writes it). */
const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);
function trailer(crc, length) {
    const out = Buffer.alloc(8);
    out.writeUInt32LE(crc >>> 0, 0);
    out.writeUInt32LE(length % 2 ** 32, 4);
    return out;
}

// EXTERNAL MODULE: ./src/image/oci.ts
var oci = __webpack_require__(840);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/util/tar.ts
var tar = __webpack_require__(603);
;// CONCATENATED MODULE: ./src/engines/docker-layers.ts
// The Docker engine's layers moved by the action itself (classic image store): what `docker push` does, without
// its costs. The daemon's push gzips each layer on one core and opens a new connection (TCP and TLS) for every
// registry request, and re-checks every layer of an unchanged image; here the image is read from the engine's
// export (`docker save`, by image ID) as it streams, each new layer is gzipped on every core (image/gzip.ts) and
// streamed to the registry on the run's kept-alive connections, and the registry is asked first what it has:
//
// 1. Plan: the manifest each requested tag points at now, and its config. A tag whose config is the source's (the
//    image ID) means the registry holds exactly the source: nothing is exported or uploaded. Otherwise the
//    configs' diffIDs, paired with their manifests' layers, name the compressed blobs the stream already has;
//    each is confirmed by a HEAD in the repository before it is used.
// 2. Export: the tar is read as it arrives, in either layout `docker save` writes (legacy, Docker <= 24:
//    `<v1id>/layer.tar` and `<id>.json`; OCI, Docker >= 25: `blobs/sha256/<hex>`, a layer's name its diffID).
//    A layer the registry has is skipped unread. In the legacy layout a layer's directory is named by its v1 ID,
//    derived from its position in the image: the `json` before each `layer.tar` says which position it is, so a
//    known layer is skipped there too; one not identified is uploaded as it is hashed, and the upload abandoned if
//    it turns out to be known.
// 3. Upload: POST, one streamed PATCH of the gzip as it is made, PUT ?digest=; a few layers in flight at once,
//    each holding a few MiB. Then the config (whose digest must be the image ID) and a Docker schema 2 manifest
//    under the first tag, as `docker push` would write it.






const MANIFEST_TYPE = 'application/vnd.docker.distribution.manifest.v2+json';
const CONFIG_TYPE = 'application/vnd.docker.container.image.v1+json';
const LAYER_TYPE = 'application/vnd.docker.image.rootfs.diff.tar.gzip';
/** The layer types whose blobs are gzip, as Docker's own: a manifest of ours may name them as Docker's. */
const GZIP_LAYER_TYPES = new Set([LAYER_TYPE, 'application/vnd.oci.image.layer.v1.tar+gzip']);
/** Layers uploaded at once: the export is one stream, so more would only wait; each holds a few MiB. */
const LAYERS_IN_FLIGHT = 3;
/** What a layer's upload holds between the compressor and the connection. */
const PIPE_BYTES = 1024 * 1024;
/**
 * Reads what each tag points at now, all at once; a tag that cannot be read only teaches nothing. `prefetched`
 * holds the tags' manifests when the preflight read them already (PushContext.tagManifests): a tag it lacks, or a
 * prefetch that failed, is read here.
 */
async function planPush(registry, repository, tags, imageId, prefetched) {
    const early = await prefetched?.catch(() => undefined);
    const seen = await Promise.all(tags.map(async (tag) => {
        const manifest = early?.has(tag)
            ? early.get(tag)
            : await registry.findManifest(repository, tag).catch(() => undefined);
        if (!manifest)
            return undefined;
        let doc;
        try {
            doc = (0,oci/* parseManifest */.Ng)(manifest.body);
        }
        catch {
            return undefined;
        }
        const config = doc.config?.digest;
        // An index has no config: its images are not Docker's single-platform source.
        if (!config || !doc.layers)
            return undefined;
        if (config === imageId)
            return { tag, manifest, pairs: [] };
        const body = await registry.getBlob(repository, config).catch(() => undefined);
        const diffIds = body ? parseConfig(body)?.rootfs?.diff_ids : undefined;
        if (!diffIds || diffIds.length !== doc.layers.length)
            return { tag, manifest: undefined, pairs: [] };
        const pairs = diffIds.map((diffId, i) => [diffId, doc.layers[i]]);
        return { tag, manifest: undefined, pairs };
    }));
    // The first tag holding it needs no PUT at all; any other tag's manifest is put under the first.
    const held = seen.find(s => s?.manifest);
    if (held?.manifest)
        return { held: held.manifest, tag: held.tag };
    const known = new Map();
    for (const s of seen) {
        for (const [diffId, layer] of s?.pairs ?? []) {
            if (!GZIP_LAYER_TYPES.has(layer.mediaType ?? '') || layer.urls?.length)
                continue;
            known.set(diffId, { digest: layer.digest, size: layer.size, mediaType: LAYER_TYPE });
        }
    }
    return { known };
}
function parseConfig(body) {
    try {
        return (0,oci/* parseImageConfig */.FB)(body);
    }
    catch {
        return undefined;
    }
}
/** The chain IDs of the layers (the identity of the stack up to each): the first is its diffID. */
function chainIds(diffIds) {
    const chain = [];
    for (const diffId of diffIds) {
        const below = chain[chain.length - 1];
        chain.push(below ? (0,oci/* sha256Digest */.sI)(`${below} ${diffId}`) : diffId);
    }
    return chain;
}
/**
 * The position in the image of a legacy export's layer directory, from its `json`: the directory is named by the
 * layer's v1 ID, which Docker derives (v1.CreateID) from that JSON without its `id` (and, below the top, without
 * the `os` it adds after), with the layer's chain ID as `layer_id` and the parent's v1 ID as `parent`, its keys in
 * order, each value as written. Undefined when no position gives the name: the layer is then found by its bytes.
 */
function legacyLayerPosition(json, v1Id, chain) {
    const fields = topLevelFields(json);
    if (!fields)
        return undefined;
    const parent = fields.get('parent');
    const base = new Map(fields);
    base.delete('id');
    base.delete('parent');
    let parentId;
    try {
        parentId = parent ? JSON.parse(parent) : undefined;
    }
    catch {
        return undefined;
    }
    for (const withOs of [false, true]) {
        const values = new Map(base);
        if (!withOs)
            values.delete('os');
        if (parentId)
            values.set('parent', JSON.stringify(`sha256:${parentId}`));
        for (let i = 0; i < chain.length; i++) {
            values.set('layer_id', JSON.stringify(chain[i]));
            const keys = [...values.keys()].sort();
            const text = `{${keys.map(k => `${JSON.stringify(k)}:${values.get(k)}`).join(',')}}`;
            if ((0,oci/* sha256Digest */.sI)(text) === `sha256:${v1Id}`)
                return i;
        }
    }
    return undefined;
}
/** A JSON object's top-level keys with their values' exact text, or undefined when it is not one. */
function topLevelFields(text) {
    const fields = new Map();
    let i = text.indexOf('{') + 1;
    if (i === 0)
        return undefined;
    const space = () => {
        while (/\s/.test(text[i] ?? ''))
            i++;
    };
    const string = () => {
        const start = i;
        for (i++; i < text.length && text[i] !== '"'; i++)
            if (text[i] === '\\')
                i++;
        i++;
        return text.slice(start, i);
    };
    for (;;) {
        space();
        if (text[i] === ',') {
            i++;
            space();
        }
        if (text[i] === '}')
            return fields;
        if (text[i] !== '"')
            return undefined;
        const key = JSON.parse(string());
        space();
        if (text[i++] !== ':')
            return undefined;
        space();
        const start = i;
        let depth = 0;
        for (; i < text.length; i++) {
            const c = text[i];
            if (c === '"') {
                string();
                i--;
            }
            else if (c === '{' || c === '[')
                depth++;
            else if (c === '}' || c === ']') {
                if (depth === 0)
                    break;
                depth--;
            }
            else if (c === ',' && depth === 0)
                break;
        }
        if (i >= text.length)
            return undefined;
        fields.set(key, text.slice(start, i).trim());
    }
}
/** The upload was given up: the layer turned out to be one the registry has. */
class Abandoned extends Error {
}
/** Pushes the source under `tag`; returns the digest of the manifest that the tag now points at. */
async function moveImage(req) {
    const { registry, repository, source, progress } = req;
    const plan = await planPush(registry, repository, req.tags, source.id, req.tagManifests);
    const distinct = [...new Set(source.diffIds)];
    if ('held' in plan) {
        progress.allPresent(distinct.map(docker_layers_short));
        const { held } = plan;
        // Nothing is put under a tag that holds the source: the plan's read of it (in the preflight's round, when that
        // read it) is what the tag was seen to hold, and so its read-back.
        if (plan.tag === req.tag)
            return { digest: held.digest, exported: false, manifest: held, tagSeen: held.digest };
        const digest = await registry.putManifest(repository, req.tag, held);
        return { digest, exported: false, manifest: held };
    }
    // Known blobs are used only once the repository is seen to hold them; the config too, which then needs no
    // upload (asked only where some layer may be there: a new image's config is new).
    const candidates = new Map([...plan.known, ...req.uploaded]);
    const [configHeld, ...confirmed] = await Promise.all([
        candidates.size > 0 && registry.hasBlob(repository, source.id),
        ...distinct.map(async (diffId) => {
            const blob = candidates.get(diffId);
            return blob && (await registry.hasBlob(repository, blob.digest)) ? blob : undefined;
        })
    ]);
    const have = new Map();
    distinct.forEach((diffId, i) => {
        const blob = confirmed[i];
        if (blob)
            have.set(diffId, blob);
        progress.count(docker_layers_short(diffId), blob ? { done: true, present: true } : {});
    });
    const exported = !(configHeld && distinct.every(d => have.has(d)));
    // The config is read from the registry when it has it and no layer is missing: nothing is exported at all.
    const config = exported
        ? await exportAndUpload(req, have, distinct, configHeld)
        : await registry.getBlob(repository, source.id);
    const manifest = schema2Manifest(config, source.id, have);
    const digest = await registry.putManifest(repository, req.tag, manifest);
    progress.finish();
    return { digest, exported, manifest };
}
/**
 * Reads the export and uploads every layer `have` lacks; returns the config's bytes (uploaded unless the registry
 * has it). `have` gains each layer uploaded.
 */
async function exportAndUpload(req, have, distinct, configHeld) {
    const { registry, repository, source } = req;
    const stop = new AbortController();
    // The upload sessions are opened while the engine prepares its export (Docker <= 24 writes it whole to disk
    // before the first byte): one round trip each, off the path of the bytes. One is left over when a legacy
    // layer turns out to be known; what is left is given up at the end.
    const uploads = distinct.filter(d => !have.has(d)).length + (configHeld ? 0 : 1);
    const sessions = Array.from({ length: uploads }, () => registry.openUpload(repository));
    for (const s of sessions)
        s.catch(() => undefined);
    const session = () => sessions.shift() ?? registry.openUpload(repository);
    const onStop = () => stop.abort(req.signal.reason);
    req.signal.addEventListener('abort', onStop, { once: true });
    const chain = chainIds(source.diffIds);
    const inFlight = new Set();
    /** diffIDs being uploaded, so that a layer met twice (a legacy export's link) goes up once. */
    const started = new Set();
    let failure;
    const fail = (err) => {
        failure ??= err;
        stop.abort(err);
    };
    const track = (work) => {
        const entry = work.catch(fail).finally(() => inFlight.delete(entry));
        inFlight.add(entry);
        return entry;
    };
    const upload = (body, name, expected) => {
        if (expected)
            started.add(expected);
        const layer = new LayerUpload(req, stop.signal, have, name, session());
        const { input, consumed } = tracked(body);
        const work = track(layer.run(input).then(result => {
            if (!result)
                return;
            have.set(result.diffId, result.blob);
            req.uploaded.set(result.diffId, result.blob);
        }));
        // The next member of the tar is read once this one has been read whole; its upload goes on meanwhile.
        return Promise.race([consumed, work]);
    };
    const needed = () => distinct.every(d => have.has(d) || started.has(d));
    let config;
    /** Legacy layout: a layer directory's diffID, from its `json`. */
    const legacy = new Map();
    try {
        const stream = await req.exportImage(stop.signal);
        for await (const entry of (0,tar/* readTar */.sB)(stream)) {
            if (failure)
                break;
            const oci = /^blobs\/sha256\/([a-f0-9]{64})$/.exec(entry.name);
            const dirJson = /^([a-f0-9]{64})\/json$/.exec(entry.name);
            const layerTar = /^([a-f0-9]{64})\/layer\.tar$/.exec(entry.name);
            if ((oci && `sha256:${oci[1]}` === source.id) || entry.name === `${source.id.slice(7)}.json`) {
                config = checkConfig(await readSmall(entry.body, entry.size), source.id);
                // Sent beside the layers still to come.
                if (!configHeld)
                    track(uploadConfig(registry, session(), source.id, config));
            }
            else if (oci && entry.type === 'file' && distinct.includes(`sha256:${oci[1]}`)) {
                const diffId = `sha256:${oci[1]}`;
                if (!have.has(diffId) && !started.has(diffId)) {
                    await waitForRoom(inFlight);
                    await upload(entry.body, docker_layers_short(diffId), diffId);
                }
            }
            else if (dirJson && entry.size < 1024 * 1024) {
                const json = (await readSmall(entry.body, entry.size)).toString('utf8');
                const at = legacyLayerPosition(json, dirJson[1], chain);
                if (at !== undefined)
                    legacy.set(dirJson[1], source.diffIds[at]);
            }
            else if (layerTar && entry.type === 'file') {
                const diffId = legacy.get(layerTar[1]);
                if (!diffId || (!have.has(diffId) && !started.has(diffId))) {
                    await waitForRoom(inFlight);
                    await upload(entry.body, docker_layers_short(diffId ?? layerTar[1]), diffId);
                }
            }
            // Everything is in hand or on its way: the rest of the export is not needed.
            if (config && needed())
                break;
        }
        await Promise.all(inFlight);
    }
    catch (err) {
        fail(err);
        await Promise.allSettled(inFlight);
    }
    finally {
        req.signal.removeEventListener('abort', onStop);
        for (const left of sessions.splice(0))
            void left.then(l => registry.cancelUpload(l)).catch(() => undefined);
    }
    if (failure)
        throw stopped(req) ?? exportFailure(failure, source.id);
    if (!config) {
        throw new errors/* UserError */.yo(`The Docker engine's export of ${source.id} held no image config. Check that the engine is healthy, and run the step again.`);
    }
    const missing = (parseConfig(config)?.rootfs?.diff_ids ?? []).filter(d => !have.has(d));
    if (missing.length > 0) {
        throw new errors/* UserError */.yo(`The Docker engine's export of ${source.id} lacked the layer ${missing[0]}${missing.length > 1 ? ` and ${missing.length - 1} more` : ''}. Check the engine's storage (docker image inspect ${source.id}) and run the step again.`);
    }
    return config;
}
/** The config as exported, once its digest is seen to be the image ID (else the action's own error). */
function checkConfig(config, id) {
    const digest = (0,oci/* sha256Digest */.sI)(config);
    if (digest === id)
        return config;
    throw new errors/* UserError */.yo(`The Docker engine's export of ${id} holds a config whose digest is ${digest}: it is not the image asked for. No tag was put on it; check the engine's storage (docker image inspect ${id}) and run the step again.`);
}
async function uploadConfig(registry, session, id, config) {
    await registry.finishUpload(await session, id, config);
}
/** The run's stop as the user should read it, when that is what ended the push. */
function stopped(req) {
    return req.signal.aborted
        ? new errors/* UserError */.yo(`The push to ${req.repository}:${req.tag} was stopped.`)
        : undefined;
}
function exportFailure(err, id) {
    if (err instanceof tar/* TarError */.mt) {
        return new errors/* UserError */.yo(`The Docker engine's export of ${id} could not be read: ${err.message}. Check that the engine is healthy, and run the step again.`);
    }
    return err;
}
/** Waits while the most layers are in flight. */
async function waitForRoom(inFlight) {
    while (inFlight.size >= LAYERS_IN_FLIGHT)
        await Promise.race(inFlight);
}
/** The body, and a promise that settles once it has been read to its end (or given up). */
function tracked(body) {
    let done;
    const consumed = new Promise(resolve => (done = resolve));
    async function* input() {
        try {
            yield* body;
        }
        finally {
            done();
        }
    }
    return { input: input(), consumed };
}
async function readSmall(body, size) {
    const chunks = [];
    for await (const chunk of body)
        chunks.push(chunk);
    return Buffer.concat(chunks, size);
}
/** One layer's upload: the gzip streamed into one PATCH as it is made, then closed with its digest. */
class LayerUpload {
    req;
    signal;
    have;
    name;
    opened;
    pipe = new external_node_stream_.PassThrough({ highWaterMark: PIPE_BYTES });
    failure;
    constructor(req, signal, have, name, 
    /** The upload session's location, opened ahead. */
    opened) {
        this.req = req;
        this.signal = signal;
        this.have = have;
        this.name = name;
        this.opened = opened;
        // Failures are taken from the promises below; the stream's own event must not go unheard.
        this.pipe.on('error', () => undefined);
    }
    /** The layer's diffID and blob, or undefined when it was abandoned as one the registry has. */
    async run(input) {
        const { registry, progress } = this.req;
        const opened = this.opened;
        const patched = opened.then(location => registry.streamUpload(location, this.pipe, this.signal));
        patched.catch((err) => {
            this.failure ??= err;
            this.pipe.destroy(err instanceof Error ? err : new Error(String(err)));
        });
        let sent = 0;
        const sink = async (chunk) => {
            if (this.failure)
                throw this.failure;
            sent += chunk.length;
            progress.count(this.name, { sent });
            if (!this.pipe.write(chunk))
                await (0,external_node_events_.once)(this.pipe, 'drain', { signal: this.signal });
        };
        let gzipped;
        try {
            gzipped = await gzipLayer(input, sink, { signal: this.signal });
        }
        catch (err) {
            this.abandon(opened, patched, err);
            throw this.failure ?? err;
        }
        // A legacy layer not identified by its json was counted by its directory's name until now.
        const name = docker_layers_short(gzipped.diffId);
        if (name !== this.name)
            progress.forget(this.name);
        if (this.have.has(gzipped.diffId)) {
            // Found out only at its end: the registry has it, or this export had it before.
            this.abandon(opened, patched, new Abandoned('known layer'));
            progress.count(name, { done: true, present: true, sent: 0 });
            return undefined;
        }
        this.pipe.end();
        const location = await patched;
        await registry.finishUpload(location, gzipped.digest);
        progress.count(name, { done: true, sent: gzipped.size, size: gzipped.size });
        return {
            diffId: gzipped.diffId,
            blob: { digest: gzipped.digest, size: gzipped.size, mediaType: LAYER_TYPE }
        };
    }
    /** Ends the PATCH and, best effort, the session. */
    abandon(opened, patched, why) {
        this.pipe.destroy(why instanceof Error ? why : new Error(String(why)));
        void patched.catch(() => undefined);
        void opened.then(location => this.req.registry.cancelUpload(location)).catch(() => undefined);
    }
}
/** The manifest `docker push` writes for the image: Docker schema 2, its layers in the config's order. */
function schema2Manifest(config, id, have) {
    const diffIds = parseConfig(config)?.rootfs?.diff_ids ?? [];
    const doc = {
        schemaVersion: 2,
        mediaType: MANIFEST_TYPE,
        config: { mediaType: CONFIG_TYPE, size: config.length, digest: id },
        layers: diffIds.map(diffId => {
            const blob = have.get(diffId);
            return { mediaType: blob.mediaType, size: blob.size, digest: blob.digest };
        })
    };
    // Indented as Docker's own (distribution's MarshalIndent with three spaces).
    const body = Buffer.from(JSON.stringify(doc, null, 3));
    return { digest: (0,oci/* sha256Digest */.sI)(body), mediaType: MANIFEST_TYPE, body };
}
/** A layer's short name in the log, as Docker's: 12 hex digits. */
function docker_layers_short(diffId) {
    return diffId.replace(/^sha256:/, '').slice(0, 12);
}


/***/ })

};
