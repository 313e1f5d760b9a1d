export const id = 995;
export const ids = [995];
export const modules = {

/***/ 995:
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
// EXTERNAL MODULE: ./node_modules/@actions/tool-cache/lib/tool-cache.js + 2 modules
var tool_cache = __webpack_require__(9805);
// EXTERNAL MODULE: ./src/util/actions.ts
var actions = __webpack_require__(2455);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/util/exec.ts
var exec = __webpack_require__(7895);
// EXTERNAL MODULE: ./src/util/job-dir.ts
var job_dir = __webpack_require__(2621);
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
    return (loading ??= __webpack_require__.e(/* import() */ 691).then(__webpack_require__.bind(__webpack_require__, 1691)));
}
/** Bump when what is stored under a key changes shape, so old entries are not restored. */
const SCHEMA = 'v1';
function actionsCacheKey(version, os, arch) {
    return `rahti-push-oc-${SCHEMA}-${version}-${os}-${arch}`;
}
/** The cache client, or undefined when the runner offers no cache service. */
async function available() {
    // The runner names the service in these variables; without them there is nothing to load.
    if (!process.env.ACTIONS_CACHE_URL && !process.env.ACTIONS_RESULTS_URL)
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
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
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
/** Streams url into dest and hashes it on the way, so verifying costs no second read of the file. */
async function downloadFile(url, dest, signal) {
    return retried(`Downloading ${url}`, async () => {
        await (0,promises_.rm)(dest, { force: true });
        const { body, headers, url: finalUrl } = await openUrl(url, signal);
        const expected = Number(headers['content-length'] ?? NaN);
        const hash = (0,external_node_crypto_.createHash)('sha256');
        let bytes = 0;
        try {
            await (0,external_node_stream_promises_.pipeline)(body, async function* (source) {
                for await (const chunk of source) {
                    hash.update(chunk);
                    bytes += chunk.length;
                    yield chunk;
                }
            }, (0,external_node_fs_.createWriteStream)(dest));
            // A connection cut mid-body can end the stream without an error.
            if (Number.isFinite(expected) && bytes !== expected) {
                throw new errors/* NetworkError */.Dr(`The transfer of ${finalUrl} stopped after ${bytes} of ${expected} bytes.`, 'ETRUNCATED', new URL(finalUrl));
            }
        }
        catch (err) {
            await (0,promises_.rm)(dest, { force: true });
            throw err;
        }
        return { sha256: hash.digest('hex'), bytes, url: finalUrl };
    }, signal);
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

;// CONCATENATED MODULE: ./src/oc/install.ts
// Puts an oc client on PATH for the workflow's later steps. The order is: reuse the oc on PATH (only
// when no version was asked for), else resolve the request to an exact version, then look in the
// runner's tool cache, then the Actions cache, then download from the mirror. A download is trusted
// only after its SHA-256 matches the mirror's sha256sum.txt; nothing is extracted, run or cached
// before that.














const TOOL = 'oc';
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
    requireToolCache(); // tool-cache would only assert
    const dir = tool_cache/* find */.I6(TOOL, version, platform.arch);
    if (!dir)
        return undefined;
    const ocPath = external_node_path_default().join(dir, archive.executable);
    try {
        const reported = await probeOc(ocPath);
        return { path: ocPath, version: reported ?? version, source: 'tool-cache', downloadedBytes: 0 };
    }
    catch (err) {
        // A damaged entry is replaced: cacheDir below empties the directory first.
        actions/* warning */.$e(`The oc ${version} in the tool cache does not work (${(0,errors/* messageOf */.bD)(err)}); installing it again.`);
        return undefined;
    }
}
async function fromActionsCacheOrMirror(version, mirror, platform, archive, signal) {
    // The Actions cache matches entries by their paths too, so this directory must be the same in every
    // job: it is derived from RUNNER_TEMP, which is fixed on hosted runners, and not random.
    const staging = external_node_path_default().join((0,job_dir/* runnerTemp */.X)(), 'rahti-push-oc', `${version}-${platform.os}-${platform.arch}`);
    const key = actionsCacheKey(version, platform.os, platform.arch);
    const stagedOc = external_node_path_default().join(staging, archive.executable);
    await (0,promises_.rm)(staging, { recursive: true, force: true });
    await (0,promises_.mkdir)(staging, { recursive: true });
    try {
        if ((await restoreFromActionsCache(staging, key)) && (0,external_node_fs_.existsSync)(stagedOc)) {
            try {
                const reported = await probeOc(stagedOc);
                const dir = await tool_cache/* cacheDir */.e8(staging, TOOL, version, platform.arch);
                const ocPath = external_node_path_default().join(dir, archive.executable);
                return { path: ocPath, version: reported ?? version, source: 'actions-cache', downloadedBytes: 0 };
            }
            catch (err) {
                actions/* warning */.$e(`The oc restored from the Actions cache does not work (${(0,errors/* messageOf */.bD)(err)}); downloading it.`);
                await (0,promises_.rm)(staging, { recursive: true, force: true });
                await (0,promises_.mkdir)(staging, { recursive: true });
            }
        }
        const bytes = await downloadVerified(version, mirror, archive, staging, signal);
        let reported;
        try {
            reported = await probeOc(stagedOc);
        }
        catch (err) {
            throw new errors/* UserError */.yo(`The downloaded oc ${version} does not run on this ${platform.os}/${platform.arch} runner ` +
                `(${(0,errors/* messageOf */.bD)(err)}); it was not installed.`);
        }
        if (reported && reported !== version) {
            actions/* warning */.$e(`The mirror's oc ${version} reports itself as ${reported}.`);
        }
        const dir = await tool_cache/* cacheDir */.e8(staging, TOOL, version, platform.arch);
        await saveToActionsCache(staging, key);
        return {
            path: external_node_path_default().join(dir, archive.executable),
            version: reported ?? version,
            source: 'download',
            downloadedBytes: bytes
        };
    }
    finally {
        await (0,promises_.rm)(staging, { recursive: true, force: true });
    }
}
/** Downloads the client archive, checks its SHA-256, and leaves only the oc executable in dest. */
async function downloadVerified(version, mirror, archive, dest, signal) {
    const { url: sumsUrl, sums } = await fetchSha256Sums(mirror, version, signal);
    const file = archive.versioned(version);
    const expected = sums.get(file);
    if (!expected) {
        throw new errors/* UserError */.yo(`The mirror has no ${file}: ${sumsUrl} does not list it, so oc ${version} is not published for ` +
            'this runner. Set oc-version to another version.');
    }
    const url = mirrorUrl(mirror, version, file);
    const work = await (0,job_dir/* jobDirectory */.$)('rahti-push-oc-download-');
    try {
        const archivePath = external_node_path_default().join(work, file);
        actions/* info */.pq(`Downloading ${url}`);
        const started = Date.now();
        let got;
        try {
            got = await downloadFile(url, archivePath, signal);
        }
        catch (err) {
            signal?.throwIfAborted();
            if (missingOnMirror(err)) {
                throw new errors/* UserError */.yo(`${url} answered HTTP ${err.status} although ${sumsUrl} lists it. ` +
                    'The mirror may be mid-update: retry the job, or set oc-version to another version.');
            }
            throw fetchError(err, url);
        }
        if (got.sha256 !== expected) {
            throw new errors/* UserError */.yo(`The SHA-256 of ${url} is ${got.sha256}, but ${sumsUrl} lists ${expected}; the download was ` +
                'discarded and nothing was installed. Retry the job; if it happens again, set oc-version to ' +
                'another version or oc-mirror to another mirror.');
        }
        actions/* info */.pq(`Downloaded ${megabytes(got.bytes)} in ${seconds(Date.now() - started)}; its SHA-256 matches ${sumsUrl}.`);
        await extractOc(archivePath, archive, dest, work);
        return got.bytes;
    }
    finally {
        await (0,promises_.rm)(work, { recursive: true, force: true });
    }
}
/** Takes only oc out of the archive: kubectl (as large again) and README.md are not needed. */
async function extractOc(archivePath, archive, dest, work) {
    const target = external_node_path_default().join(dest, archive.executable);
    if (archive.kind === 'zip') {
        const unzipped = await tool_cache/* extractZip */.JE(archivePath, external_node_path_default().join(work, 'unzipped'));
        const member = external_node_path_default().join(unzipped, archive.executable);
        if (!(0,external_node_fs_.existsSync)(member))
            throw new errors/* UserError */.yo(`${external_node_path_default().basename(archivePath)} holds no ${archive.executable}.`);
        await (0,promises_.copyFile)(member, target);
        return;
    }
    let lastError;
    // Archives list the member as `oc`; `./oc` is accepted in case one is ever packed from `.`.
    for (const member of [archive.executable, `./${archive.executable}`]) {
        try {
            await (0,exec/* runOrThrow */.nf)('tar', ['-xzf', archivePath, '-C', dest, member]);
            lastError = undefined;
            break;
        }
        catch (err) {
            lastError = err;
        }
    }
    if (lastError || !(0,external_node_fs_.existsSync)(target)) {
        const why = lastError instanceof exec/* ExecError */.cI ? `: ${(0,errors/* lastLine */.fM)(lastError.message)}` : '';
        throw new errors/* UserError */.yo(`Could not take ${archive.executable} out of ${external_node_path_default().basename(archivePath)}${why}.`);
    }
    await (0,promises_.chmod)(target, 0o755);
}
function requireToolCache() {
    if (!process.env.RUNNER_TOOL_CACHE) {
        throw new errors/* UserError */.yo('RUNNER_TOOL_CACHE is not set; oc can only be installed on a GitHub Actions runner.');
    }
}
function megabytes(bytes) {
    return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
function seconds(ms) {
    return `${(ms / 1000).toFixed(1)} s`;
}


/***/ })

};
