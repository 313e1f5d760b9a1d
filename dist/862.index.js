export const id = 862;
export const ids = [862];
export const modules = {

/***/ 8862:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  installOc: () => (/* binding */ installOc)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/@actions/io/lib/io.js
var io = __webpack_require__(8701);
// EXTERNAL MODULE: ./src/util/actions.ts
var actions = __webpack_require__(2455);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/util/job-dir.ts
var job_dir = __webpack_require__(2621);
// EXTERNAL MODULE: ./src/util/tar.ts
var tar = __webpack_require__(2603);
;// CONCATENATED MODULE: ./src/oc/actions-cache.ts
// The Actions cache keeps the verified oc between jobs, since hosted runners start each job with an
// empty tool cache. It is an optimisation only: when the service is not configured (self-hosted
// setups without it, tests) it is skipped quietly, and when it fails that is a warning, never a
// failed step.


let loading;
/**
 * Loaded only when a job needs it: the cache client and its Azure SDK are two thirds of the bundle, and
 * parsing them at start-up cost every run about 60 ms, pushes that never touch the cache included.
 */
function loadCache() {
    return (loading ??= Promise.all(/* import() */[__webpack_require__.e(507), __webpack_require__.e(691)]).then(__webpack_require__.bind(__webpack_require__, 1691)));
}
/** Bump when what is stored under a key changes shape, so old entries are not restored. */
const SCHEMA = 'v1';
function actionsCacheKey(version, os, arch) {
    return `rahti-push-oc-${SCHEMA}-${version}-${os}-${arch}`;
}
/** Whether the runner names a cache service at all (it may still turn out to be unavailable). */
function actionsCacheConfigured() {
    // The runner names the service in these variables; without them there is nothing to load.
    return Boolean(process.env.ACTIONS_CACHE_URL || process.env.ACTIONS_RESULTS_URL);
}
/** The cache client, or undefined when the runner offers no cache service. */
async function available() {
    if (!actionsCacheConfigured())
        return undefined;
    try {
        const cache = await loadCache();
        return cache.isFeatureAvailable() ? cache : undefined;
    }
    catch {
        return undefined;
    }
}
/** Restores into dir (which must be the same path on save and restore); true on a hit. */
async function restoreFromActionsCache(dir, key) {
    const cache = await available();
    if (!cache) {
        actions/* debug */.Yz('The Actions cache service is not available; skipping it');
        return false;
    }
    try {
        const hit = await cache.restoreCache([dir], key);
        actions/* debug */.Yz(hit ? `Actions cache hit for ${key}` : `Actions cache miss for ${key}`);
        return hit === key;
    }
    catch (err) {
        actions/* warning */.$e(`Could not restore oc from the Actions cache (${(0,errors/* messageOf */.bD)(err)}); downloading it instead.`);
        return false;
    }
}
async function saveToActionsCache(dir, key) {
    const cache = await available();
    if (!cache)
        return;
    try {
        await cache.saveCache([dir], key);
        actions/* debug */.Yz(`Saved ${dir} to the Actions cache as ${key}`);
    }
    catch (err) {
        // Another job of the same workflow may have saved the same key a moment earlier.
        if (err instanceof cache.ReserveCacheError) {
            actions/* info */.pq(`oc is already being saved to the Actions cache: ${err.message}`);
            return;
        }
        actions/* warning */.$e(`Could not save oc to the Actions cache (${(0,errors/* messageOf */.bD)(err)}); later jobs will download it.`);
    }
}

// EXTERNAL MODULE: ./src/util/exec.ts
var exec = __webpack_require__(7895);
;// CONCATENATED MODULE: ./src/oc/client.ts
// Asking an oc binary what it is. This is also the check that a binary runs on this runner at all.


/**
 * The client version from `oc version --client`. Current clients print `Client Version: 4.16.3`;
 * clients before 4.3 or so printed a Go struct with GitVersion:"v4.2.0-...".
 */
function parseClientVersion(output) {
    const line = /^Client Version:[ \t]*(.+?)\s*$/m.exec(output)?.[1];
    if (!line)
        return undefined;
    const git = /GitVersion:"v?([^"]+)"/.exec(line);
    if (git)
        return git[1];
    if (line.startsWith('version.Info'))
        return undefined;
    return line.replace(/^v(?=\d)/, '');
}
/** Runs `oc version --client` once; throws when the binary does not run, with what it printed. */
async function probeOc(ocPath) {
    let result;
    try {
        result = await (0,exec/* run */.eF)(ocPath, ['version', '--client']);
    }
    catch (err) {
        throw new errors/* UserError */.yo(`${ocPath} could not be started: ${(0,errors/* messageOf */.bD)(err)}`);
    }
    if (result.exitCode !== 0) {
        const said = (result.stderr.trim() || result.stdout.trim()).split('\n')[0];
        throw new errors/* UserError */.yo(`\`${ocPath} version --client\` exited with code ${result.exitCode}${said ? `: ${said}` : ''}`);
    }
    return parseClientVersion(result.stdout);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/util/http.ts + 1 modules
var http = __webpack_require__(2205);
// EXTERNAL MODULE: ./src/util/retry.ts
var retry = __webpack_require__(4266);
;// CONCATENATED MODULE: ./src/oc/http.ts
// HTTP for the mirror, through the transport of the API and registry clients (util/http.ts): the same proxy
// rules, deadlines, error types and retry decision. Redirects are followed here, by hand, because the OpenShift
// mirror answers its generic paths with a *relative* Location (`/pub/openshift-v4/x86_64/...`) and an https://
// URL must not be followed to http://. A signal stops whatever is under way: the request, the body, the wait
// before another try.









const MAX_REDIRECTS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Until the mirror's answer begins, and then how long its body may stop flowing, before a try is given up on.
const HEAD_TIMEOUT_MS = 30_000;
const IDLE_TIMEOUT_MS = 60_000;
/** Three tries, waiting 1 s and then 4 s: a mirror is a CDN, which recovers quickly or not at all. */
const MIRROR_RETRY = { attempts: 3, baseDelayMs: 1_000, maxDelayMs: 4_000, factor: 4 };
// The mirror is public: the system's roots, never the cluster's CA or its skipped check.
let transport;
function mirrorTransport() {
    transport ??= new http/* HttpTransport */.G({ insecureSkipTlsVerify: false });
    return transport;
}
/** 403 counts as missing too: the mirror sits on S3, which answers 403 for a key that does not exist. */
function missingOnMirror(err) {
    return err instanceof errors/* HttpStatusError */.F9 && [403, 404, 410].includes(err.status);
}
/** Tries again what the API and registry would (util/retry.ts), and never once the work is cancelled. */
function retried(what, fn, signal) {
    return (0,retry/* withRetry */.bD)(what, () => {
        signal?.throwIfAborted();
        return fn();
    }, err => (signal?.aborted ? { retry: false } : (0,retry/* classifyHttpFailure */.ZZ)(err)), MIRROR_RETRY, ms => (0,external_node_timers_promises_.setTimeout)(ms, undefined, { signal }));
}
/** GETs url, following redirects, and returns the 200 answer with its body unread. */
async function openUrl(url, signal) {
    let current = url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        const answer = await mirrorTransport().stream({
            method: 'GET',
            url: new URL(current),
            timeoutMs: HEAD_TIMEOUT_MS,
            idleTimeoutMs: IDLE_TIMEOUT_MS,
            signal
        });
        if (answer.status === 200)
            return { ...answer, url: current };
        answer.body.resume(); // drain, so the socket is released
        if (!REDIRECTS.has(answer.status))
            throw new errors/* HttpStatusError */.F9(`${current} answered HTTP ${answer.status}`, answer.status, `GET ${current}`, undefined, (0,errors/* retryAfterMs */.Vs)(answer.headers));
        const location = answer.headers.location;
        if (!location)
            throw new errors/* UserError */.yo(`${current} answered HTTP ${answer.status} without a Location header`);
        const next = new URL(location, current);
        if (new URL(current).protocol === 'https:' && next.protocol !== 'https:') {
            throw new errors/* UserError */.yo(`${current} redirects to ${next.href}, which drops https; refusing to follow it`);
        }
        actions/* debug */.Yz(`${current} redirects to ${next.href}`);
        current = next.href;
    }
    throw new errors/* UserError */.yo(`${url} redirects more than ${MAX_REDIRECTS} times`);
}
/** A small text file (release.txt, sha256sum.txt). */
async function getText(url, maxBytes = 4 * 1024 * 1024, signal) {
    return retried(`GET ${url}`, async () => {
        const { body } = await openUrl(url, signal);
        const chunks = [];
        let size = 0;
        for await (const chunk of body) {
            size += chunk.length;
            if (size > maxBytes) {
                body.destroy();
                throw new errors/* UserError */.yo(`${url} is larger than ${maxBytes} bytes, which is not a mirror text file`);
            }
            chunks.push(chunk);
        }
        return Buffer.concat(chunks).toString('utf8');
    }, signal);
}
/**
 * Streams url's body through `open()`'s sink and hashes every byte on the way, so verifying costs no second
 * read. Read by events rather than async iteration: a paused stream's read() would join buffered chunks into
 * a copy, and 48 MiB arrive in some 800 chunks. The socket is paused only while the sink says it is behind.
 */
async function downloadThrough(url, open, signal) {
    return retried(`Downloading ${url}`, async () => {
        const { body, headers, url: finalUrl } = await openUrl(url, signal);
        const expected = Number(headers['content-length'] ?? NaN);
        const hash = (0,external_node_crypto_.createHash)('sha256');
        let bytes = 0;
        const sink = open();
        try {
            await new Promise((resolve, reject) => {
                body.on('data', (chunk) => {
                    hash.update(chunk);
                    bytes += chunk.length;
                    let behind;
                    try {
                        behind = sink.write(chunk);
                    }
                    catch (err) {
                        reject(err);
                        return;
                    }
                    if (behind) {
                        body.pause();
                        behind.then(() => body.resume(), reject);
                    }
                });
                body.once('end', resolve);
                body.once('error', reject);
            });
            // A connection cut mid-body can end the stream without an error.
            if (Number.isFinite(expected) && bytes !== expected) {
                throw new errors/* NetworkError */.Dr(`The transfer of ${finalUrl} stopped after ${bytes} of ${expected} bytes.`, 'ETRUNCATED', new URL(finalUrl));
            }
            await sink.close();
        }
        catch (err) {
            body.on('error', () => undefined); // the transfer is given up: a later error of it is nobody's
            body.destroy();
            await sink.discard();
            throw err;
        }
        return { sha256: hash.digest('hex'), bytes, url: finalUrl };
    }, signal);
}
/** Streams url into the file dest (created anew on each try) and hashes it on the way. */
async function downloadFile(url, dest, signal) {
    return downloadThrough(url, () => fileSink(dest), signal);
}
/** A file written as the bytes come, waiting only when the disk is more than its high-water mark behind. */
function fileSink(dest) {
    const file = (0,external_node_fs_.createWriteStream)(dest, { highWaterMark: 4 * 1024 * 1024 });
    let failure;
    file.on('error', err => (failure ??= err));
    const closed = new Promise(resolve => file.once('close', () => resolve()));
    return {
        write: chunk => {
            if (failure)
                throw failure;
            return file.write(chunk) ? undefined : (0,external_node_events_.once)(file, 'drain').then(() => undefined);
        },
        close: async () => {
            file.end();
            await closed;
            if (failure)
                throw failure;
        },
        discard: async () => {
            file.destroy();
            await closed;
            await (0,promises_.rm)(dest, { force: true });
        }
    };
}

// EXTERNAL MODULE: ./src/oc/inputs.ts
var inputs = __webpack_require__(7365);
;// CONCATENATED MODULE: ./src/oc/mirror.ts
// What the client mirror says: which exact version a channel points at, and the published SHA-256
// of each file in a version directory.





function mirrorUrl(mirror, dir, file) {
    return `${mirror}/${dir}/${file}`;
}
/**
 * Parses sha256sum.txt (`<hex>  <file>`, as sha256sum prints it; a `*` before the name marks
 * binary mode). Lines that are not checksums are skipped rather than fatal: only the entry for the
 * file we download matters, and its absence is reported then.
 */
function parseSha256Sums(text) {
    const sums = new Map();
    for (const line of text.split(/\r?\n/)) {
        const m = /^([0-9a-fA-F]{64}) [ *](\S.*?)\s*$/.exec(line.trim());
        if (m)
            sums.set(m[2].replace(/^\.\//, ''), m[1].toLowerCase());
    }
    return sums;
}
/** The `Name:      4.16.3` line of release.txt. */
function parseReleaseName(text) {
    const m = /^Name:[ \t]+(\S+)[ \t]*$/m.exec(text);
    return m && inputs/* EXACT_VERSION */.XO.test(m[1]) ? m[1] : undefined;
}
/**
 * The version a channel's sha256sum.txt is about, read from its versioned client file names
 * (openshift-client-linux-4.16.3.tar.gz). Undefined unless they all agree.
 */
function versionFromSha256Sums(sums) {
    const versions = new Set();
    for (const name of sums.keys()) {
        const m = /^openshift-client-.*?-(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+?)?)\.(?:tar\.gz|zip)$/.exec(name);
        if (m && inputs/* EXACT_VERSION */.XO.test(m[1]))
            versions.add(m[1]);
    }
    return versions.size === 1 ? [...versions][0] : undefined;
}
/** Reads a channel directory and returns the exact version it points at. */
async function resolveChannel(mirror, channel, signal) {
    const releaseUrl = mirrorUrl(mirror, channel, 'release.txt');
    const sumsUrl = mirrorUrl(mirror, channel, 'sha256sum.txt');
    let missing;
    try {
        const version = parseReleaseName(await getText(releaseUrl, undefined, signal));
        if (version)
            return version;
        actions/* debug */.Yz(`${releaseUrl} has no Name line; trying ${sumsUrl}`);
    }
    catch (err) {
        signal?.throwIfAborted();
        if (!missingOnMirror(err))
            throw fetchError(err, releaseUrl);
        missing = err;
        actions/* debug */.Yz(`${releaseUrl} answered ${err.status}; trying ${sumsUrl}`);
    }
    // Some channel directories have no release.txt; their checksum list names the version too.
    try {
        const version = versionFromSha256Sums(parseSha256Sums(await getText(sumsUrl, undefined, signal)));
        if (version)
            return version;
    }
    catch (err) {
        signal?.throwIfAborted();
        if (!missingOnMirror(err))
            throw fetchError(err, sumsUrl);
        if (missing) {
            throw new errors/* UserError */.yo(`The oc channel "${channel}" is not on the mirror (${releaseUrl} answered HTTP ${missing.status}). ` +
                'Set oc-version to a channel the mirror has, such as stable or stable-4.16, or to an exact version.');
        }
    }
    throw new errors/* UserError */.yo(`Could not tell which oc version the channel "${channel}" points at: neither ${releaseUrl} nor ` +
        `${sumsUrl} names one. Set oc-version to an exact version such as 4.16.3.`);
}
/** The checksum list of a version directory; an unknown version is reported as such. */
async function fetchSha256Sums(mirror, version, signal) {
    const url = mirrorUrl(mirror, version, 'sha256sum.txt');
    try {
        return { url, sums: parseSha256Sums(await getText(url, undefined, signal)) };
    }
    catch (err) {
        signal?.throwIfAborted();
        if (missingOnMirror(err)) {
            throw new errors/* UserError */.yo(`oc ${version} is not on the mirror (${url} answered HTTP ${err.status}). Set oc-version to a ` +
                'released version (see the version directories of the oc-mirror) or to a channel such as stable-4.16.');
        }
        throw fetchError(err, url);
    }
}
/** Turns a transport failure into one sentence that names the URL and what to check. */
function fetchError(err, url) {
    const why = err instanceof errors/* HttpStatusError */.F9 ? `it answered HTTP ${err.status}` : (0,errors/* messageOf */.bD)(err).replace(/\.$/, '');
    return new errors/* UserError */.yo(`Could not fetch ${url}: ${why}. Check that the runner can reach the mirror (input oc-mirror), or retry the job.`);
}

;// CONCATENATED MODULE: ./src/oc/platform.ts
// Which client archive on the mirror fits the runner. The mirror names them by OS and CPU; the plain
// linux archive is the x86-64 one, and the rhel8/rhel9 variants are skipped on purpose: the plain one
// is built for the older glibc and so runs on every Ubuntu runner.

// Keyed by Node's process.platform/process.arch; ppc64 is what Node calls ppc64le.
const STEMS = {
    linux: {
        x64: 'openshift-client-linux',
        arm64: 'openshift-client-linux-arm64',
        ppc64: 'openshift-client-linux-ppc64le',
        s390x: 'openshift-client-linux-s390x'
    },
    darwin: { x64: 'openshift-client-mac', arm64: 'openshift-client-mac-arm64' },
    win32: { x64: 'openshift-client-windows' }
};
const SUPPORTED = 'Linux on x64, arm64, ppc64le or s390x, macOS on x64 or arm64, and Windows on x64';
function clientArchive(os, arch) {
    const stem = STEMS[os]?.[arch];
    if (!stem) {
        throw new errors/* UserError */.yo(`The OpenShift mirror has no oc client for ${os} on ${arch} (it has ${SUPPORTED}). ` +
            'Run the job on one of those, or set oc-version: none to skip installing oc.');
    }
    const kind = os === 'win32' ? 'zip' : 'tar.gz';
    return {
        generic: `${stem}.${kind}`,
        versioned: version => `${stem}-${version}.${kind}`,
        kind,
        executable: os === 'win32' ? 'oc.exe' : 'oc'
    };
}

;// CONCATENATED MODULE: ./src/oc/tool-cache.ts
// The runner's tool cache, read and written in @actions/tool-cache's layout (its find, cacheDir and cacheFile:
// `<RUNNER_TOOL_CACHE>/<tool>/<version>/<arch>/`, and an empty `<arch>.complete` file beside it that marks the
// entry whole) without loading it. Loading it cost the install about 20 ms (a 1.2 MB chunk with its own
// @actions/core, http-client and semver), and its cacheDir copies the 48 MB oc where a rename does. Versions
// here are exact releases (inputs.ts's EXACT_VERSION), which tool-cache's semver.clean leaves as they are, so
// the paths are the same: __tests__/oc/tool-cache.test.ts checks each way against tool-cache itself.




function cacheRoot() {
    const root = process.env.RUNNER_TOOL_CACHE;
    if (!root) {
        throw new errors/* UserError */.yo('RUNNER_TOOL_CACHE is not set; oc can only be installed on a GitHub Actions runner.');
    }
    return root;
}
function toolCacheDir(tool, version, arch) {
    return external_node_path_default().join(cacheRoot(), tool, version, arch);
}
/** The entry's directory when it is whole (tool-cache's find of an explicit version), else undefined. */
function findInToolCache(tool, version, arch) {
    const dir = toolCacheDir(tool, version, arch);
    return (0,external_node_fs_.existsSync)(dir) && (0,external_node_fs_.existsSync)(`${dir}.complete`) ? dir : undefined;
}
/**
 * Moves `file` (verified and probed) into the entry as `name`, replacing whatever was there, and marks the entry
 * whole last, as tool-cache does: a job stopped midway leaves an entry that find does not return. A rename where
 * it can (the same file system); a copy where it cannot (RUNNER_TEMP on another disk, or Windows, where an
 * anti-virus holding the file open fails a rename, the reason tool-cache always copies).
 */
async function moveIntoToolCache(file, name, tool, version, arch) {
    const dir = toolCacheDir(tool, version, arch);
    await Promise.all([(0,promises_.rm)(dir, { recursive: true, force: true }), (0,promises_.rm)(`${dir}.complete`, { force: true })]);
    await (0,promises_.mkdir)(dir, { recursive: true });
    const target = external_node_path_default().join(dir, name);
    try {
        await (0,promises_.rename)(file, target);
    }
    catch {
        await (0,promises_.copyFile)(file, target);
    }
    await (0,promises_.writeFile)(`${dir}.complete`, '');
    return dir;
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/oc/unpack.ts
// Unpacks one member of a .tar.gz as the download arrives: the compressed bytes go to zlib (which inflates on
// Node's threadpool, beside the main thread reading the socket and hashing), its output to the tar reader, the
// member's bytes to a file. No tar or gzip process, no archive on disk, and no copy of oc but the one written.
//
// The sizes are what make it cheap (measured on the 48 MiB archive, inflate alone): zlib's default 16 KiB
// output chunk costs a threadpool round trip and an event every 16 KiB, 195 ms against 56 ms at 1 MiB; and with
// the streams' default 16 KiB high-water marks every 64 KiB socket chunk would wait for inflate, and every inflated
// chunk for its file write, so the three would run in lock step instead of side by side.



const INFLATE_CHUNK = 1024 * 1024;
/** How far the download may run ahead of inflate, and inflate ahead of the disk, before either waits. */
const AHEAD = 8 * 1024 * 1024;
class TarGzMember {
    gunzip;
    tar;
    file;
    failure;
    /** Settles once the member is out, the archive ended or something failed: no more input is needed. */
    finished;
    settle;
    stopped = false;
    /** The MiB being gathered for zlib, and how much of it is filled. */
    gathering;
    gatheredBytes = 0;
    /** Gathering buffers zlib is done with, to fill again. */
    spare = [];
    /**
     * @param names the member's names in the archive (`oc`, `./oc`)
     * @param out the file it is written to, created with mode 0600: nothing here makes it executable
     */
    constructor(names, out) {
        this.finished = new Promise(resolve => (this.settle = resolve));
        this.file = (0,external_node_fs_.createWriteStream)(out, { mode: 0o600, highWaterMark: AHEAD });
        this.file.on('error', err => this.fail(err));
        this.file.on('drain', () => this.gunzip.resume());
        this.tar = new tar/* TarMember */.c0(names, bytes => {
            if (!this.file.write(bytes))
                this.gunzip.pause();
        });
        // zlib hands its options to its Transform, but @types/node's ZlibOptions does not list the stream's ones.
        const options = { chunkSize: INFLATE_CHUNK, writableHighWaterMark: AHEAD };
        this.gunzip = (0,external_node_zlib_.createGunzip)(options);
        this.gunzip.on('data', (chunk) => {
            if (this.stopped)
                return;
            try {
                this.tar.push(chunk);
            }
            catch (err) {
                this.fail(err);
                return;
            }
            if (this.tar.done)
                this.stop();
        });
        this.gunzip.on('end', () => {
            if (this.stopped)
                return;
            try {
                this.tar.end();
            }
            catch (err) {
                this.fail(err);
                return;
            }
            this.stop();
        });
        this.gunzip.on('error', err => this.fail(err));
    }
    /** True once no more compressed bytes are wanted: the member is out, or unpacking failed. */
    get done() {
        return this.stopped;
    }
    /**
     * Takes the next compressed bytes. Returns a promise only when inflate is more than AHEAD behind: the caller
     * waits for it before the next chunk, so memory stays bounded.
     */
    write(chunk) {
        if (this.stopped)
            return undefined;
        // The socket's 64 KiB chunks are handed to zlib a MiB at a time: each write is a threadpool round trip, and
        // one copy of the bytes costs less than 15 round trips (10% less CPU for the whole unpacking, measured). The
        // copies go into a few buffers used again once zlib has read them, not a new MiB each time: fresh memory
        // costs a page fault every 4 KiB, more than the copy itself (48 fresh MiB: 30 ms of CPU against 6 ms for
        // copying 48 MiB into one, measured on the bench's 2-core machine).
        let behind = false;
        let at = 0;
        while (at < chunk.length) {
            if (this.gatheredBytes === 0 && chunk.length - at >= INFLATE_CHUNK) {
                // A MiB already: handed on as it is.
                behind = !this.gunzip.write(chunk.subarray(at)) || behind;
                break;
            }
            this.gathering ??= this.spare.pop() ?? Buffer.allocUnsafe(INFLATE_CHUNK);
            const copied = chunk.copy(this.gathering, this.gatheredBytes, at);
            at += copied;
            this.gatheredBytes += copied;
            if (this.gatheredBytes === INFLATE_CHUNK)
                behind = !this.handOn() || behind;
        }
        if (!behind)
            return undefined;
        return new Promise(resolve => {
            const go = () => {
                this.gunzip.off('drain', go);
                resolve();
            };
            this.gunzip.on('drain', go);
            void this.finished.then(go);
        });
    }
    /**
     * Hands the gathered MiB to zlib, and its buffer back to the spares once zlib has read it: a write's callback
     * comes after the transform consumed the whole chunk. Returns what the write does (false: zlib is behind).
     */
    handOn() {
        const buffer = this.gathering;
        this.gathering = undefined;
        this.gatheredBytes = 0;
        return this.gunzip.write(buffer, err => {
            if (!err && !this.stopped)
                this.spare.push(buffer);
        });
    }
    /**
     * The archive has all arrived: waits for the member to be written and its file closed. Returns whether the
     * member was found; throws the reason unpacking failed (a TarError, zlib's error, the file's).
     */
    async finish() {
        if (!this.stopped)
            this.gunzip.end(this.gathering?.subarray(0, this.gatheredBytes));
        this.gathering = undefined;
        this.spare.length = 0;
        await this.finished;
        await this.closeFile();
        if (this.failure)
            throw this.failure;
        return this.tar.found;
    }
    /** Stops everything (a cancelled or failed download); the caller removes the file. */
    async abort() {
        this.stop();
        await this.closeFile();
    }
    fail(err) {
        this.failure ??= err;
        this.stop();
    }
    /** No more inflating: what follows the member (or a failure) is not decompressed. */
    stop() {
        if (this.stopped)
            return;
        this.stopped = true;
        this.gunzip.removeAllListeners('data');
        this.gunzip.on('error', () => undefined); // an error of the stopped stream is nobody's any more
        this.gunzip.destroy();
        this.settle();
    }
    closeFile() {
        if (this.file.closed)
            return Promise.resolve();
        return new Promise(resolve => {
            this.file.once('close', () => resolve());
            this.file.end();
        });
    }
}

;// CONCATENATED MODULE: ./src/oc/install.ts
// Puts an oc client on PATH for the workflow's later steps. The order is: reuse the oc on PATH (only
// when no version was asked for), else resolve the request to an exact version, then look in the
// runner's tool cache, then the Actions cache, then download from the mirror. A download is trusted
// only after the SHA-256 of the whole archive matches the mirror's sha256sum.txt: oc is unpacked from a
// tarball as it arrives, but into the job's private directory and with mode 0600, and nothing is made
// executable, run, cached or moved to the tool cache before the checksum matched.















const TOOL = 'oc';
/** The way out when the mirror's archive itself is unusable: its checksum matched, so another try gets the same. */
const ANOTHER_VERSION = 'Set oc-version to another version.';
/**
 * Installs what was asked for ('none' is settled by the caller, before this module is loaded). Adds the
 * directory to PATH (core.addPath) unless the oc came from PATH already.
 */
async function installOc(request, mirror, platform = { os: process.platform, arch: process.arch }, signal) {
    const started = Date.now();
    if (request.kind === 'default') {
        const onPath = await fromPath();
        if (onPath)
            return onPath;
        actions/* info */.pq('There is no oc on PATH; installing the one in the stable channel.');
        request = { kind: 'channel', channel: 'stable' };
    }
    signal?.throwIfAborted();
    // Refuse an unsupported runner before any network traffic.
    const archive = clientArchive(platform.os, platform.arch);
    let version;
    if (request.kind === 'channel') {
        version = await resolveChannel(mirror, request.channel, signal);
        actions/* info */.pq(`The oc channel ${request.channel} is at ${version}.`);
    }
    else {
        version = request.version;
    }
    signal?.throwIfAborted();
    const found = (await fromToolCache(version, platform, archive)) ??
        (await fromActionsCacheOrMirror(version, mirror, platform, archive, signal));
    // A run cancelled meanwhile (it failed) puts nothing on PATH.
    signal?.throwIfAborted();
    actions/* addPath */.fM(external_node_path_default().dirname(found.path));
    const how = {
        'tool-cache': 'found in the runner tool cache',
        'actions-cache': 'restored from the Actions cache',
        download: `downloaded (${megabytes(found.downloadedBytes)}) and verified`,
        path: 'found on PATH'
    }[found.source];
    actions/* info */.pq(`oc ${found.version} ${how} in ${seconds(Date.now() - started)}: ${found.path}`);
    return found;
}
/** The oc the runner image already has (ubuntu-22.04 ships one), if it runs. */
async function fromPath() {
    const ocPath = await io/* which */.K7(TOOL, false);
    if (!ocPath)
        return undefined;
    try {
        const version = (await probeOc(ocPath)) ?? 'unknown';
        actions/* info */.pq(`Using oc ${version} already on PATH: ${ocPath}`);
        return { path: ocPath, version, source: 'path', downloadedBytes: 0 };
    }
    catch (err) {
        actions/* warning */.$e(`The oc on PATH does not work (${(0,errors/* messageOf */.bD)(err)}); installing the stable one instead.`);
        return undefined;
    }
}
async function fromToolCache(version, platform, archive) {
    const dir = findInToolCache(TOOL, version, platform.arch);
    if (!dir)
        return undefined;
    const ocPath = external_node_path_default().join(dir, archive.executable);
    try {
        const reported = await probeOc(ocPath);
        return { path: ocPath, version: reported ?? version, source: 'tool-cache', downloadedBytes: 0 };
    }
    catch (err) {
        // A damaged entry is replaced: moveIntoToolCache empties the directory first.
        actions/* warning */.$e(`The oc ${version} in the tool cache does not work (${(0,errors/* messageOf */.bD)(err)}); installing it again.`);
        return undefined;
    }
}
async function fromActionsCacheOrMirror(version, mirror, platform, archive, signal) {
    // The Actions cache matches entries by their paths too, so this directory must be the same in every
    // job: it is derived from RUNNER_TEMP, which is fixed on hosted runners, and not random. Without a cache
    // service there is nothing to restore into it or save from it, and it is not made.
    const staging = actionsCacheConfigured()
        ? external_node_path_default().join((0,job_dir/* runnerTemp */.X)(), 'rahti-push-oc', `${version}-${platform.os}-${platform.arch}`)
        : undefined;
    const key = actionsCacheKey(version, platform.os, platform.arch);
    const cache = (file) => moveIntoToolCache(file, archive.executable, TOOL, version, platform.arch);
    if (!staging)
        actions/* debug */.Yz('The Actions cache service is not available; skipping it');
    try {
        if (staging) {
            await (0,promises_.rm)(staging, { recursive: true, force: true });
            await (0,promises_.mkdir)(staging, { recursive: true });
            const stagedOc = external_node_path_default().join(staging, archive.executable);
            if ((await restoreFromActionsCache(staging, key)) && (0,external_node_fs_.existsSync)(stagedOc)) {
                try {
                    const reported = await probeOc(stagedOc);
                    const dir = await cache(stagedOc);
                    const ocPath = external_node_path_default().join(dir, archive.executable);
                    return { path: ocPath, version: reported ?? version, source: 'actions-cache', downloadedBytes: 0 };
                }
                catch (err) {
                    actions/* warning */.$e(`The oc restored from the Actions cache does not work (${(0,errors/* messageOf */.bD)(err)}); downloading it.`);
                    await (0,promises_.rm)(staging, { recursive: true, force: true });
                    await (0,promises_.mkdir)(staging, { recursive: true });
                }
            }
        }
        const work = await (0,job_dir/* jobDirectory */.$)('rahti-push-oc-download-');
        try {
            const { file, bytes } = await downloadVerified(version, mirror, archive, work, signal);
            let reported;
            try {
                reported = await probeOc(file);
            }
            catch (err) {
                throw new errors/* UserError */.yo(`The downloaded oc ${version} does not run on this ${platform.os}/${platform.arch} runner ` +
                    `(${(0,errors/* messageOf */.bD)(err)}); it was not installed.`);
            }
            if (reported && reported !== version) {
                actions/* warning */.$e(`The mirror's oc ${version} reports itself as ${reported}.`);
            }
            let verified = file;
            if (staging) {
                // Saved from the one directory every job restores into; then moved on from there.
                verified = external_node_path_default().join(staging, archive.executable);
                await (0,promises_.rename)(file, verified);
                await saveToActionsCache(staging, key);
            }
            const dir = await cache(verified);
            return {
                path: external_node_path_default().join(dir, archive.executable),
                version: reported ?? version,
                source: 'download',
                downloadedBytes: bytes
            };
        }
        finally {
            await (0,promises_.rm)(work, { recursive: true, force: true });
        }
    }
    finally {
        if (staging)
            await (0,promises_.rm)(staging, { recursive: true, force: true });
    }
}
/**
 * Downloads the client archive into the job's private directory `work`, checks the SHA-256 of the whole archive
 * against the mirror's sha256sum.txt, and returns the oc it holds, made executable only once the checksum
 * matched. The checksum list and the archive are fetched at once: the download does not wait for the list, and
 * is stopped if the list does not name the archive.
 */
async function downloadVerified(version, mirror, archive, work, signal) {
    const name = archive.versioned(version);
    const url = mirrorUrl(mirror, version, name);
    const notNeeded = new AbortController();
    const downloadSignal = signal ? AbortSignal.any([signal, notNeeded.signal]) : notNeeded.signal;
    actions/* info */.pq(`Downloading ${url}`);
    const started = Date.now();
    const downloading = archive.kind === 'zip'
        ? downloadFile(url, external_node_path_default().join(work, name), downloadSignal).then(got => ({ got, unpacked: undefined }))
        : downloadUnpacking(url, archive.executable, external_node_path_default().join(work, archive.executable), downloadSignal);
    // Judged below, once the checksum list has been read; a failure meanwhile is not an unhandled rejection.
    downloading.catch(() => undefined);
    let sumsUrl;
    let expected;
    try {
        const fetched = await fetchSha256Sums(mirror, version, signal);
        sumsUrl = fetched.url;
        expected = fetched.sums.get(name);
        if (!expected) {
            throw new errors/* UserError */.yo(`The mirror has no ${name}: ${sumsUrl} does not list it, so oc ${version} is not published for ` +
                'this runner. Set oc-version to another version.');
        }
    }
    catch (err) {
        // Stopped and its file removed before the job directory is.
        notNeeded.abort(err);
        await downloading.catch(() => undefined);
        throw err;
    }
    let result;
    try {
        result = await downloading;
    }
    catch (err) {
        signal?.throwIfAborted();
        if (missingOnMirror(err)) {
            throw new errors/* UserError */.yo(`${url} answered HTTP ${err.status} although ${sumsUrl} lists it. ` +
                'The mirror may be mid-update: retry the job, or set oc-version to another version.');
        }
        throw fetchError(err, url);
    }
    const { got, unpacked } = result;
    if (got.sha256 !== expected) {
        throw new errors/* UserError */.yo(`The SHA-256 of ${url} is ${got.sha256}, but ${sumsUrl} lists ${expected}; the download was ` +
            'discarded and nothing was installed. Retry the job; if it happens again, set oc-version to ' +
            'another version or oc-mirror to another mirror.');
    }
    actions/* info */.pq(`Downloaded ${megabytes(got.bytes)} in ${seconds(Date.now() - started)}; its SHA-256 matches ${sumsUrl}.`);
    const file = unpacked
        ? tookOut(unpacked, name, archive)
        : await extractFromZip(external_node_path_default().join(work, name), archive, work);
    if (archive.executable === 'oc')
        await (0,promises_.chmod)(file, 0o755);
    return { file, bytes: got.bytes };
}
/**
 * Downloads a tarball and unpacks oc from it as it arrives (unpack.ts), into `out` (mode 0600). Every byte is
 * hashed, those after oc too; what unpacking found or why it failed is returned beside the checksum, for the
 * caller to judge after the checksum: a damaged download is a checksum mismatch first.
 */
async function downloadUnpacking(url, executable, out, signal) {
    let unpacked = { file: out, found: false };
    const got = await downloadThrough(url, () => {
        // Archives list the member as `oc`; `./oc` is accepted in case one is ever packed from `.`.
        const member = new TarGzMember([executable, `./${executable}`], out);
        unpacked = { file: out, found: false };
        return {
            write: chunk => member.write(chunk),
            close: async () => {
                try {
                    unpacked.found = await member.finish();
                }
                catch (err) {
                    unpacked.failure = err;
                }
            },
            discard: async () => {
                await member.abort();
                await (0,promises_.rm)(out, { force: true });
            }
        };
    }, signal);
    return { got, unpacked };
}
/** The verified archive's oc, or why it has none, in the action's words. */
function tookOut(unpacked, name, archive) {
    if (unpacked.failure) {
        const err = unpacked.failure;
        // zlib's own words ("unexpected end of file", "incorrect header check") say little on their own.
        const why = err instanceof tar/* TarError */.mt
            ? err.message
            : err.code?.startsWith('Z_')
                ? `it is not a whole gzip file (${err.message})`
                : (0,errors/* messageOf */.bD)(err);
        throw new errors/* UserError */.yo(`Could not take ${archive.executable} out of ${name}: ${why}; nothing was installed. ${ANOTHER_VERSION}`);
    }
    if (!unpacked.found) {
        throw new errors/* UserError */.yo(`${name} holds no ${archive.executable}; nothing was installed. ${ANOTHER_VERSION}`);
    }
    return unpacked.file;
}
/** Takes oc.exe out of a zip (whose index is at its end, so it is saved whole first) with tool-cache. */
async function extractFromZip(archivePath, archive, work) {
    // Loaded here only: the tarball path, every Linux and macOS runner, does without it.
    const tc = await Promise.all(/* import() */[__webpack_require__.e(507), __webpack_require__.e(805)]).then(__webpack_require__.bind(__webpack_require__, 9805));
    const unzipped = await tc.extractZip(archivePath, external_node_path_default().join(work, 'unzipped'));
    const member = external_node_path_default().join(unzipped, archive.executable);
    if (!(0,external_node_fs_.existsSync)(member))
        throw new errors/* UserError */.yo(`${external_node_path_default().basename(archivePath)} holds no ${archive.executable}; nothing was installed. ${ANOTHER_VERSION}`);
    return member;
}
function megabytes(bytes) {
    return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
function seconds(ms) {
    return `${(ms / 1000).toFixed(1)} s`;
}


/***/ }),

/***/ 2603:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OH: () => (/* binding */ parseTarHeader),
/* harmony export */   c0: () => (/* binding */ TarMember),
/* harmony export */   mt: () => (/* binding */ TarError),
/* harmony export */   sB: () => (/* binding */ readTar)
/* harmony export */ });
/* unused harmony exports readHeader, TarEvent, TarParser */
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


/***/ }),

/***/ 90:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $1: () => (/* binding */ lstat),
/* harmony export */   Ck: () => (/* binding */ mkdir),
/* harmony export */   Cy: () => (/* binding */ readdir),
/* harmony export */   H8: () => (/* binding */ IS_WINDOWS),
/* harmony export */   Qh: () => (/* binding */ isRooted),
/* harmony export */   YN: () => (/* binding */ symlink),
/* harmony export */   dJ: () => (/* binding */ stat),
/* harmony export */   h_: () => (/* binding */ readlink),
/* harmony export */   k6: () => (/* binding */ chmod),
/* harmony export */   m3: () => (/* binding */ copyFile),
/* harmony export */   rm: () => (/* binding */ rm),
/* harmony export */   t2: () => (/* binding */ exists),
/* harmony export */   vr: () => (/* binding */ tryGetExecutablePath),
/* harmony export */   y1: () => (/* binding */ unlink)
/* harmony export */ });
/* unused harmony exports open, rename, rmdir, UV_FS_O_EXLOCK, READONLY, isDirectory, getCmdPath */
/* harmony import */ var fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9896);
/* harmony import */ var path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6928);
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs__WEBPACK_IMPORTED_MODULE_0__.promises;
// export const {open} = 'fs'
const IS_WINDOWS = process.platform === 'win32';
/**
 * Custom implementation of readlink to ensure Windows junctions
 * maintain trailing backslash for backward compatibility with Node.js < 24
 *
 * In Node.js 20, Windows junctions (directory symlinks) always returned paths
 * with trailing backslashes. Node.js 24 removed this behavior, which breaks
 * code that relied on this format for path operations.
 *
 * This implementation restores the Node 20 behavior by adding a trailing
 * backslash to all junction results on Windows.
 */
function readlink(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        const result = yield fs__WEBPACK_IMPORTED_MODULE_0__.promises.readlink(fsPath);
        // On Windows, restore Node 20 behavior: add trailing backslash to all results
        // since junctions on Windows are always directory links
        if (IS_WINDOWS && !result.endsWith('\\')) {
            return `${result}\\`;
        }
        return result;
    });
}
// See https://github.com/nodejs/node/blob/d0153aee367422d0858105abec186da4dff0a0c5/deps/uv/include/uv/win.h#L691
const UV_FS_O_EXLOCK = 0x10000000;
const READONLY = fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY;
function exists(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        try {
            yield stat(fsPath);
        }
        catch (err) {
            if (err.code === 'ENOENT') {
                return false;
            }
            throw err;
        }
        return true;
    });
}
function isDirectory(fsPath_1) {
    return __awaiter(this, arguments, void 0, function* (fsPath, useStat = false) {
        const stats = useStat ? yield stat(fsPath) : yield lstat(fsPath);
        return stats.isDirectory();
    });
}
/**
 * On OSX/Linux, true if path starts with '/'. On Windows, true for paths like:
 * \, \hello, \\hello\share, C:, and C:\hello (and corresponding alternate separator cases).
 */
function isRooted(p) {
    p = normalizeSeparators(p);
    if (!p) {
        throw new Error('isRooted() parameter "p" cannot be empty');
    }
    if (IS_WINDOWS) {
        return (p.startsWith('\\') || /^[A-Z]:/i.test(p) // e.g. \ or \hello or \\hello
        ); // e.g. C: or C:\hello
    }
    return p.startsWith('/');
}
/**
 * Best effort attempt to determine whether a file exists and is executable.
 * @param filePath    file path to check
 * @param extensions  additional file extensions to try
 * @return if file exists and is executable, returns the file path. otherwise empty string.
 */
function tryGetExecutablePath(filePath, extensions) {
    return __awaiter(this, void 0, void 0, function* () {
        let stats = undefined;
        try {
            // test file exists
            stats = yield stat(filePath);
        }
        catch (err) {
            if (err.code !== 'ENOENT') {
                // eslint-disable-next-line no-console
                console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
            }
        }
        if (stats && stats.isFile()) {
            if (IS_WINDOWS) {
                // on Windows, test for valid extension
                const upperExt = path__WEBPACK_IMPORTED_MODULE_1__.extname(filePath).toUpperCase();
                if (extensions.some(validExt => validExt.toUpperCase() === upperExt)) {
                    return filePath;
                }
            }
            else {
                if (isUnixExecutable(stats)) {
                    return filePath;
                }
            }
        }
        // try each extension
        const originalFilePath = filePath;
        for (const extension of extensions) {
            filePath = originalFilePath + extension;
            stats = undefined;
            try {
                stats = yield stat(filePath);
            }
            catch (err) {
                if (err.code !== 'ENOENT') {
                    // eslint-disable-next-line no-console
                    console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
                }
            }
            if (stats && stats.isFile()) {
                if (IS_WINDOWS) {
                    // preserve the case of the actual file (since an extension was appended)
                    try {
                        const directory = path__WEBPACK_IMPORTED_MODULE_1__.dirname(filePath);
                        const upperName = path__WEBPACK_IMPORTED_MODULE_1__.basename(filePath).toUpperCase();
                        for (const actualName of yield readdir(directory)) {
                            if (upperName === actualName.toUpperCase()) {
                                filePath = path__WEBPACK_IMPORTED_MODULE_1__.join(directory, actualName);
                                break;
                            }
                        }
                    }
                    catch (err) {
                        // eslint-disable-next-line no-console
                        console.log(`Unexpected error attempting to determine the actual case of the file '${filePath}': ${err}`);
                    }
                    return filePath;
                }
                else {
                    if (isUnixExecutable(stats)) {
                        return filePath;
                    }
                }
            }
        }
        return '';
    });
}
function normalizeSeparators(p) {
    p = p || '';
    if (IS_WINDOWS) {
        // convert slashes on Windows
        p = p.replace(/\//g, '\\');
        // remove redundant slashes
        return p.replace(/\\\\+/g, '\\');
    }
    // remove redundant slashes
    return p.replace(/\/\/+/g, '/');
}
// on Mac/Linux, test the execute bit
//     R   W  X  R  W X R W X
//   256 128 64 32 16 8 4 2 1
function isUnixExecutable(stats) {
    return ((stats.mode & 1) > 0 ||
        ((stats.mode & 8) > 0 &&
            process.getgid !== undefined &&
            stats.gid === process.getgid()) ||
        ((stats.mode & 64) > 0 &&
            process.getuid !== undefined &&
            stats.uid === process.getuid()));
}
// Get the path of cmd.exe in windows
function getCmdPath() {
    var _a;
    return (_a = process.env['COMSPEC']) !== null && _a !== void 0 ? _a : `cmd.exe`;
}
//# sourceMappingURL=io-util.js.map

/***/ }),

/***/ 8701:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K7: () => (/* binding */ which),
/* harmony export */   U$: () => (/* binding */ mkdirP),
/* harmony export */   Yz: () => (/* binding */ rmRF),
/* harmony export */   cp: () => (/* binding */ cp)
/* harmony export */ });
/* unused harmony exports mv, findInPath */
/* harmony import */ var assert__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2613);
/* harmony import */ var path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6928);
/* harmony import */ var _io_util_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(90);
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



/**
 * Copies a file or folder.
 * Based off of shelljs - https://github.com/shelljs/shelljs/blob/9237f66c52e5daa40458f94f9565e18e8132f5a6/src/cp.js
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See CopyOptions.
 */
function cp(source_1, dest_1) {
    return __awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        const { force, recursive, copySourceDirectory } = readCopyOptions(options);
        const destStat = (yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .exists */ .t2(dest)) ? yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .stat */ .dJ(dest) : null;
        // Dest is an existing file, but not forcing
        if (destStat && destStat.isFile() && !force) {
            return;
        }
        // If dest is an existing directory, should copy inside.
        const newDest = destStat && destStat.isDirectory() && copySourceDirectory
            ? path__WEBPACK_IMPORTED_MODULE_1__.join(dest, path__WEBPACK_IMPORTED_MODULE_1__.basename(source))
            : dest;
        if (!(yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .exists */ .t2(source))) {
            throw new Error(`no such file or directory: ${source}`);
        }
        const sourceStat = yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .stat */ .dJ(source);
        if (sourceStat.isDirectory()) {
            if (!recursive) {
                throw new Error(`Failed to copy. ${source} is a directory, but tried to copy without recursive flag.`);
            }
            else {
                yield cpDirRecursive(source, newDest, 0, force);
            }
        }
        else {
            if (path__WEBPACK_IMPORTED_MODULE_1__.relative(source, newDest) === '') {
                // a file cannot be copied to itself
                throw new Error(`'${newDest}' and '${source}' are the same file`);
            }
            yield copyFile(source, newDest, force);
        }
    });
}
/**
 * Moves a path.
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See MoveOptions.
 */
function mv(source_1, dest_1) {
    return __awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        if (yield ioUtil.exists(dest)) {
            let destExists = true;
            if (yield ioUtil.isDirectory(dest)) {
                // If dest is directory copy src into dest
                dest = path.join(dest, path.basename(source));
                destExists = yield ioUtil.exists(dest);
            }
            if (destExists) {
                if (options.force == null || options.force) {
                    yield rmRF(dest);
                }
                else {
                    throw new Error('Destination already exists');
                }
            }
        }
        yield mkdirP(path.dirname(dest));
        yield ioUtil.rename(source, dest);
    });
}
/**
 * Remove a path recursively with force
 *
 * @param inputPath path to remove
 */
function rmRF(inputPath) {
    return __awaiter(this, void 0, void 0, function* () {
        if (_io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .IS_WINDOWS */ .H8) {
            // Check for invalid characters
            // https://docs.microsoft.com/en-us/windows/win32/fileio/naming-a-file
            if (/[*"<>|]/.test(inputPath)) {
                throw new Error('File path must not contain `*`, `"`, `<`, `>` or `|` on Windows');
            }
        }
        try {
            // note if path does not exist, error is silent
            yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__.rm(inputPath, {
                force: true,
                maxRetries: 3,
                recursive: true,
                retryDelay: 300
            });
        }
        catch (err) {
            throw new Error(`File was unable to be removed ${err}`);
        }
    });
}
/**
 * Make a directory.  Creates the full path with folders in between
 * Will throw if it fails
 *
 * @param   fsPath        path to create
 * @returns Promise<void>
 */
function mkdirP(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        (0,assert__WEBPACK_IMPORTED_MODULE_0__.ok)(fsPath, 'a path argument must be provided');
        yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .mkdir */ .Ck(fsPath, { recursive: true });
    });
}
/**
 * Returns path of a tool had the tool actually been invoked.  Resolves via paths.
 * If you check and the tool does not exist, it will throw.
 *
 * @param     tool              name of the tool
 * @param     check             whether to check if tool exists
 * @returns   Promise<string>   path to tool
 */
function which(tool, check) {
    return __awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // recursive when check=true
        if (check) {
            const result = yield which(tool, false);
            if (!result) {
                if (_io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .IS_WINDOWS */ .H8) {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also verify the file has a valid extension for an executable file.`);
                }
                else {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also check the file mode to verify the file is executable.`);
                }
            }
            return result;
        }
        const matches = yield findInPath(tool);
        if (matches && matches.length > 0) {
            return matches[0];
        }
        return '';
    });
}
/**
 * Returns a list of all occurrences of the given tool on the system path.
 *
 * @returns   Promise<string[]>  the paths of the tool
 */
function findInPath(tool) {
    return __awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // build the list of extensions to try
        const extensions = [];
        if (_io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .IS_WINDOWS */ .H8 && process.env['PATHEXT']) {
            for (const extension of process.env['PATHEXT'].split(path__WEBPACK_IMPORTED_MODULE_1__.delimiter)) {
                if (extension) {
                    extensions.push(extension);
                }
            }
        }
        // if it's rooted, return it if exists. otherwise return empty.
        if (_io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .isRooted */ .Qh(tool)) {
            const filePath = yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .tryGetExecutablePath */ .vr(tool, extensions);
            if (filePath) {
                return [filePath];
            }
            return [];
        }
        // if any path separators, return empty
        if (tool.includes(path__WEBPACK_IMPORTED_MODULE_1__.sep)) {
            return [];
        }
        // build the list of directories
        //
        // Note, technically "where" checks the current directory on Windows. From a toolkit perspective,
        // it feels like we should not do this. Checking the current directory seems like more of a use
        // case of a shell, and the which() function exposed by the toolkit should strive for consistency
        // across platforms.
        const directories = [];
        if (process.env.PATH) {
            for (const p of process.env.PATH.split(path__WEBPACK_IMPORTED_MODULE_1__.delimiter)) {
                if (p) {
                    directories.push(p);
                }
            }
        }
        // find all matches
        const matches = [];
        for (const directory of directories) {
            const filePath = yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .tryGetExecutablePath */ .vr(path__WEBPACK_IMPORTED_MODULE_1__.join(directory, tool), extensions);
            if (filePath) {
                matches.push(filePath);
            }
        }
        return matches;
    });
}
function readCopyOptions(options) {
    const force = options.force == null ? true : options.force;
    const recursive = Boolean(options.recursive);
    const copySourceDirectory = options.copySourceDirectory == null
        ? true
        : Boolean(options.copySourceDirectory);
    return { force, recursive, copySourceDirectory };
}
function cpDirRecursive(sourceDir, destDir, currentDepth, force) {
    return __awaiter(this, void 0, void 0, function* () {
        // Ensure there is not a run away recursive copy
        if (currentDepth >= 255)
            return;
        currentDepth++;
        yield mkdirP(destDir);
        const files = yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .readdir */ .Cy(sourceDir);
        for (const fileName of files) {
            const srcFile = `${sourceDir}/${fileName}`;
            const destFile = `${destDir}/${fileName}`;
            const srcFileStat = yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .lstat */ .$1(srcFile);
            if (srcFileStat.isDirectory()) {
                // Recurse
                yield cpDirRecursive(srcFile, destFile, currentDepth, force);
            }
            else {
                yield copyFile(srcFile, destFile, force);
            }
        }
        // Change the mode for the newly created directory
        yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .chmod */ .k6(destDir, (yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .stat */ .dJ(sourceDir)).mode);
    });
}
// Buffered file copy
function copyFile(srcFile, destFile, force) {
    return __awaiter(this, void 0, void 0, function* () {
        if ((yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .lstat */ .$1(srcFile)).isSymbolicLink()) {
            // unlink/re-link it
            try {
                yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .lstat */ .$1(destFile);
                yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .unlink */ .y1(destFile);
            }
            catch (e) {
                // Try to override file permission
                if (e.code === 'EPERM') {
                    yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .chmod */ .k6(destFile, '0666');
                    yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .unlink */ .y1(destFile);
                }
                // other errors = it doesn't exist, no work to do
            }
            // Copy over symlink
            const symlinkFull = yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .readlink */ .h_(srcFile);
            yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .symlink */ .YN(symlinkFull, destFile, _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .IS_WINDOWS */ .H8 ? 'junction' : null);
        }
        else if (!(yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .exists */ .t2(destFile)) || force) {
            yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .copyFile */ .m3(srcFile, destFile);
        }
    });
}
//# sourceMappingURL=io.js.map

/***/ })

};
