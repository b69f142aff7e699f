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

  // Plain arrays of finite numbers (a series, a matrix) go to the module as Float64Arrays,
  // which it reads in one copy instead of a boundary call per value (issue 8). The module reads
  // a Float64Array exactly as the array of its numbers (src/wasm.rs, JsReader: -0 as 0), and
  // an array holding anything else (null, a string, NaN, a hole) is passed as it is, so every
  // answer and every error path is the same. A matrix's rows become views of one buffer (a
  // typed array of its own costs about a microsecond, as much as 20 numbers read one by one),
  // and arrays shorter than PACK_MIN numbers are left as they are. The caller's values are never
  // changed: objects and arrays on the way to a converted array are copied (own keys kept as own
  // keys, __proto__ included); class instances, typed arrays and Maps are passed as they are.
  // A container met twice (a cycle), more than PACK_NODES containers,
  // or anything that throws while being read (a getter, a Proxy) leaves the whole argument as
  // it was given, for the module to answer as it would have.
  var PACK_MIN = 64;
  var PACK_DEPTH = 6;
  var PACK_NODES = 200000;
  function own(o, key, value) {
    Object.defineProperty(o, key, { value: value, enumerable: true, writable: true, configurable: true });
  }
  function Unpackable() {}
  /** `v`'s items in a new Float64Array if all are finite numbers, else null. */
  function numbers(v) {
    var x = v[0];
    if (typeof x !== "number") return null;
    var n = v.length, out = new Float64Array(n);
    for (var k = 0; k < n; k++) {
      x = v[k];
      if (typeof x !== "number" || x - x !== 0) return null;
      out[k] = x;
    }
    return out;
  }
  /** `rows` (arrays of finite numbers, PACK_MIN in all) as views of one Float64Array, else null. */
  function matrix(rows) {
    var total = 0, i, k, n, x;
    for (i = 0; i < rows.length; i++) {
      if (!Array.isArray(rows[i])) return null;
      total += rows[i].length;
    }
    if (total < PACK_MIN) return null;
    var buffer = new Float64Array(total), out = new Array(rows.length), at = 0;
    for (i = 0; i < rows.length; i++) {
      var row = rows[i];
      n = row.length;
      for (k = 0; k < n; k++) {
        x = row[k];
        if (typeof x !== "number" || x - x !== 0) return null;
        buffer[at + k] = x;
      }
      out[i] = buffer.subarray(at, at + n);
      at += n;
    }
    return out;
  }
  function pack(v, depth, seen) {
    if (v === null || typeof v !== "object" || depth > PACK_DEPTH) return v;
    if (seen.has(v) || seen.size >= PACK_NODES) throw new Unpackable();
    seen.add(v);
    var k, item, packed, out = null;
    if (Array.isArray(v)) {
      var n = v.length;
      if (n >= PACK_MIN && (out = numbers(v)) !== null) return out;
      if (n > 1 && Array.isArray(v[0]) && (out = matrix(v)) !== null) return out;
      var items = new Array(n);
      for (k = 0; k < n; k++) {
        item = v[k];
        packed = pack(item, depth + 1, seen);
        items[k] = packed;
        if (packed !== item) out = items;
      }
      return out === null ? v : out;
    }
    if (Object.getPrototypeOf(v) !== Object.prototype) return v;
    var keys = Object.keys(v), values = new Array(keys.length), i;
    for (i = 0; i < keys.length; i++) {
      item = v[keys[i]];
      packed = pack(item, depth + 1, seen);
      values[i] = packed;
      if (packed !== item) out = true;
    }
    if (out === null) return v;
    out = {};
    for (i = 0; i < keys.length; i++) own(out, keys[i], values[i]);
    return out;
  }
  /** The arguments as the module gets them (see above). */
  function packed(args) {
    var out = new Array(args.length);
    for (var a = 0; a < args.length; a++) {
      try {
        out[a] = pack(args[a], 0, new Set());
      } catch (e) {
        out[a] = args[a];
      }
    }
    return out;
  }

  function wrap(name, shownAs) {
    shownAs = shownAs || name;
    return function () {
      if (glue === null) {
        var nr = new Error("crisis-desk is still starting: wait for CrisisDesk.ready before calling " + shownAs + "()");
        nr.code = "not-ready";
        nr.path = "";
        nr.problems = [{ code: nr.code, path: "", message: nr.message }];
        throw nr;
      }
      var args = packed(arguments);
      try {
        return glue[name].apply(null, args);
      } catch (e) {
        if (!isTrap(e)) throw e;
        var err = new Error(
          "internal error in crisis-desk " + shownAs + "(): " + e.message +
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
  var columns = api.estimateRtColumns && wrap("estimateRtColumns", "estimateRt");
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
