export const id = 108;
export const ids = [108];
export const modules = {

/***/ 108:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DockerCli: () => (/* binding */ DockerCli)
/* harmony export */ });
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17);
/* harmony import */ var _util_exec_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(895);
// The `docker` CLI for the one kind of endpoint the Engine API client does not reach: ssh://, where the CLI
// starts `ssh` and talks through it. The same four calls as docker-api.ts, one process each; the push reads
// its login from the job's own DOCKER_CONFIG, and its output is the CLI's own.


const NOT_ANSWERING = /Cannot connect|permission denied.*docker.sock|Is the docker daemon running|context .* not found/i;
class DockerCli {
    env;
    /** `env`: the job's config directory and the pinned endpoint, for every command. */
    constructor(env) {
        this.env = env;
    }
    async inspect(name) {
        const result = await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .run */ .eF)('docker', ['image', 'inspect', '--format', '{{json .}}', name], {
            env: this.env
        });
        if (result.exitCode !== 0 && NOT_ANSWERING.test(result.stderr)) {
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`The Docker engine does not answer: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .lastLine */ .fM)(result.stderr)}. Start it, or run this step on a runner that has Docker.`);
        }
        if (result.exitCode !== 0)
            return undefined;
        return JSON.parse(result.stdout);
    }
    async tag(id, target) {
        const result = await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .run */ .eF)('docker', ['tag', id, target], { env: this.env });
        if (result.exitCode !== 0 && /No such image/i.test(result.stderr))
            return false;
        if (result.exitCode !== 0)
            throw new _util_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .ExecError */ .cI('docker', result);
        return true;
    }
    async push(target, _authHeader, _progress) {
        const result = await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .runOrThrow */ .nf)('docker', ['push', target], { env: this.env, echo: true });
        return /digest: (sha256:[a-f0-9]{64})/.exec(result.stdout)?.[1];
    }
    async untag(name) {
        await (0,_util_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .run */ .eF)('docker', ['image', 'rm', '--no-prune', name], { env: this.env });
    }
    close() { }
}


/***/ })

};
