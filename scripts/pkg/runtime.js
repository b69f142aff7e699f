// crisis-desk runtime: wraps wasm-bindgen's glue so that
//  - `ready` is a Promise that resolves once the module is instantiated (asynchronously),
//    and rejects in plain words when the host page's Content-Security-Policy forbids wasm;
//  - input problems keep their `code`, `path` and `problems`;
//  - a Rust panic (a wasm trap) surfaces as an Error with code "internal", and the module is
//    re-instantiated from the compiled module, because a trapped instance is not safe to reuse.
// `createGlue` returns a fresh copy of wasm-bindgen's glue (its own `wasm` variable) each call.
function makeCrisisDesk(createGlue, loadWasm, exportNames, version) {
  var glue = null;
  var compiled = null;
  var restarts = 0;

  function startupError(e) {
    var text = String((e && e.message) || e);
    var csp = /Content[ -]Security[ -]Policy|wasm-eval|unsafe-eval|wasm-unsafe-eval/i.test(text);
    var err = new Error(
      csp
        ? "crisis-desk cannot start: this page's Content-Security-Policy does not allow WebAssembly. " +
            "Add 'wasm-unsafe-eval' to the script-src directive (script-src 'self' 'wasm-unsafe-eval'). Browser said: " + text
        : "crisis-desk could not start its WebAssembly module: " + text
    );
    err.code = csp ? "csp-blocks-wasm" : "startup-failed";
    err.path = "";
    err.problems = [{ code: err.code, path: "", message: err.message }];
    err.cause = e;
    return err;
  }

  var ready = Promise.resolve()
    .then(loadWasm)
    .then(function (bytes) {
      return WebAssembly.compile(bytes);
    })
    .then(function (module) {
      compiled = module;
      var g = createGlue();
      return g({ module_or_path: module }).then(function () {
        glue = g;
      });
    })
    .catch(function (e) {
      throw startupError(e);
    });
  // Mark as handled here; callers still see the rejection through `ready`.
  ready.catch(function () {});

  function restart() {
    var g = createGlue();
    g.initSync({ module: compiled });
    glue = g;
    restarts += 1;
  }

  function isTrap(e) {
    return (
      (typeof WebAssembly.RuntimeError === "function" && e instanceof WebAssembly.RuntimeError) ||
      (e instanceof RangeError && /call stack/i.test(e.message))
    );
  }

  function wrap(name) {
    return function () {
      if (glue === null) {
        var nr = new Error("crisis-desk is still starting: wait for CrisisDesk.ready before calling " + name + "()");
        nr.code = "not-ready";
        nr.path = "";
        nr.problems = [{ code: nr.code, path: "", message: nr.message }];
        throw nr;
      }
      try {
        return glue[name].apply(null, arguments);
      } catch (e) {
        if (!isTrap(e)) throw e;
        var err = new Error(
          "internal error in crisis-desk " + name + "(): " + e.message +
            ". This is a bug in crisis-desk, not a problem with your input; the module was restarted and the next call will work."
        );
        err.code = "internal";
        err.path = "";
        err.problems = [{ code: "internal", path: "", message: err.message }];
        err.cause = e;
        restart();
        throw err;
      }
    };
  }

  var api = { ready: ready, VERSION: version };
  for (var i = 0; i < exportNames.length; i++) api[exportNames[i]] = wrap(exportNames[i]);
  // estimateRt answers as the module's own estimateRt does (tests/js/pkg.test.mjs checks it
  // against the native answers, bit for bit), but builds the window objects here from estimateRtColumns: object
  // literals in JS cost a fraction of setting each field across the boundary (issue 8).
  var columns = api.estimateRtColumns;
  if (columns) {
    api.estimateRt = function (input) {
      var c = columns(input);
      var n = c.mean.length;
      var windows = new Array(n);
      for (var k = 0; k < n; k++) {
        windows[k] = {
          tStart: c.tStart[k], tEnd: c.tEnd[k], mean: c.mean[k], std: c.std[k], cv: c.cv[k],
          q025: c.q025[k], q05: c.q05[k], q25: c.q25[k], median: c.median[k], q75: c.q75[k],
          q95: c.q95[k], q975: c.q975[k], shape: c.shape[k], scale: c.scale[k],
        };
      }
      return { windows: windows, si: Array.from(c.si), siMean: c.siMean, siStd: c.siStd, warnings: c.warnings };
    };
  }
  /** How many times a trapped instance was replaced (diagnostics). */
  api.restartCount = function () {
    return restarts;
  };
  return api;
}
