export const id = 352;
export const ids = [352];
export const modules = {

/***/ 352:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   StateStore: () => (/* binding */ StateStore),
/* harmony export */   loadState: () => (/* binding */ loadState)
/* harmony export */ });
/* harmony import */ var _util_actions_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(578);

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
        _util_actions_js__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ(KEY, JSON.stringify(this.state));
    }
}
function loadState() {
    const raw = _util_actions_js__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(KEY);
    if (!raw)
        return undefined;
    return JSON.parse(raw);
}


/***/ }),

/***/ 578:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Yz: () => (/* binding */ debug),
  Gu: () => (/* binding */ getState),
  pq: () => (/* binding */ info),
  LZ: () => (/* binding */ saveState),
  C1: () => (/* binding */ setFailed),
  Pq: () => (/* binding */ setSecret),
  $e: () => (/* binding */ warning)
});

// UNUSED EXPORTS: addPath, captureLog, error, exportVariable, getInput, group, isDebug, notice, printLines, setOutput, summary

// EXTERNAL MODULE: external "node:async_hooks"
var external_node_async_hooks_ = __webpack_require__(698);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(598);
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
/** Where the lines of background work go while it runs (see `captureLog`); elsewhere, stdout. */
const sinks = new external_node_async_hooks_.AsyncLocalStorage();
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
/** `name<<delimiter` blocks, which no value can break out of: the delimiter is random and checked. */
function fileCommand(variable, key, value) {
    const file = process.env[variable];
    if (!file)
        return false;
    const delimiter = `ghadelimiter_${(0,external_node_crypto_.randomUUID)()}`;
    if (key.includes(delimiter) || value.includes(delimiter)) {
        throw new Error(`Unexpected input: the name or value holds the delimiter ${delimiter}`);
    }
    (0,external_node_fs_.appendFileSync)(file, `${key}<<${delimiter}${external_node_os_.EOL}${value}${external_node_os_.EOL}${delimiter}${external_node_os_.EOL}`, { encoding: 'utf8' });
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


/***/ })

};
