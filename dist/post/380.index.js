export const id = 380;
export const ids = [380];
export const modules = {

/***/ 9380:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  post: () => (/* binding */ post)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var lib_core = __webpack_require__(6421);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/runner.ts
// Where this job may keep files: the runner's temp directory, which the runner empties after the job.
// Outside a runner (a local try), the system's temp directory stands in.



function runner_runnerTemp() {
    return process.env.RUNNER_TEMP || external_node_os_default().tmpdir();
}
/** A new directory of this job's own (mode 0700, a name no other job can have picked). */
function jobDirectory(prefix) {
    return (0,promises_.mkdtemp)(external_node_path_default().join(runner_runnerTemp(), prefix));
}

// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/util/exec.ts
var exec = __webpack_require__(7895);
;// CONCATENATED MODULE: ./src/engines/docker.ts
// Docker: login with --password-stdin, tag, push. Its credentials live in a DOCKER_CONFIG of this job's own
// (unless the user keeps the login for later steps), so nothing lands in ~/.docker and two jobs on one
// self-hosted runner never share a login. The engine endpoint is pinned at the start, so that a context the
// user selected (`docker context use`, as rootless set-ups do) is the engine of every command, although the
// job's own DOCKER_CONFIG does not know that context.









/** Output of a failed push that another try may cure: the registry was briefly unwell or the link dropped. */
const TRANSIENT_PUSH = /\b(502|503|504|429)\b|Bad Gateway|Service Unavailable|Gateway Time-?out|Too Many Requests|toomanyrequests|\bunavailable:|connection reset|broken pipe|i\/o timeout|TLS handshake timeout|unexpected EOF|connection refused/i;
const NOT_ANSWERING = /Cannot connect|permission denied.*docker.sock|Is the docker daemon running|context .* not found/i;
class DockerEngine {
    session;
    saveSession;
    name = 'docker';
    constructor(session, saveSession = () => undefined) {
        this.session = session;
        this.saveSession = saveSession;
    }
    /** Every command's environment: the job's config directory, and the pinned endpoint in place of a context. */
    get env() {
        const env = {};
        if (this.session.configDir)
            env.DOCKER_CONFIG = this.session.configDir;
        if (this.session.endpoint)
            Object.assign(env, endpointEnv(this.session.endpoint));
        return env;
    }
    async resolveSource(reference) {
        if (this.session.endpoint === undefined)
            this.session.endpoint = await pinEndpoint();
        const result = await (0,exec/* run */.eF)('docker', ['image', 'inspect', '--format', '{{.Id}}', reference], {
            env: this.env
        });
        if (result.exitCode !== 0 && NOT_ANSWERING.test(result.stderr)) {
            throw new errors/* UserError */.yo(`The Docker engine does not answer: ${(0,errors/* lastLine */.fM)(result.stderr)}. Start it, or run this step on a runner that has Docker.`);
        }
        if (result.exitCode !== 0)
            return undefined;
        return { reference, id: result.stdout.trim() };
    }
    async login(registryHost, token) {
        this.session.registryHost = registryHost;
        if (this.session.logout) {
            // The job's own config directory: the credentials never touch ~/.docker and the post step deletes them.
            // Written as `docker login` would write it (0600), without its three round trips and a process: the API
            // has accepted this token already, and the registry takes the same one.
            this.session.configDir ??= await jobDirectory('rahti-docker-');
            const auth = Buffer.from(`unused:${token}`).toString('base64');
            lib_core/* setSecret */.Pq(auth);
            await (0,promises_.writeFile)(external_node_path_default().join(this.session.configDir, 'config.json'), `${JSON.stringify({ auths: { [registryHost]: { auth } } }, null, '\t')}\n`, { mode: 0o600 });
            return;
        }
        // The default configuration, kept for later steps: the user's docker decides how it stores the login.
        const result = await (0,exec/* run */.eF)('docker', ['login', '--username', 'unused', '--password-stdin', registryHost], {
            input: token,
            env: this.env
        });
        if (result.exitCode !== 0)
            throw loginError(registryHost, result.stderr);
    }
    async push(source, target) {
        // Tagged by ID, not by name: another job may retag the name meanwhile; the ID always means this image.
        // Saved before the tag exists, so that a step stopped from here on still has the post step remove it.
        const names = this.session.localNames ?? [];
        if (!names.some(n => n.name === target)) {
            this.session.localNames = [...names, { name: target, id: source.id }];
            this.saveSession(this.session);
        }
        await (0,exec/* runOrThrow */.nf)('docker', ['tag', source.id, target], { env: this.env });
        const result = await (0,exec/* runOrThrow */.nf)('docker', ['push', target], { env: this.env, echo: true });
        return /digest: (sha256:[a-f0-9]{64})/.exec(result.stdout)?.[1];
    }
    isTransient(err) {
        return err instanceof exec/* ExecError */.cI && TRANSIENT_PUSH.test(err.message);
    }
    explainPushFailure(target, err) {
        if (!(err instanceof exec/* ExecError */.cI))
            return err;
        const detail = (0,errors/* lastLine */.fM)(err.result.stderr || err.result.stdout);
        if (/denied|unauthorized|authentication required/i.test(detail)) {
            // The preflight proved the right to push before any upload, so a refusal now is about the image itself.
            return new errors/* UserError */.yo(`The registry refused the push of ${target} (${detail}) although the account may push there: the image most likely exceeds the project's image size limit or quota. Check \`oc describe limitrange\` and \`oc describe quota\` in the project, make the image smaller, or ask CSC for a larger limit.`);
        }
        return new errors/* UserError */.yo(`docker push ${target} failed: ${detail}.`);
    }
    async removeLocalNames() {
        const names = this.session.localNames ?? [];
        if (names.length === 0)
            return;
        const left = [];
        for (const entry of names) {
            // Only a name still on this run's image, and only an untag: an image known by no other name is kept
            // (removing the name would delete the user's image).
            const seen = await (0,exec/* run */.eF)('docker', ['image', 'inspect', '--format', '{{.Id}} {{len .RepoTags}}', entry.name], {
                env: this.env
            }).catch(() => undefined);
            // Docker could not be asked (a stopped run starts no program): the post step tries again.
            if (!seen) {
                left.push(entry);
                continue;
            }
            const [id, count] = seen.stdout.trim().split(' ');
            if (seen.exitCode === 0 && id === entry.id && Number(count) > 1) {
                await (0,exec/* run */.eF)('docker', ['image', 'rm', '--no-prune', entry.name], { env: this.env }).catch(() => undefined);
            }
        }
        this.session.localNames = left.length > 0 ? left : undefined;
        this.saveSession(this.session);
    }
    async logout() {
        // The credentials are in the job's own directory, which goes whole: no docker process is needed, so a
        // missing or broken docker cannot keep them behind. With logout: false the login is kept on purpose.
        if (this.session.configDir)
            await (0,promises_.rm)(this.session.configDir, { recursive: true, force: true });
    }
}
function loginError(registryHost, stderr) {
    const helper = /docker-credential-([\w.-]+)/.exec(stderr)?.[1];
    if (helper && /not found|no such file|executable file/i.test(stderr)) {
        return new errors/* UserError */.yo(`docker login to ${registryHost} failed: the Docker configuration names the credentials helper docker-credential-${helper} ("credsStore" or "credHelpers"), which is not installed on this runner. Remove it from the configuration, install the helper, or leave 'logout' at true so the login uses a configuration of the job's own.`);
    }
    return new errors/* UserError */.yo(`docker login to ${registryHost} failed: ${(0,errors/* lastLine */.fM)(stderr)}. Check that 'registry' is the cluster's registry route and that the Docker engine can reach it.`);
}
/**
 * The endpoint of the context the user's docker would use, or '' for the default engine (DOCKER_HOST set, or
 * no context selected), in which case the inherited environment already reaches the right engine.
 */
async function pinEndpoint() {
    if (process.env.DOCKER_HOST)
        return '';
    const context = process.env.DOCKER_CONTEXT || currentContext();
    if (!context || context === 'default')
        return '';
    const inspected = await (0,exec/* run */.eF)('docker', [
        'context',
        'inspect',
        '--format',
        '{{json .Endpoints.docker}}',
        context
    ]);
    if (inspected.exitCode !== 0) {
        throw new errors/* UserError */.yo(`The Docker context '${context}' selected in the Docker configuration cannot be read: ${(0,errors/* lastLine */.fM)(inspected.stderr)}. Select an existing one with \`docker context use\`, or set DOCKER_HOST.`);
    }
    const endpoint = JSON.parse(inspected.stdout);
    if (!endpoint.Host)
        return '';
    const tls = external_node_path_default().join(dockerConfigDir(), 'contexts', 'tls', (0,external_node_crypto_.createHash)('sha256').update(context).digest('hex'), 'docker');
    return JSON.stringify({
        host: endpoint.Host,
        tls: (0,external_node_fs_.existsSync)(tls) ? tls : undefined,
        skipVerify: endpoint.SkipTLSVerify
    });
}
/** DOCKER_HOST (and its TLS settings) for a pinned endpoint; DOCKER_CONTEXT cleared, as it would name a context the job's config lacks. */
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
function dockerConfigDir() {
    return process.env.DOCKER_CONFIG || external_node_path_default().join(external_node_os_default().homedir(), '.docker');
}
function currentContext() {
    try {
        const config = JSON.parse((0,external_node_fs_.readFileSync)(external_node_path_default().join(dockerConfigDir(), 'config.json'), 'utf8'));
        return config.currentContext;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/engines/factory.ts
// The one place engines are made: from the `engine` input in the main step, and from the saved session in
// the post step, so that the same kind of engine undoes what the main step did.

const ENGINE_CHOICES = (/* unused pure expression or super */ null && (['auto', 'docker']));
/** `saveSession` is called whenever the engine's session changes, so that the post step knows what to undo. */
function createEngine(choice, options) {
    const kind = choice === 'auto' ? 'docker' : choice;
    return restoreEngine({ kind, logout: options.logout }, options.saveSession);
}
/** The engine of a saved session (the post step). */
function restoreEngine(session, saveSession = () => undefined) {
    switch (session.kind) {
        case 'docker':
            return new DockerEngine(session, saveSession);
    }
}

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
    // mkdtemp makes the directory 0700 with a name no other job can have picked.
    const dir = await mkdtemp(path.join(parent, DIR_PREFIX));
    const file = path.join(dir, FILE_NAME);
    await writeFile(file, text, { mode: 0o600, flag: 'wx' });
    await chmod(file, 0o600); // in case the umask had its way with the mode
    core.debug(`Wrote the kubeconfig ${file}`);
    return file;
}
/** Deletes the kubeconfig and the directory made for it; a file already gone is fine. */
async function removeKubeconfig(file) {
    await (0,promises_.rm)(file, { force: true });
    const dir = external_node_path_default().dirname(file);
    if (external_node_path_default().basename(dir).startsWith(DIR_PREFIX)) {
        try {
            await (0,promises_.rmdir)(dir);
        }
        catch (err) {
            lib_core/* debug */.Yz(`Left ${dir} in place: ${err.message}`);
        }
    }
}

;// CONCATENATED MODULE: ./src/post.ts
// The post step: undo the registry login and remove every credential file the main step left, also when the
// main step failed half-way, and also when the engine is missing or fails: one failure must not keep the
// other clean-ups from running.



async function post(state) {
    const failures = [];
    if (state.engine) {
        const engine = restoreEngine(state.engine);
        try {
            // Names left by a main step that was stopped mid-push (cancelled, timed out); never throws.
            await engine.removeLocalNames();
            await engine.logout();
            if (state.engine.configDir)
                lib_core/* info */.pq(`Removed the credentials for ${state.engine.registryHost ?? 'the registry'}`);
        }
        catch (err) {
            failures.push(`${engine.name}: ${err.message}`);
        }
    }
    if (state.kubeconfig) {
        try {
            await removeKubeconfig(state.kubeconfig);
            lib_core/* info */.pq('Removed the kubeconfig');
        }
        catch (err) {
            failures.push(`the kubeconfig: ${err.message}`);
        }
    }
    if (failures.length > 0)
        lib_core/* warning */.$e(`The clean-up was incomplete: ${failures.join('; ')}`);
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
/* unused harmony exports listenForCancel, stopAfter */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(17);
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
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(`exec: ${[tool, ...args].join(' ')}`);
    if (stopped)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`${stopped}; ${tool} was not started.`);
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_1__.spawn)(tool, args, {
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
                reject(new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`${tool} is not installed on this runner (not found on PATH). Install it in an earlier step, or use a runner that has it.`));
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


/***/ })

};
