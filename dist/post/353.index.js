export const id = 353;
export const ids = [353];
export const modules = {

/***/ 4353:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runStep: () => (/* binding */ runStep)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(17);
/* harmony import */ var _util_exec_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7895);
// How both entry points end: expected failures (UserError and its kinds) print their message only; anything
// else is a bug, whose stack goes to the debug log.



async function runStep(step) {
    try {
        await step();
    }
    catch (err) {
        // A cancel has failed the step with its own reason; what its stopped programs said adds nothing.
        if ((0,_util_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .wasCancelled */ .r1)())
            return;
        if (!(err instanceof _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo))
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(err.stack ?? String(err));
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(err.message);
    }
}


/***/ }),

/***/ 17:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   fM: () => (/* binding */ lastLine),
/* harmony export */   yo: () => (/* binding */ UserError)
/* harmony export */ });
/* unused harmony exports HttpStatusError, NetworkError, retryAfterMs */
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


/***/ }),

/***/ 7895:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cI: () => (/* binding */ ExecError),
/* harmony export */   eF: () => (/* binding */ run),
/* harmony export */   nf: () => (/* binding */ runOrThrow),
/* harmony export */   r1: () => (/* binding */ wasCancelled)
/* harmony export */ });
/* unused harmony exports listenForCancel, stopAfter, findOnPath */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6421);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(17);
// The one way this action runs a program. Secrets travel only on stdin (`input`), never in argv; the argv is
// logged at debug level, which is safe precisely because no secret is ever in it. Every child is tracked, so
// that a cancelled job (SIGTERM or SIGINT from the runner) stops them too instead of leaving a push running
// after the post step has removed the credentials.





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
    const running = children.size;
    for (const child of children)
        child.kill('SIGTERM');
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
/** Runs a program and returns what it printed, whatever its exit code. */
async function run(tool, args, opts = {}) {
    _actions_core__WEBPACK_IMPORTED_MODULE_3__/* .debug */ .Yz(`exec: ${[tool, ...args].join(' ')}`);
    if (stopped)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${stopped}; ${tool} was not started.`);
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(tool, args, {
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
                process.stdout.write(chunk);
        });
        child.stderr.on('data', (chunk) => {
            stderr.push(chunk);
            if (opts.echo)
                process.stderr.write(chunk);
        });
        child.once('error', (err) => {
            children.delete(child);
            if (err.code === 'ENOENT') {
                reject(new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${tool} is not installed on this runner (not found on PATH). Install it in an earlier step, or use a runner that has it.`));
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


/***/ })

};
