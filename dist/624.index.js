export const id = 624;
export const ids = [624];
export const modules = {

/***/ 5624:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cancelled: () => (/* binding */ Cancelled),
/* harmony export */   Task: () => (/* binding */ Task),
/* harmony export */   Tasks: () => (/* binding */ Tasks),
/* harmony export */   firstFailureFirst: () => (/* binding */ firstFailureFirst)
/* harmony export */ });
/* harmony import */ var _util_actions_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2455);
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
            promise = _util_actions_js__WEBPACK_IMPORTED_MODULE_0__/* .captureLog */ .$t(line => this.lines.push(line), () => work(this.controller.signal));
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
        _util_actions_js__WEBPACK_IMPORTED_MODULE_0__/* .printLines */ .tj(this.lines);
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


/***/ }),

/***/ 2455:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   $t: () => (/* binding */ captureLog),
/* harmony export */   C1: () => (/* binding */ setFailed),
/* harmony export */   LZ: () => (/* binding */ saveState),
/* harmony export */   Os: () => (/* binding */ group),
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   V4: () => (/* binding */ getInput),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   dN: () => (/* binding */ exportVariable),
/* harmony export */   fM: () => (/* binding */ addPath),
/* harmony export */   lm: () => (/* binding */ notice),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   tj: () => (/* binding */ printLines),
/* harmony export */   uH: () => (/* binding */ setOutput),
/* harmony export */   z: () => (/* binding */ summary)
/* harmony export */ });
/* unused harmony exports getState, isDebug, error */
/* harmony import */ var node_async_hooks__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6698);
/* harmony import */ var node_async_hooks__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_async_hooks__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _html_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9263);
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
/** Where the lines of background work go while it runs (see `captureLog`); elsewhere, stdout. */
const sinks = new node_async_hooks__WEBPACK_IMPORTED_MODULE_0__.AsyncLocalStorage();
function write(line) {
    const sink = sinks.getStore();
    if (sink)
        sink(line);
    else
        process.stdout.write(line);
}
/**
 * Runs `fn` with every line it logs, and every line of the work it starts, handed to `sink` instead of printed:
 * background work keeps its lines together, to be printed as one block where it is awaited, rather than in
 * whatever log group is open at the time.
 */
function captureLog(sink, fn) {
    return sinks.run(sink, fn);
}
/** Prints lines kept by a sink, as they were written. */
function printLines(lines) {
    for (const line of lines)
        process.stdout.write(line);
}
function issue(command, message = '', properties = {}) {
    const props = Object.entries(properties)
        .map(([key, value]) => `${key}=${escapeProperty(value)}`)
        .join(',');
    write(`::${command}${props ? ` ${props}` : ''}::${escapeData(message)}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}`);
}
/**
 * Whether the step has failed (setFailed set its exit code): from then on nothing more reaches the runner's
 * outputs, environment, PATH or summary, so that work still winding down (a cancelled download, say) cannot
 * announce a tool or an output after the failure. The state file stays open: it tells the post step what to remove.
 */
function failed() {
    return process.exitCode === 1;
}
/** `name<<delimiter` blocks, which no value can break out of: the delimiter is random and checked. */
function fileCommand(variable, key, value) {
    const file = process.env[variable];
    if (!file)
        return false;
    const delimiter = `ghadelimiter_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomUUID)()}`;
    if (key.includes(delimiter) || value.includes(delimiter)) {
        throw new Error(`Unexpected input: the name or value holds the delimiter ${delimiter}`);
    }
    (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.appendFileSync)(file, `${key}<<${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}${value}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}`, { encoding: 'utf8' });
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
        write(node_os__WEBPACK_IMPORTED_MODULE_3__.EOL);
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
        (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.appendFileSync)(file, `${dir}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}`, { encoding: 'utf8' });
    else
        issue('add-path', dir);
    process.env.PATH = `${dir}${(node_path__WEBPACK_IMPORTED_MODULE_4___default().delimiter)}${process.env.PATH ?? ''}`;
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
    write(`${message}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}`);
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
            .map(([key, value]) => ` ${key}="${(0,_html_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeHtml */ .ZD)(value)}"`)
            .join('');
        const inner = (0,_html_js__WEBPACK_IMPORTED_MODULE_5__/* .toHtml */ .Vw)(content);
        // An empty element without its end tag, as the toolkit writes it (HTML's optional end tags).
        return inner ? `<${tag}${attributes}>${inner}</${tag}>` : `<${tag}${attributes}>`;
    }
    /** Text (escaped) or markup of the action's own (`markup\`...\``). */
    addRaw(text, addEOL = false) {
        this.buffer += (0,_html_js__WEBPACK_IMPORTED_MODULE_5__/* .toHtml */ .Vw)(text);
        return addEOL ? this.addEOL() : this;
    }
    addEOL() {
        this.buffer += node_os__WEBPACK_IMPORTED_MODULE_3__.EOL;
        return this;
    }
    addHeading(text, level = 1) {
        const tag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(`h${level}`) ? `h${level}` : 'h1';
        return this.addRaw(_html_js__WEBPACK_IMPORTED_MODULE_5__/* .Html */ .Ed.trusted(this.wrap(tag, text))).addEOL();
    }
    addList(items, ordered = false) {
        const list = items.map(item => this.wrap('li', item)).join('');
        return this.addRaw(_html_js__WEBPACK_IMPORTED_MODULE_5__/* .Html */ .Ed.trusted(this.wrap(ordered ? 'ol' : 'ul', _html_js__WEBPACK_IMPORTED_MODULE_5__/* .Html */ .Ed.trusted(list)))).addEOL();
    }
    addTable(rows) {
        const body = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string' || cell instanceof _html_js__WEBPACK_IMPORTED_MODULE_5__/* .Html */ .Ed)
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
            return this.wrap('tr', _html_js__WEBPACK_IMPORTED_MODULE_5__/* .Html */ .Ed.trusted(cells));
        })
            .join('');
        return this.addRaw(_html_js__WEBPACK_IMPORTED_MODULE_5__/* .Html */ .Ed.trusted(this.wrap('table', _html_js__WEBPACK_IMPORTED_MODULE_5__/* .Html */ .Ed.trusted(body)))).addEOL();
    }
    addDetails(label, content) {
        return this.addRaw(_html_js__WEBPACK_IMPORTED_MODULE_5__/* .Html */ .Ed.trusted(this.wrap('details', _html_js__WEBPACK_IMPORTED_MODULE_5__/* .Html */ .Ed.trusted(this.wrap('summary', label) + (0,_html_js__WEBPACK_IMPORTED_MODULE_5__/* .toHtml */ .Vw)(content))))).addEOL();
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
            (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.accessSync)(file, node_fs__WEBPACK_IMPORTED_MODULE_2__.constants.R_OK | node_fs__WEBPACK_IMPORTED_MODULE_2__.constants.W_OK);
        }
        catch {
            throw new Error(`Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`);
        }
        if (options.overwrite)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.writeFileSync)(file, this.buffer, { encoding: 'utf8' });
        else
            (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.appendFileSync)(file, this.buffer, { encoding: 'utf8' });
        this.buffer = '';
        return this;
    }
    stringify() {
        return this.buffer;
    }
}
const summary = new Summary();


/***/ }),

/***/ 9263:
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


/***/ })

};
