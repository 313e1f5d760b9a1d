export const id = 204;
export const ids = [204];
export const modules = {

/***/ 204:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  postStep: () => (/* binding */ postStep)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(24);
var external_node_fs_default = /*#__PURE__*/__webpack_require__.n(external_node_fs_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/util/actions.ts + 1 modules
var actions = __webpack_require__(578);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
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
        throw new UserError(`Cannot write a kubeconfig: the server "${spec.server}" is not a URL.`);
    }
    const token = spec.token.trim();
    if (!token)
        throw new UserError('Cannot write a kubeconfig without a token.');
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
            throw new UserError('Cannot write a kubeconfig: the CA is not a PEM certificate (-----BEGIN CERTIFICATE-----).');
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
async function writeKubeconfig(spec, parent = runnerTemp()) {
    core.setSecret(spec.token.trim());
    const text = renderKubeconfig(spec);
    // mkdtemp makes the directory 0700 with a name no other job can have picked. Synchronous calls: three small
    // ones on the step's path after the push, where each await of the thread pool cost more than the call itself.
    const dir = fs.mkdtempSync(path.join(parent, DIR_PREFIX));
    const file = path.join(dir, FILE_NAME);
    fs.writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
    fs.chmodSync(file, 0o600); // in case the umask had its way with the mode
    core.debug(`Wrote the kubeconfig ${file}`);
    return file;
}
/**
 * Deletes the kubeconfig and the directory made for it; a file already gone is fine. Synchronous calls, as the post
 * step does nothing else meanwhile: fs/promises costs the post step some 2 ms to load for one file and one
 * directory, ten times the work itself.
 */
async function removeKubeconfig(file) {
    external_node_fs_default().rmSync(file, { force: true });
    const dir = external_node_path_default().dirname(file);
    if (external_node_path_default().basename(dir).startsWith(DIR_PREFIX)) {
        try {
            external_node_fs_default().rmdirSync(dir);
        }
        catch (err) {
            actions/* debug */.Yz(`Left ${dir} in place: ${(0,errors/* messageOf */.bD)(err)}`);
        }
    }
}

;// CONCATENATED MODULE: ./src/post.ts



/**
 * Whether the saved session names anything for the engine to undo: a configuration directory of the job's own
 * (the credentials, for every engine) or names left on the engine by a stopped push. Docker through its Engine
 * API keeps no credentials on disk, so the common post step has neither, and then the engines' code (some 60 kB,
 * with fs/promises) is not loaded at all. Every engine's logout and removeLocalNames do nothing
 * without these two (`__tests__/post.test.ts` holds each engine to it).
 */
function engineHasWork(session) {
    return Boolean(session.configDir) || (session.localNames?.length ?? 0) > 0;
}
async function post(state) {
    const failures = [];
    if (state.engine && engineHasWork(state.engine)) {
        const session = state.engine;
        try {
            const { restoreEngine } = await __webpack_require__.e(/* import() */ 303).then(__webpack_require__.bind(__webpack_require__, 303));
            const engine = restoreEngine(session);
            // Names left by a main step that was stopped mid-push (cancelled, timed out); never throws.
            await engine.removeLocalNames();
            await engine.logout();
            if (session.configDir)
                actions/* info */.pq(`Removed the credentials for ${session.registryHost ?? 'the registry'}`);
        }
        catch (err) {
            failures.push(`${session.kind}: ${(0,errors/* messageOf */.bD)(err)}`);
        }
    }
    if (state.kubeconfig) {
        try {
            await removeKubeconfig(state.kubeconfig);
            actions/* info */.pq('Removed the kubeconfig');
        }
        catch (err) {
            failures.push(`the kubeconfig: ${(0,errors/* messageOf */.bD)(err)}`);
        }
    }
    if (failures.length > 0)
        actions/* warning */.$e(`The clean-up was incomplete: ${failures.join('; ')}`);
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
        core.saveState(KEY, JSON.stringify(this.state));
    }
}
function loadState() {
    const raw = actions/* getState */.Gu(KEY);
    if (!raw)
        return undefined;
    return JSON.parse(raw);
}

// EXTERNAL MODULE: ./src/util/exec.ts
var exec = __webpack_require__(895);
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
            actions/* debug */.Yz(err instanceof Error && err.stack ? err.stack : String(err));
        actions/* setFailed */.C1((0,errors/* messageOf */.bD)(err));
    }
}

;// CONCATENATED MODULE: ./src/run/post-step.ts
// The post step as its entry runs it, in one chunk: loading the step's pieces as separate dynamic imports made
// ncc write one chunk each, every one with its own copy of the modules they share (three files read, compiled
// and instantiated where one does). It does nothing when the main step never started (it failed before saving
// its state).



async function postStep() {
    const state = loadState();
    if (state?.mainStarted)
        await runStep(() => post(state));
}


/***/ }),

/***/ 578:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Yz: () => (/* binding */ debug),
  Gu: () => (/* binding */ getState),
  pq: () => (/* binding */ info),
  t1: () => (/* binding */ runnerLog),
  C1: () => (/* binding */ setFailed),
  Pq: () => (/* binding */ setSecret),
  $e: () => (/* binding */ warning)
});

// UNUSED EXPORTS: addPath, captureLog, error, exportVariable, getInput, group, isDebug, notice, printLines, relayLog, saveState, setOutput, summary

// EXTERNAL MODULE: external "node:async_hooks"
var external_node_async_hooks_ = __webpack_require__(698);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(24);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(760);
;// CONCATENATED MODULE: ./src/util/html.ts
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

;// CONCATENATED MODULE: ./src/util/actions.ts
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
                    done += (0,external_node_fs_.writeSync)(1, bytes, done);
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
const sinks = new external_node_async_hooks_.AsyncLocalStorage();
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
    write(`::${command}${props ? ` ${props}` : ''}::${escapeData(message)}${external_node_os_.EOL}`);
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
    appendFileSync(file, `${key}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, { encoding: 'utf8' });
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
        write(EOL);
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
        appendFileSync(file, `${dir}${EOL}`, { encoding: 'utf8' });
    else
        issue('add-path', dir);
    process.env.PATH = `${dir}${path.delimiter}${process.env.PATH ?? ''}`;
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
    write(`${message}${external_node_os_.EOL}`);
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
            .map(([key, value]) => ` ${key}="${escapeHtml(value)}"`)
            .join('');
        const inner = toHtml(content);
        // An empty element without its end tag, as the toolkit writes it (HTML's optional end tags).
        return inner ? `<${tag}${attributes}>${inner}</${tag}>` : `<${tag}${attributes}>`;
    }
    /** Text (escaped) or markup of the action's own (`markup\`...\``). */
    addRaw(text, addEOL = false) {
        this.buffer += toHtml(text);
        return addEOL ? this.addEOL() : this;
    }
    addEOL() {
        this.buffer += external_node_os_.EOL;
        return this;
    }
    addHeading(text, level = 1) {
        const tag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(`h${level}`) ? `h${level}` : 'h1';
        return this.addRaw(Html.trusted(this.wrap(tag, text))).addEOL();
    }
    addList(items, ordered = false) {
        const list = items.map(item => this.wrap('li', item)).join('');
        return this.addRaw(Html.trusted(this.wrap(ordered ? 'ol' : 'ul', Html.trusted(list)))).addEOL();
    }
    addTable(rows) {
        const body = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string' || cell instanceof Html)
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
            return this.wrap('tr', Html.trusted(cells));
        })
            .join('');
        return this.addRaw(Html.trusted(this.wrap('table', Html.trusted(body)))).addEOL();
    }
    addDetails(label, content) {
        return this.addRaw(Html.trusted(this.wrap('details', Html.trusted(this.wrap('summary', label) + toHtml(content))))).addEOL();
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
            (0,external_node_fs_.accessSync)(file, external_node_fs_.constants.R_OK | external_node_fs_.constants.W_OK);
        }
        catch {
            throw new Error(`Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`);
        }
        if (options.overwrite)
            (0,external_node_fs_.writeFileSync)(file, this.buffer, { encoding: 'utf8' });
        else
            (0,external_node_fs_.appendFileSync)(file, this.buffer, { encoding: 'utf8' });
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
/* harmony export */   bD: () => (/* binding */ messageOf),
/* harmony export */   fM: () => (/* binding */ lastLine),
/* harmony export */   yo: () => (/* binding */ UserError)
/* harmony export */ });
/* unused harmony export retryAfterMs */
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
/* harmony export */   _9: () => (/* binding */ stopWithRun),
/* harmony export */   cI: () => (/* binding */ ExecError),
/* harmony export */   eF: () => (/* binding */ run),
/* harmony export */   nf: () => (/* binding */ runOrThrow),
/* harmony export */   r1: () => (/* binding */ wasCancelled)
/* harmony export */ });
/* unused harmony exports listenForCancel, stopAfter, findOnPath */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _actions_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(578);
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
    core.setFailed(`${reason}; stopped ${running} running program(s).${advice ? ` ${advice}` : ''}`);
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
    return (process.env.PATH ?? '').split(path.delimiter).some(dir => {
        if (!dir)
            return false;
        try {
            accessSync(path.join(dir, tool), constants.X_OK);
            return true;
        }
        catch {
            return false;
        }
    });
}


/***/ }),

/***/ 621:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ jobDirectory)
/* harmony export */ });
/* unused harmony export runnerTemp */
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


/***/ })

};
