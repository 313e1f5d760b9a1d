export const id = 704;
export const ids = [704];
export const modules = {

/***/ 5704:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  installAside: () => (/* binding */ installAside)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:async_hooks"
var external_node_async_hooks_ = __webpack_require__(6698);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
var external_node_fs_default = /*#__PURE__*/__webpack_require__.n(external_node_fs_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
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

;// CONCATENATED MODULE: ./src/util/errors.ts
class errors_UserError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UserError';
    }
}
/** The server answered with an error status: the one type for the API, the registry and the oc mirror. */
class HttpStatusError extends errors_UserError {
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
class NetworkError extends errors_UserError {
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

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./node_modules/@actions/io/lib/io.js
var io = __webpack_require__(8701);
;// CONCATENATED MODULE: ./src/util/job-dir.ts
// Where this job may keep files: the runner's temp directory, which the runner empties after the job.
// Outside a runner (a local try), the system's temp directory stands in.



function runnerTemp() {
    return process.env.RUNNER_TEMP || external_node_os_default().tmpdir();
}
/** A new directory of this job's own (mode 0700, a name no other job can have picked). */
function jobDirectory(prefix) {
    // fs.promises on use, not node:fs/promises on import: the post step imports this module (for runnerTemp) and
    // would load fs/promises for nothing, some 2 ms.
    return external_node_fs_default().promises.mkdtemp(external_node_path_default().join(runnerTemp(), prefix));
}

;// CONCATENATED MODULE: ./src/util/tar.ts
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
        debug('The Actions cache service is not available; skipping it');
        return false;
    }
    try {
        const hit = await cache.restoreCache([dir], key);
        debug(hit ? `Actions cache hit for ${key}` : `Actions cache miss for ${key}`);
        return hit === key;
    }
    catch (err) {
        warning(`Could not restore oc from the Actions cache (${messageOf(err)}); downloading it instead.`);
        return false;
    }
}
async function saveToActionsCache(dir, key) {
    const cache = await available();
    if (!cache)
        return;
    try {
        await cache.saveCache([dir], key);
        debug(`Saved ${dir} to the Actions cache as ${key}`);
    }
    catch (err) {
        // Another job of the same workflow may have saved the same key a moment earlier.
        if (err instanceof cache.ReserveCacheError) {
            info(`oc is already being saved to the Actions cache: ${err.message}`);
            return;
        }
        warning(`Could not save oc to the Actions cache (${messageOf(err)}); later jobs will download it.`);
    }
}

;// CONCATENATED MODULE: ./src/util/exec.ts




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
        throw new UserError(`${stopped}; ${what} was not started.`);
    inFlight.add(abort);
    return () => inFlight.delete(abort);
}
/** Runs a program and returns what it printed, whatever its exit code. */
async function run(tool, args, opts = {}) {
    debug(`exec: ${[tool, ...args].join(' ')}`);
    if (stopped)
        throw new errors_UserError(`${stopped}; ${tool} was not started.`);
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
                runnerLog.write(chunk);
        });
        child.stderr.on('data', (chunk) => {
            stderr.push(chunk);
            if (opts.echo)
                process.stderr.write(chunk);
        });
        child.once('error', (err) => {
            children.delete(child);
            if (err.code === 'ENOENT') {
                reject(new errors_UserError(`${tool} is not installed on this runner (not found on PATH). Install it in an earlier step, or use a runner that has it.`));
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
        result = await run(ocPath, ['version', '--client']);
    }
    catch (err) {
        throw new errors_UserError(`${ocPath} could not be started: ${messageOf(err)}`);
    }
    if (result.exitCode !== 0) {
        const said = (result.stderr.trim() || result.stdout.trim()).split('\n')[0];
        throw new errors_UserError(`\`${ocPath} version --client\` exited with code ${result.exitCode}${said ? `: ${said}` : ''}`);
    }
    return parseClientVersion(result.stdout);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
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
    if (wasCancelled())
        return new errors_UserError(`The run was stopped; ${req.method} ${req.url.pathname} was not sent.`);
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
        return new NetworkError(`The host of ${where} could not be resolved (${code}).`, code, url);
    }
    if (code === 'ECONNREFUSED')
        return new NetworkError(`${where} refused the connection.`, code, url);
    if (code === 'ETIMEDOUT') {
        return new NetworkError(`${where} did not answer within ${Math.round(timeoutMs / 1000)} s.`, code, url);
    }
    if (code === 'HPE_INVALID_CONSTANT' ||
        code === 'HPE_INVALID_STATUS' ||
        code === 'HPE_INVALID_HEADER_TOKEN') {
        // The bytes that came back are not HTTP: most often http:// given for a port that speaks TLS.
        return new NetworkError(`${where} did not answer in HTTP${url.protocol === 'http:' ? ': it probably speaks TLS, so use https://' : ''} (${code}).`, code, url);
    }
    if (isCertificateCode(code)) {
        return new NetworkError(`The TLS certificate of ${where} is not trusted (${code}). Give the cluster's CA in 'certificate-authority', or set 'insecure-skip-tls-verify: true' for a test cluster.`, code, url);
    }
    if (code === 'EPROTO' && /wrong version number|packet length too long/i.test(err.message)) {
        return new NetworkError(`${where} does not speak TLS on that port: use http:// for it, or the port that serves HTTPS (${code}).`, code, url);
    }
    return new NetworkError(`The connection to ${where} failed: ${err.message} (${code}).`, code, url);
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
    return new NetworkError(`The proxy ${where} could not be used for ${url.origin}: ${why}.`, 'EPROXY', url);
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
    return new NetworkError(`${url.protocol}//${url.host} speaks TLS on that port: use ${https.origin}.`, 'EHTTPTOTLS', url);
}

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
    if (err instanceof HttpStatusError)
        return { retry: TRANSIENT_STATUSES.has(err.status), afterMs: err.retryAfterMs };
    return { retry: err instanceof NetworkError && TRANSIENT_CODES.has(err.code) };
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
            info(`${what} failed (${messageOf(err)}); try ${attempt + 1} of ${policy.attempts} in ${wait} ms`);
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
    transport ??= new HttpTransport({ insecureSkipTlsVerify: false });
    return transport;
}
/** 403 counts as missing too: the mirror sits on S3, which answers 403 for a key that does not exist. */
function missingOnMirror(err) {
    return err instanceof HttpStatusError && [403, 404, 410].includes(err.status);
}
/** Tries again what the API and registry would (util/retry.ts), and never once the work is cancelled. */
function retried(what, fn, signal) {
    return withRetry(what, () => {
        signal?.throwIfAborted();
        return fn();
    }, err => (signal?.aborted ? { retry: false } : classifyHttpFailure(err)), MIRROR_RETRY, ms => (0,external_node_timers_promises_.setTimeout)(ms, undefined, { signal }));
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
            throw new HttpStatusError(`${current} answered HTTP ${answer.status}`, answer.status, `GET ${current}`, undefined, retryAfterMs(answer.headers));
        const location = answer.headers.location;
        if (!location)
            throw new errors_UserError(`${current} answered HTTP ${answer.status} without a Location header`);
        const next = new URL(location, current);
        if (new URL(current).protocol === 'https:' && next.protocol !== 'https:') {
            throw new errors_UserError(`${current} redirects to ${next.href}, which drops https; refusing to follow it`);
        }
        debug(`${current} redirects to ${next.href}`);
        current = next.href;
    }
    throw new errors_UserError(`${url} redirects more than ${MAX_REDIRECTS} times`);
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
                throw new errors_UserError(`${url} is larger than ${maxBytes} bytes, which is not a mirror text file`);
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
                throw new NetworkError(`The transfer of ${finalUrl} stopped after ${bytes} of ${expected} bytes.`, 'ETRUNCATED', new URL(finalUrl));
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

;// CONCATENATED MODULE: ./src/oc/inputs.ts
// The two oc inputs, checked without touching the network so that a typo fails the step before
// anything is downloaded. The action's inputs.ts calls these.

const DEFAULT_OC_MIRROR = 'https://mirror.openshift.com/pub/openshift-v4/clients/ocp';
/** An exact OpenShift release: 4.16.3, or a pre-release such as 4.17.0-rc.3 or 4.18.0-ec.2. */
const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)?$/;
// The channel directories the client mirror keeps, bare or per minor (stable, stable-4.16, ...).
const CHANNEL = /^(?:stable|fast|candidate|latest)(?:-\d+\.\d+)?$|^eus-\d+\.\d+$/;
const MINOR = /^\d+\.\d+$/;
const ACCEPTED = (/* unused pure expression or super */ null && ('use an exact version such as 4.16.3, a minor such as 4.16 (its stable channel), a channel such as ' +
    'stable, latest, fast, candidate or stable-4.16, "none" to skip installing oc, or leave it empty to ' +
    'reuse an oc already on PATH (else install the stable one)'));
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
    throw new UserError(`Input 'oc-version': "${value}" is not understood: ${ACCEPTED}.`);
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
        throw new UserError(`Input 'oc-mirror': "${value}" is not a URL: ${hint}.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new UserError(`Input 'oc-mirror': must be an http or https URL, not ${url.protocol} ${hint}.`);
    }
    // Credentials would end up in logged URLs and error messages.
    if (url.username || url.password) {
        throw new UserError("Input 'oc-mirror': must not carry a user name or password in the URL.");
    }
    if (url.search || url.hash) {
        throw new UserError(`Input 'oc-mirror': must not have a query or fragment: ${hint}.`);
    }
    // File URLs are built as `${mirror}/${dir}/${file}`, so any trailing slashes go.
    return url.href.replace(/\/+$/, '');
}

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
    return m && EXACT_VERSION.test(m[1]) ? m[1] : undefined;
}
/**
 * The version a channel's sha256sum.txt is about, read from its versioned client file names
 * (openshift-client-linux-4.16.3.tar.gz). Undefined unless they all agree.
 */
function versionFromSha256Sums(sums) {
    const versions = new Set();
    for (const name of sums.keys()) {
        const m = /^openshift-client-.*?-(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+?)?)\.(?:tar\.gz|zip)$/.exec(name);
        if (m && EXACT_VERSION.test(m[1]))
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
        debug(`${releaseUrl} has no Name line; trying ${sumsUrl}`);
    }
    catch (err) {
        signal?.throwIfAborted();
        if (!missingOnMirror(err))
            throw fetchError(err, releaseUrl);
        missing = err;
        debug(`${releaseUrl} answered ${err.status}; trying ${sumsUrl}`);
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
            throw new errors_UserError(`The oc channel "${channel}" is not on the mirror (${releaseUrl} answered HTTP ${missing.status}). ` +
                'Set oc-version to a channel the mirror has, such as stable or stable-4.16, or to an exact version.');
        }
    }
    throw new errors_UserError(`Could not tell which oc version the channel "${channel}" points at: neither ${releaseUrl} nor ` +
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
            throw new errors_UserError(`oc ${version} is not on the mirror (${url} answered HTTP ${err.status}). Set oc-version to a ` +
                'released version (see the version directories of the oc-mirror) or to a channel such as stable-4.16.');
        }
        throw fetchError(err, url);
    }
}
/** Turns a transport failure into one sentence that names the URL and what to check. */
function fetchError(err, url) {
    const why = err instanceof HttpStatusError ? `it answered HTTP ${err.status}` : messageOf(err).replace(/\.$/, '');
    return new errors_UserError(`Could not fetch ${url}: ${why}. Check that the runner can reach the mirror (input oc-mirror), or retry the job.`);
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
        throw new errors_UserError(`The OpenShift mirror has no oc client for ${os} on ${arch} (it has ${SUPPORTED}). ` +
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
        throw new errors_UserError('RUNNER_TOOL_CACHE is not set; oc can only be installed on a GitHub Actions runner.');
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
        this.tar = new TarMember(names, bytes => {
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
// Finds or installs an oc client for the workflow's later steps; the caller puts it on PATH (oc/aside.ts, in the
// parent of the process this runs in, so that a stopped or failed run puts nothing there). The order is: reuse
// the oc on PATH (only when no version was asked for), else resolve the request to an exact version, then look in
// the runner's tool cache, then the Actions cache, then download from the mirror. A download is trusted
// only after the SHA-256 of the whole archive matches the mirror's sha256sum.txt: oc is unpacked from a
// tarball as it arrives, but into the job's private directory and with mode 0600, and nothing is made
// executable, run, cached or moved to the tool cache before the checksum matched.















const TOOL = 'oc';
/** The way out when the mirror's archive itself is unusable: its checksum matched, so another try gets the same. */
const ANOTHER_VERSION = 'Set oc-version to another version.';
/**
 * Installs what was asked for ('none' is settled by the caller, before this module is loaded). PATH is left
 * alone: the caller adds the directory (unless the oc came from PATH already) once it has the outcome.
 */
async function installOc(request, mirror, platform = { os: process.platform, arch: process.arch }, signal) {
    const started = Date.now();
    if (request.kind === 'default') {
        const onPath = await fromPath();
        if (onPath)
            return onPath;
        info('There is no oc on PATH; installing the one in the stable channel.');
        request = { kind: 'channel', channel: 'stable' };
    }
    signal?.throwIfAborted();
    // Refuse an unsupported runner before any network traffic.
    const archive = clientArchive(platform.os, platform.arch);
    let version;
    if (request.kind === 'channel') {
        version = await resolveChannel(mirror, request.channel, signal);
        info(`The oc channel ${request.channel} is at ${version}.`);
    }
    else {
        version = request.version;
    }
    signal?.throwIfAborted();
    const found = (await fromToolCache(version, platform, archive)) ??
        (await fromActionsCacheOrMirror(version, mirror, platform, archive, signal));
    // A run cancelled meanwhile (it failed) announces no oc.
    signal?.throwIfAborted();
    const how = {
        'tool-cache': 'found in the runner tool cache',
        'actions-cache': 'restored from the Actions cache',
        download: `downloaded (${megabytes(found.downloadedBytes)}) and verified`,
        path: 'found on PATH'
    }[found.source];
    info(`oc ${found.version} ${how} in ${seconds(Date.now() - started)}: ${found.path}`);
    return found;
}
/** The oc the runner image already has (ubuntu-22.04 ships one), if it runs. */
async function fromPath() {
    const ocPath = await io/* which */.K7(TOOL, false);
    if (!ocPath)
        return undefined;
    try {
        const version = (await probeOc(ocPath)) ?? 'unknown';
        info(`Using oc ${version} already on PATH: ${ocPath}`);
        return { path: ocPath, version, source: 'path', downloadedBytes: 0 };
    }
    catch (err) {
        warning(`The oc on PATH does not work (${messageOf(err)}); installing the stable one instead.`);
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
        warning(`The oc ${version} in the tool cache does not work (${messageOf(err)}); installing it again.`);
        return undefined;
    }
}
async function fromActionsCacheOrMirror(version, mirror, platform, archive, signal) {
    // The Actions cache matches entries by their paths too, so this directory must be the same in every
    // job: it is derived from RUNNER_TEMP, which is fixed on hosted runners, and not random. Without a cache
    // service there is nothing to restore into it or save from it, and it is not made.
    const staging = actionsCacheConfigured()
        ? external_node_path_default().join(runnerTemp(), 'rahti-push-oc', `${version}-${platform.os}-${platform.arch}`)
        : undefined;
    const key = actionsCacheKey(version, platform.os, platform.arch);
    const cache = (file) => moveIntoToolCache(file, archive.executable, TOOL, version, platform.arch);
    if (!staging)
        debug('The Actions cache service is not available; skipping it');
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
                    warning(`The oc restored from the Actions cache does not work (${messageOf(err)}); downloading it.`);
                    await (0,promises_.rm)(staging, { recursive: true, force: true });
                    await (0,promises_.mkdir)(staging, { recursive: true });
                }
            }
        }
        const work = await jobDirectory('rahti-push-oc-download-');
        try {
            const { file, bytes } = await downloadVerified(version, mirror, archive, work, signal);
            let reported;
            try {
                reported = await probeOc(file);
            }
            catch (err) {
                throw new errors_UserError(`The downloaded oc ${version} does not run on this ${platform.os}/${platform.arch} runner ` +
                    `(${messageOf(err)}); it was not installed.`);
            }
            if (reported && reported !== version) {
                warning(`The mirror's oc ${version} reports itself as ${reported}.`);
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
    info(`Downloading ${url}`);
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
            throw new errors_UserError(`The mirror has no ${name}: ${sumsUrl} does not list it, so oc ${version} is not published for ` +
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
            throw new errors_UserError(`${url} answered HTTP ${err.status} although ${sumsUrl} lists it. ` +
                'The mirror may be mid-update: retry the job, or set oc-version to another version.');
        }
        throw fetchError(err, url);
    }
    const { got, unpacked } = result;
    if (got.sha256 !== expected) {
        throw new errors_UserError(`The SHA-256 of ${url} is ${got.sha256}, but ${sumsUrl} lists ${expected}; the download was ` +
            'discarded and nothing was installed. Retry the job; if it happens again, set oc-version to ' +
            'another version or oc-mirror to another mirror.');
    }
    info(`Downloaded ${megabytes(got.bytes)} in ${seconds(Date.now() - started)}; its SHA-256 matches ${sumsUrl}.`);
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
        const why = err instanceof TarError
            ? err.message
            : err.code?.startsWith('Z_')
                ? `it is not a whole gzip file (${err.message})`
                : messageOf(err);
        throw new errors_UserError(`Could not take ${archive.executable} out of ${name}: ${why}; nothing was installed. ${ANOTHER_VERSION}`);
    }
    if (!unpacked.found) {
        throw new errors_UserError(`${name} holds no ${archive.executable}; nothing was installed. ${ANOTHER_VERSION}`);
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
        throw new errors_UserError(`${external_node_path_default().basename(archivePath)} holds no ${archive.executable}; nothing was installed. ${ANOTHER_VERSION}`);
    return member;
}
function megabytes(bytes) {
    return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
function seconds(ms) {
    return `${(ms / 1000).toFixed(1)} s`;
}

;// CONCATENATED MODULE: ./src/oc/aside-child.ts
// The oc install's own process (see oc/aside.ts, which starts it): takes its job from the IPC channel, installs
// with the installer as it runs anywhere (oc/install.ts; it does not touch PATH: the parent does, once it has the
// outcome), writes its log lines to stdout for the parent to put in its log, and sends the outcome back. SIGTERM
// (the parent's stop), SIGINT (a cancelled job's, to the whole process group) and the parent's going (the channel
// closed) abort the install, which removes its download directory on the way out.




/** How long a child whose parent went may take to clean up before it leaves anyway. */
const ORPHAN_GRACE_MS = 5000;
/** Runs the one job the parent sends; `priorityProblem` says why the priority could not be lowered, if so. */
async function installAside(priorityProblem) {
    const send = process.send?.bind(process);
    if (!send) {
        process.stderr.write('This is the oc install of rahti-push, which the action starts itself.\n');
        process.exitCode = 1;
        return;
    }
    const stopped = new AbortController();
    const stop = (why) => {
        if (!stopped.signal.aborted)
            stopped.abort(new errors_UserError(`The oc install was stopped (${why}).`));
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
    process.once('disconnect', () => {
        stop('the step ended');
        setTimeout(() => process.exit(1), ORPHAN_GRACE_MS).unref();
    });
    const job = await new Promise(resolve => {
        process.once('message', (message) => resolve(message));
        stopped.signal.addEventListener('abort', () => resolve(undefined));
    });
    if (!job)
        return process.exit(1);
    debug(priorityProblem
        ? `oc installs in process ${process.pid}; its priority could not be lowered (${priorityProblem})`
        : `oc installs in process ${process.pid} at priority ${external_node_os_default().getPriority()}`);
    let outcome;
    try {
        outcome = { installed: await installOc(job.request, job.mirror, undefined, stopped.signal) };
    }
    catch (err) {
        outcome = {
            failed: {
                message: messageOf(err),
                userError: err instanceof errors_UserError,
                stack: err instanceof Error ? err.stack : undefined
            }
        };
    }
    // Exits once the outcome is written to the channel: nothing the install used (a kept-alive connection) holds it.
    if (!process.connected)
        return process.exit(0);
    send(outcome, undefined, {}, () => process.exit(0));
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
