export const id = 226;
export const ids = [226];
export const modules = {

/***/ 226:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DockerApi: () => (/* binding */ DockerApi),
/* harmony export */   registryAuthHeader: () => (/* binding */ registryAuthHeader)
/* harmony export */ });
/* unused harmony export splitName */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(67);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(30);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(17);
/* harmony import */ var _util_exec_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(895);
/* harmony import */ var _failures_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(912);
// The Docker Engine API, in process, over node:http: the same socket (or TCP with TLS) the `docker` CLI talks
// to, for the calls a push needs (inspect, tag, push, untag; on the classic image store the export by ID that the
// action uploads itself, and the engine's info to tell the store), on one kept-alive connection and without a
// process per call. A small client of our own rather than dockerode: dockerode (with docker-modem, its ssh and
// gRPC dependencies) costs the main step's start tens of milliseconds more than these few requests need (see
// bench/README.md). Paths carry no API version: the engine answers in its own, and the fields read here
// (Id, Os, Architecture, Variant, RepoTags; the push stream's messages) are the same in every version since 1.24.






/** The login as the engine takes it in X-Registry-Auth: JSON in base64url with its padding. */
function registryAuthHeader(auth) {
    return Buffer.from(JSON.stringify(auth)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}
/** How long a question to the engine (not the push) may take: a busy engine answers an inspect in well under it. */
const QUESTION_MS = 60_000;
class DockerApi {
    address;
    agent;
    constructor(address) {
        this.address = address;
        const tls = address.kind === 'tcp' ? address.tls : undefined;
        // One connection kept for all calls of the run; idle, it does not keep the process alive.
        this.agent = tls
            ? new (node_https__WEBPACK_IMPORTED_MODULE_1___default().Agent)({
                keepAlive: true,
                maxSockets: 4,
                ca: tls.ca,
                cert: tls.cert,
                key: tls.key,
                rejectUnauthorized: tls.verify
            })
            : new (node_http__WEBPACK_IMPORTED_MODULE_0___default().Agent)({ keepAlive: true, maxSockets: 4 });
    }
    /** The image a name or ID stands for, or undefined when the engine has none by it. */
    async inspect(name) {
        const answer = await this.ask('GET', `/images/${pathPart(name)}/json`);
        if (answer.status === 404)
            return undefined;
        this.expect(answer, 200, `inspect ${name}`);
        return JSON.parse(answer.body);
    }
    /**
     * Whether the engine keeps images in containerd's store (Docker 29's default, an option since 24): its
     * storage driver then reports the containerd snapshotter.
     */
    async usesContainerdStore() {
        const answer = await this.ask('GET', '/info');
        this.expect(answer, 200, 'describe itself (GET /info)');
        const info = JSON.parse(answer.body);
        return (info.DriverStatus ?? []).some(([key, value]) => key === 'driver-type' && value === 'io.containerd.snapshotter.v1');
    }
    /**
     * The image as `docker save` writes it (a tar), by ID, streamed as the engine writes it; aborting the signal
     * ends the export. A refusal is a UserError in the engine's words.
     */
    async exportImage(id, signal) {
        const res = await this.send('GET', `/images/${pathPart(id)}/get`, { signal });
        if (res.statusCode === 200)
            return res;
        const body = await readBody(res);
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`The Docker engine at ${this.address.display} did not export the image ${id}: ${messageOf(body) || `HTTP ${res.statusCode}`}. Check that the image is still there and the engine is healthy, and run the step again.`);
    }
    /** Gives the image `id` the name `target` (`host/repo:tag`); false when the engine no longer has the image. */
    async tag(id, target) {
        const { repository, tag } = splitName(target);
        const query = new URLSearchParams({ repo: repository, tag });
        const answer = await this.ask('POST', `/images/${pathPart(id)}/tag?${query}`);
        if (answer.status === 404)
            return false;
        this.expect(answer, 201, `tag ${id} as ${target}`);
        return true;
    }
    /** Removes the name only (noprune): the image itself stays while it has another name. */
    async untag(name) {
        const answer = await this.ask('DELETE', `/images/${pathPart(name)}?noprune=1`);
        if (answer.status !== 404)
            this.expect(answer, 200, `untag ${name}`);
    }
    /**
     * Pushes `target` with the login in X-Registry-Auth, reporting progress; returns the digest the engine
     * reported. A failure the stream reports is a PushStreamError carrying the engine's message. A stop of the run
     * (cancel, timeout) closes the request, which ends the engine's push.
     */
    async push(target, authHeader, progress) {
        const { repository, tag } = splitName(target);
        // e30= is {}: an anonymous push.
        const headers = { 'X-Registry-Auth': authHeader ?? 'e30=' };
        const controller = new AbortController();
        const done = (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .stopWithRun */ ._9)(`the push of ${target}`, () => controller.abort());
        try {
            const res = await this.send('POST', `/images/${pathPart(repository)}/push?${new URLSearchParams({ tag })}`, {
                headers,
                signal: controller.signal
            });
            if (res.statusCode !== 200) {
                const body = await readBody(res);
                throw new _failures_js__WEBPACK_IMPORTED_MODULE_5__/* .PushStreamError */ .D1(messageOf(body) || `the engine answered HTTP ${res.statusCode}`);
            }
            let digest;
            let failure;
            await readLines(res, line => {
                let message;
                try {
                    message = JSON.parse(line);
                }
                catch {
                    return;
                }
                if (message.errorDetail || message.error) {
                    failure = message.errorDetail?.message || message.error;
                    return;
                }
                digest =
                    message.aux?.Digest ?? /digest: (sha256:[a-f0-9]{64})/.exec(message.status ?? '')?.[1] ?? digest;
                progress.take(message);
            });
            if (failure)
                throw new _failures_js__WEBPACK_IMPORTED_MODULE_5__/* .PushStreamError */ .D1(failure);
            progress.finish();
            return digest;
        }
        catch (err) {
            if (controller.signal.aborted)
                throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`The push of ${target} was stopped.`);
            throw err;
        }
        finally {
            done();
        }
    }
    /** Closes the kept connection. */
    close() {
        this.agent.destroy();
    }
    async ask(method, path) {
        const signal = AbortSignal.timeout(QUESTION_MS);
        try {
            const res = await this.send(method, path, { signal });
            return { status: res.statusCode ?? 0, body: await readBody(res) };
        }
        catch (err) {
            if (signal.aborted) {
                throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`The Docker engine at ${this.address.display} did not answer ${method} ${path} within ${QUESTION_MS / 1000} s. Check that it is not overloaded or stuck, and run the step again.`);
            }
            throw err;
        }
    }
    expect(answer, status, what) {
        if (answer.status === status)
            return;
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`The Docker engine at ${this.address.display} refused to ${what}: ${messageOf(answer.body) || `HTTP ${answer.status}`}.`);
    }
    send(method, path, opts) {
        const address = this.address;
        const target = address.kind === 'unix'
            ? // No TLS, so no server name: left unset, Node's agent works one out from the Host header with net.isIP,
                // whose IPv6 pattern costs 3-5 ms the first time a name is tried (measured on Node 24).
                { socketPath: address.socketPath, servername: '' }
            : // TLS names a host by name only (an IP address is checked against the certificate's IP entries).
                {
                    host: address.host,
                    port: address.port,
                    ...((0,node_net__WEBPACK_IMPORTED_MODULE_2__.isIP)(address.host) ? {} : { servername: address.host })
                };
        const request = (address.kind === 'tcp' && address.tls ? (node_https__WEBPACK_IMPORTED_MODULE_1___default()) : (node_http__WEBPACK_IMPORTED_MODULE_0___default())).request;
        return new Promise((resolve, reject) => {
            const req = request({
                ...target,
                method,
                path,
                agent: this.agent,
                // Over the socket the Host header is a formality; over TCP it stays the engine's own, which TLS checks the
                // engine's certificate against.
                headers: { ...(address.kind === 'unix' ? { Host: 'docker' } : {}), ...opts.headers }
            });
            // The signal is not given to the request, and an abort destroys it without an error: a request destroyed with
            // an error before its connection is assigned to it hands the error to the new socket before anyone listens
            // there, and the unheard 'error' ends the step with Node's stack trace. The promise takes the reason instead.
            const signal = opts.signal;
            const abort = () => {
                reject(signal.reason);
                req.destroy();
            };
            if (signal.aborted)
                abort();
            else
                signal.addEventListener('abort', abort, { once: true });
            req.once('close', () => signal.removeEventListener('abort', abort));
            req.once('response', resolve);
            req.once('error', (err) => reject(signal.aborted ? signal.reason : this.unreachable(err)));
            req.end();
        });
    }
    /** A failure to reach the engine, in the words the engine's absence deserves. */
    unreachable(err) {
        if (err.name === 'AbortError')
            return err;
        const why = err.code === 'ENOENT' ? 'there is no socket' : err.code === 'EACCES' ? 'permission denied' : err.message;
        return new _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`The Docker engine does not answer at ${this.address.display}: ${why}. Start it, or run this step on a runner that has Docker.`);
    }
}
/** `host:port/repo/name:tag` -> the repository and the tag (`latest` when none is given). */
function splitName(name) {
    const colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/'))
        return { repository: name.slice(0, colon), tag: name.slice(colon + 1) };
    return { repository: name, tag: 'latest' };
}
/** A name as a path segment: its slashes and colons stay, as the engine's router reads them. */
function pathPart(name) {
    return name.replace(/[^\w.:/@-]/g, c => encodeURIComponent(c));
}
/** The engine's `{"message": ...}` of an error answer, else its body's last line. */
function messageOf(body) {
    try {
        return JSON.parse(body).message ?? '';
    }
    catch {
        return body.trim().split('\n').pop() ?? '';
    }
}
function readBody(res) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.once('error', reject);
    });
}
/** Calls `onLine` for each line of the stream as it arrives; resolves at its end. */
function readLines(res, onLine) {
    return new Promise((resolve, reject) => {
        let pending = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
            pending += chunk;
            let end;
            while ((end = pending.indexOf('\n')) >= 0) {
                const line = pending.slice(0, end).trim();
                pending = pending.slice(end + 1);
                if (line)
                    onLine(line);
            }
        });
        res.once('end', () => {
            if (pending.trim())
                onLine(pending.trim());
            resolve();
        });
        res.once('error', reject);
        // The engine went away mid-push: the stream ends without its last word.
        res.once('aborted', () => reject(new _failures_js__WEBPACK_IMPORTED_MODULE_5__/* .PushStreamError */ .D1('the connection to the Docker engine was lost during the push')));
    });
}


/***/ })

};
