// Nothing lost: the page's options are saved as they change (the scenario and the rulebook already
// are, by app.js and rulebook.js); the whole workspace (scenario, options, rulebook, language)
// exports as one JSON file that imports and exports again byte for byte; and a share link carries
// the scenario and options in the URL fragment (#s= + base64url of the UTF-8 JSON, deflate-raw
// compressed when the browser has CompressionStream), which browsers never send to a server.
// Opening such a link keeps the scenario that was there before, to restore with one button.
(function (root) {
  "use strict";
  var FORMAT = "crisis-desk-workspace";
  var LINK_FORMAT = "crisis-desk-link";
  var VERSION = 1;
  var OPTIONS_KEY = "crisis-desk.options";
  var OPTIONS_GOOD_KEY = "crisis-desk.options-last-good"; // the last options saved (always valid when the page wrote them)
  var PREVIOUS_KEY = "crisis-desk.before-link";
  var MAX_FILE_BYTES = 50 * 1024 * 1024;
  var MAX_LINK_CHARS = 2000000; // Chromium's limit on a URL
  var KEYS = ["format", "version", "situation", "options", "rulebook", "lang"]; // the file's key order

  function isObj(x) {
    return !!x && typeof x === "object" && !Array.isArray(x);
  }
  function has(o, k) {
    return Object.prototype.hasOwnProperty.call(o, k);
  }

  // ---- Options: the page's settings, one fixed shape ----

  var OPTION_SHAPE = {
    plan: { detectedAt: "datetime", crossBorderLink: "boolean", majorEvent: "boolean" },
    whatIf: { contactReduction: "percent", from: "date" }
  };

  function checkValue(kind, v) {
    if (kind === "boolean") return typeof v === "boolean" ? null : "boolean";
    if (v === null) return null;
    if (kind === "percent") return typeof v !== "number" || !isFinite(v) ? "number" : v < 0 || v > 95 ? "percentRange" : null;
    if (kind === "date") return typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? null : "date";
    if (kind === "datetime") return typeof v === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? null : "datetime";
    return "unknown";
  }

  /** Problems of an options object, each { path, code, params }. */
  function validateOptions(o, path, problems) {
    if (!isObj(o)) {
      problems.push({ path: path, code: "object" });
      return;
    }
    Object.keys(o).forEach(function (k) {
      if (!has(OPTION_SHAPE, k)) {
        problems.push({ path: path + "." + k, code: "unknown" });
        return;
      }
      var group = o[k], shape = OPTION_SHAPE[k];
      if (!isObj(group)) {
        problems.push({ path: path + "." + k, code: "object" });
        return;
      }
      Object.keys(group).forEach(function (f) {
        if (!has(shape, f)) problems.push({ path: path + "." + k + "." + f, code: "unknown" });
        else {
          var c = checkValue(shape[f], group[f]);
          if (c) problems.push({ path: path + "." + k + "." + f, code: c });
        }
      });
    });
  }

  /** Problems of a workspace file's content (already parsed), each { path, code, params }. */
  function validateWorkspace(ws) {
    var problems = [];
    if (!isObj(ws)) return [{ path: "", code: "notObject" }];
    if (ws.format !== FORMAT) problems.push({ path: "format", code: "format", params: { found: JSON.stringify(ws.format === undefined ? null : ws.format) } });
    if (ws.version !== VERSION) problems.push({ path: "version", code: "version", params: { found: JSON.stringify(ws.version === undefined ? null : ws.version) } });
    Object.keys(ws).forEach(function (k) {
      if (KEYS.indexOf(k) < 0) problems.push({ path: k, code: "unknown" });
    });
    if (!has(ws, "situation")) problems.push({ path: "situation", code: "missing" });
    else if (!isObj(ws.situation) && typeof ws.situation !== "string") problems.push({ path: "situation", code: "situation" });
    if (has(ws, "options")) validateOptions(ws.options, "options", problems);
    if (has(ws, "rulebook") && !isObj(ws.rulebook) && typeof ws.rulebook !== "string") problems.push({ path: "rulebook", code: "rulebook" });
    if (has(ws, "lang") && ws.lang !== "zh" && ws.lang !== "en") problems.push({ path: "lang", code: "lang" });
    return problems;
  }

  /** The file's text: fixed key order, two-space indentation, a final newline, no timestamp. */
  function serialise(ws) {
    var out = {};
    KEYS.forEach(function (k) { if (has(ws, k)) out[k] = ws[k]; });
    return JSON.stringify(out, null, 2) + "\n";
  }

  // ---- The link: base64url of UTF-8 JSON, compressed when that is shorter ----

  function toBase64Url(bytes) {
    var s = "";
    for (var i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function fromBase64Url(text) {
    var b = text.replace(/-/g, "+").replace(/_/g, "/");
    while (b.length % 4) b += "=";
    var s = atob(b);
    var out = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  function through(bytes, stream) {
    return new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  /** JSON text → the fragment's code; deflate-raw when the browser can and it is shorter. */
  function encodeLink(json) {
    var bytes = new TextEncoder().encode(json);
    if (typeof root.CompressionStream !== "function") return Promise.resolve(toBase64Url(bytes));
    return through(bytes, new root.CompressionStream("deflate-raw")).then(function (z) {
      return toBase64Url(z.length < bytes.length ? z : bytes);
    }, function () {
      return toBase64Url(bytes);
    });
  }

  /** The fragment's code → the parsed JSON: plain UTF-8 JSON if it reads as such, else inflated first. */
  function decodeLink(code) {
    var bytes;
    try {
      bytes = fromBase64Url(code);
    } catch (e) {
      return Promise.reject(new Error("not base64url"));
    }
    try {
      return Promise.resolve(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)));
    } catch (e) {
      // not plain JSON: compressed
    }
    if (typeof root.DecompressionStream !== "function") return Promise.reject(new Error("this browser cannot decompress the link (no DecompressionStream)"));
    return through(bytes, new root.DecompressionStream("deflate-raw")).then(function (plain) {
      return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(plain));
    });
  }

  function validateLink(p) {
    var problems = [];
    if (!isObj(p)) return [{ path: "", code: "notObject" }];
    if (p.format !== LINK_FORMAT) problems.push({ path: "format", code: "format", params: { found: JSON.stringify(p.format === undefined ? null : p.format) } });
    if (p.version !== VERSION) problems.push({ path: "version", code: "version", params: { found: JSON.stringify(p.version === undefined ? null : p.version) } });
    Object.keys(p).forEach(function (k) {
      if (["format", "version", "situation", "options"].indexOf(k) < 0) problems.push({ path: k, code: "unknown" });
    });
    if (!isObj(p.situation)) problems.push({ path: "situation", code: "situationObject" });
    if (has(p, "options")) validateOptions(p.options, "options", problems);
    return problems;
  }

  // ---- The panel ----

  function mount(ctx) {
    var t = ctx.t;
    var lastStatus = null, lastLinkStatus = null, lastProblems = [], notice = null, copySeq = 0;

    function $(id) {
      return document.getElementById(id);
    }
    function el(tag, text, attrs) {
      var e = document.createElement(tag);
      if (text !== undefined && text !== null) e.textContent = text;
      for (var k in attrs || {}) if (has(attrs, k)) e.setAttribute(k, attrs[k]);
      return e;
    }

    // Options on the page.
    function readOptions() {
      var pct = $("whatif-reduction").value;
      var n = pct === "" ? null : Number(pct);
      return {
        plan: {
          detectedAt: $("plan-detected").value || null,
          crossBorderLink: $("plan-cross-border").checked,
          majorEvent: $("plan-major-event").checked
        },
        whatIf: { contactReduction: n === null || !isFinite(n) ? null : n, from: $("whatif-from").value || null }
      };
    }
    function writeOptions(o) {
      var plan = o.plan || {}, w = o.whatIf || {};
      if (has(plan, "detectedAt")) $("plan-detected").value = plan.detectedAt || "";
      if (has(plan, "crossBorderLink")) $("plan-cross-border").checked = plan.crossBorderLink;
      if (has(plan, "majorEvent")) $("plan-major-event").checked = plan.majorEvent;
      if (has(w, "contactReduction")) $("whatif-reduction").value = w.contactReduction === null ? "" : String(w.contactReduction);
      if (has(w, "from")) $("whatif-from").value = w.from || "";
    }
    function saveOptions() {
      var text = JSON.stringify(readOptions());
      ctx.storage("set", OPTIONS_KEY, text);
      ctx.storage("set", OPTIONS_GOOD_KEY, text, true);
    }

    function scenario() {
      var text = ctx.scenarioText();
      try {
        var v = JSON.parse(text);
        return isObj(v) ? { value: v, text: text } : { value: null, text: text };
      } catch (e) {
        return { value: null, text: text };
      }
    }

    function problemText(p) {
      return t("ws.err." + p.code, p.params || {});
    }

    /** The file names in status parts: shown isolated (i18n.js), so their bidi controls stay inside them. */
    function names(parts) {
      return parts.map(function (p) { return p[1] && p[1].name; });
    }

    function say(parts, state) {
      lastStatus = { parts: parts, state: state || "" };
      var s = $("ws-status");
      root.CrisisDeskI18n.fillIsolated(s, parts.map(function (p) { return t(p[0], p[1]); }).join(ctx.lang() === "zh" ? "" : " "), names(parts));
      s.dataset.state = state || "";
    }
    function sayLink(parts, state) {
      lastLinkStatus = { parts: parts, state: state || "" };
      var s = $("ws-link-status");
      s.textContent = parts.map(function (p) { return t(p[0], p[1]); }).join(ctx.lang() === "zh" ? "" : " ");
      s.dataset.state = state || "";
    }

    function showProblems(problems) {
      lastProblems = problems;
      var list = $("ws-problems");
      list.textContent = "";
      problems.forEach(function (p) {
        var li = el("li", null, { "data-path": p.path, "data-code": p.code });
        li.appendChild(el("code", p.path || t("rootPath")));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("span", problemText(p)));
        list.appendChild(li);
      });
      list.hidden = !problems.length;
    }

    // ---- Export and import ----

    function snapshot() {
      var s = scenario();
      var rb = ctx.rulebook.state();
      return {
        format: FORMAT,
        version: VERSION,
        situation: s.value !== null ? s.value : s.text, // a draft that is not JSON yet is kept as typed
        options: readOptions(),
        rulebook: rb.parseError || !isObj(rb.rb) ? rb.text : rb.rb,
        lang: ctx.lang()
      };
    }

    function fileName(ws) {
      var asOf = isObj(ws.situation) && typeof ws.situation.asOf === "string" && /^\d{4}-\d{2}-\d{2}$/.test(ws.situation.asOf) ? "-" + ws.situation.asOf : "";
      return "crisis-desk-workspace" + asOf + ".json";
    }

    function exportWorkspace() {
      var ws = snapshot();
      var name = fileName(ws);
      ctx.rulebook.download(name, serialise(ws), "application/json");
      showProblems([]);
      say([["ws.exported", { name: name }]], "ok");
    }

    function importText(text, name) {
      var ws = null, problems;
      try {
        ws = JSON.parse(text);
        problems = validateWorkspace(ws);
      } catch (e) {
        problems = [{ path: "", code: "notJson", params: { message: e.message } }];
      }
      if (problems.length) {
        // Nothing is changed: every problem is listed and the page stays as it was.
        showProblems(problems);
        say([["ws.importFailed", { name: name, count: problems.length }]], "error");
        $("ws-status").focus();
        return false;
      }
      showProblems([]);
      if (has(ws, "lang")) ctx.setLang(ws.lang);
      if (has(ws, "options")) {
        writeOptions(ws.options);
        saveOptions();
      }
      if (has(ws, "rulebook")) ctx.rulebook.setText(typeof ws.rulebook === "string" ? ws.rulebook : JSON.stringify(ws.rulebook, null, 2));
      ctx.setScenario(ws.situation);
      say([["ws.imported", { name: name }]], "ok");
      return true;
    }

    function importFile(file) {
      if (file.size > MAX_FILE_BYTES) {
        say([["ws.tooLarge", { name: file.name }]], "error");
        return;
      }
      file.text().then(function (text) { importText(text, file.name); }, function (e) {
        say([["ws.readFailed", { name: file.name, message: String((e && e.message) || e) }]], "error");
      });
    }

    // ---- Share link ----

    function baseUrl() {
      return location.href.split("#")[0];
    }

    function makeLink() {
      var s = scenario();
      if (s.value === null) return Promise.reject(new Error("not-json"));
      var json = JSON.stringify({ format: LINK_FORMAT, version: VERSION, situation: s.value, options: readOptions() });
      return encodeLink(json).then(function (code) { return baseUrl() + "#s=" + code; });
    }

    /** Copies text: the async clipboard first, else the selected link field and execCommand("copy"). */
    function copy(text) {
      function fallback() {
        var input = $("ws-link");
        input.focus();
        input.select();
        try {
          return document.execCommand("copy");
        } catch (e) {
          return false;
        }
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return fallback(); });
      }
      return Promise.resolve(fallback());
    }

    function copyLink() {
      var seq = ++copySeq;
      sayLink([], "");
      makeLink().then(function (link) {
        if (seq !== copySeq) return;
        if (link.length > MAX_LINK_CHARS) {
          $("ws-link").value = "";
          $("ws-link-box").hidden = true;
          sayLink([["ws.linkTooLong", { chars: ctx.fmt(link.length) }]], "error");
          return;
        }
        $("ws-link").value = link;
        $("ws-link-box").hidden = false;
        return copy(link).then(function (ok) {
          if (seq !== copySeq) return;
          var parts = [[ok ? "ws.linkCopied" : "ws.linkNotCopied", { chars: ctx.fmt(link.length) }]];
          if (location.protocol === "file:") parts.push(["ws.linkFileNote"]);
          sayLink(parts, ok ? "copied" : "shown");
          $("ws-link-make").focus();
        });
      }, function (e) {
        if (seq !== copySeq) return;
        sayLink([[e && e.message === "not-json" ? "ws.linkNeedsJson" : "ws.linkFailed", { message: String((e && e.message) || e) }]], "error");
      });
    }

    // ---- Opening a link, and the scenario that was there before ----

    function renderNotice() {
      var box = $("ws-link-notice");
      if (!notice) {
        box.hidden = true;
        return;
      }
      box.hidden = false;
      box.dataset.state = notice.state;
      // The region's name comes from the link: isolated, so it cannot reorder the sentence around it.
      root.CrisisDeskI18n.fillIsolated($("ws-notice-text"), t(notice.key, notice.params || {}), [notice.params && notice.params.region]);
      $("ws-restore").hidden = !notice.canRestore;
      $("ws-dismiss").textContent = t(notice.canRestore ? "ws.keepLinked" : "ws.closeNotice");
    }

    function clearFragment() {
      try {
        history.replaceState(null, "", baseUrl());
      } catch (e) {
        // Some browsers refuse this from file://; the link is then only applied again if reopened.
      }
    }

    function readLink() {
      var hash = location.hash;
      if (hash.indexOf("#s=") !== 0) {
        if (!document.body.dataset.link) document.body.dataset.link = "none";
        return Promise.resolve(null);
      }
      var code = hash.slice(3);
      var fail = function (message) {
        notice = { state: "error", key: "ws.linkUnreadable", params: { message: message }, canRestore: false };
        renderNotice();
        document.body.dataset.link = "error";
      };
      if (!/^[A-Za-z0-9_-]+={0,2}$/.test(code)) {
        fail("not base64url");
        return Promise.resolve(null);
      }
      return decodeLink(code).then(function (payload) {
        var problems = validateLink(payload);
        if (problems.length) {
          fail(problems.map(function (p) { return (p.path ? p.path + ": " : "") + problemText(p); }).join("; "));
          return;
        }
        var before = ctx.scenarioText();
        var same = false;
        try {
          same = JSON.stringify(JSON.parse(before)) === JSON.stringify(payload.situation);
        } catch (e) {
          same = false;
        }
        if (!same) {
          checkPrevious();
          ctx.storage("set", PREVIOUS_KEY, JSON.stringify({ situation: before, options: readOptions() }));
        }
        if (payload.options) {
          writeOptions(payload.options);
          saveOptions();
        }
        ctx.setScenario(payload.situation);
        clearFragment();
        var region = payload.situation.region && typeof payload.situation.region.name === "string" ? payload.situation.region.name : "—";
        var hasPrevious = ctx.storage("get", PREVIOUS_KEY) !== null;
        notice = {
          state: "loaded",
          key: same ? "ws.linkSame" : "ws.linkLoaded",
          params: { region: region, asOf: String(payload.situation.asOf || "—") },
          canRestore: !same && hasPrevious
        };
        renderNotice();
        document.body.dataset.link = "loaded";
      }, function (e) {
        fail(String((e && e.message) || e));
      });
    }

    /** The kept scenario from before a link: { prev } when readable, else what is wrong with it. */
    function readPrevious(raw) {
      var prev;
      try {
        prev = JSON.parse(raw);
      } catch (e) {
        return { parseError: e.message };
      }
      if (!isObj(prev) || typeof prev.situation !== "string") return { problems: [{ path: "situation", message: t("ws.err.situation") }] };
      return { prev: prev };
    }

    /** A kept scenario that cannot be read is said, and offered as a download, before anything replaces it. */
    function checkPrevious() {
      var raw = ctx.storage("get", PREVIOUS_KEY);
      if (raw === null) return false;
      var r = readPrevious(raw);
      if (r.prev) return true;
      if (ctx.damaged) ctx.damaged({ kind: "previous", saved: raw, parseError: r.parseError, problems: r.problems, lastGood: null });
      return false;
    }

    function restorePrevious() {
      var raw = ctx.storage("get", PREVIOUS_KEY);
      var prev = raw === null ? null : readPrevious(raw).prev || null;
      if (!isObj(prev) || typeof prev.situation !== "string") {
        notice = { state: "error", key: "ws.noPrevious", canRestore: false };
        renderNotice();
        return;
      }
      var problems = [];
      if (prev.options) validateOptions(prev.options, "options", problems);
      if (prev.options && !problems.length) {
        writeOptions(prev.options);
        saveOptions();
      }
      ctx.setScenario(prev.situation);
      ctx.storage("remove", PREVIOUS_KEY);
      notice = { state: "restored", key: "ws.previousRestored", canRestore: false };
      renderNotice();
      document.body.dataset.link = "restored";
      $("ws-notice-text").focus();
    }

    function dismiss() {
      if (notice && notice.canRestore) ctx.storage("remove", PREVIOUS_KEY);
      notice = null;
      renderNotice();
      // Focus moves on to the situation the page now shows, not to the top of the page.
      var heading = $("situation-heading");
      if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
      heading.focus();
    }

    // ---- Wiring ----

    // Options saved on every change, and brought back now (before the first assessment runs).
    var saved = ctx.storage("get", OPTIONS_KEY);
    if (saved !== null) {
      var o = null, parseError = null, problems = [];
      try {
        o = JSON.parse(saved);
      } catch (e) {
        parseError = e.message;
      }
      if (parseError === null) validateOptions(o, "options", problems);
      if (parseError === null && !problems.length) writeOptions(o);
      else if (ctx.damaged) {
        // Damaged: the form keeps its defaults, the page says so, and offers what was saved and the last good copy.
        var goodText = ctx.storage("get", OPTIONS_GOOD_KEY), good = null, goodProblems = [];
        try {
          good = goodText === null || goodText === saved ? null : JSON.parse(goodText);
          if (good !== null) validateOptions(good, "options", goodProblems);
        } catch (e) {
          good = null;
        }
        if (goodProblems.length) good = null;
        ctx.damaged({
          kind: "options", saved: saved, parseError: parseError,
          problems: problems.map(function (p) { return { path: p.path, message: problemText(p) }; }),
          lastGood: good === null ? null : goodText,
          restore: function () {
            writeOptions(good);
            saveOptions();
          }
        });
      }
    }
    ["plan-detected", "plan-cross-border", "plan-major-event", "whatif-reduction", "whatif-from"].forEach(function (id) {
      $(id).addEventListener("change", saveOptions);
      $(id).addEventListener("input", saveOptions);
    });

    $("ws-export").addEventListener("click", exportWorkspace);
    $("ws-file").addEventListener("change", function (e) {
      var file = e.target.files && e.target.files[0];
      if (file) importFile(file);
      e.target.value = "";
    });
    $("ws-link-make").addEventListener("click", copyLink);
    $("ws-restore").addEventListener("click", restorePrevious);
    $("ws-dismiss").addEventListener("click", dismiss);
    window.addEventListener("hashchange", function () { readLink(); });

    return {
      /** After the first assessment: a link in the address is opened; a kept earlier scenario is offered back. */
      start: function () {
        if (location.hash.indexOf("#s=") !== 0 && checkPrevious()) {
          notice = { state: "kept", key: "ws.previousKept", canRestore: true };
          renderNotice();
        }
        return readLink();
      },
      render: function () {
        renderNotice();
        if (lastStatus) say(lastStatus.parts, lastStatus.state);
        if (lastLinkStatus) sayLink(lastLinkStatus.parts, lastLinkStatus.state);
        showProblems(lastProblems);
      },
      snapshot: snapshot,
      importText: importText,
      makeLink: makeLink
    };
  }

  root.CrisisDeskWorkspace = {
    mount: mount, serialise: serialise, validateWorkspace: validateWorkspace, validateOptions: validateOptions,
    encodeLink: encodeLink, decodeLink: decodeLink, FORMAT: FORMAT, OPTIONS_KEY: OPTIONS_KEY, PREVIOUS_KEY: PREVIOUS_KEY
  };
})(typeof globalThis !== "undefined" ? globalThis : self);
