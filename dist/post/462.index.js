export const id = 462;
export const ids = [462];
export const modules = {

/***/ 2462:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   StateStore: () => (/* binding */ StateStore),
/* harmony export */   loadState: () => (/* binding */ loadState)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
// What the post step needs from the main step, saved through the runner (GITHUB_STATE). Never a secret.

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
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ(KEY, JSON.stringify(this.state));
    }
}
function loadState() {
    const raw = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(KEY);
    if (!raw)
        return undefined;
    return JSON.parse(raw);
}


/***/ })

};
