// Data in: the daily series from a CSV file (UTF-8, UTF-8 with a BOM, UTF-16 "Unicode text", or
// GB18030/GBK as Excel on Chinese Windows writes it), chosen, dropped, or pasted from a spreadsheet
// (tab-separated). The text is parsed and checked in slices between which the page keeps running
// (a Worker would need its own file and is refused from file:// by Chromium), with a <progress>.
// Each situation column is guessed from the header, in Chinese or English, and can be corrected;
// problems are listed by row and column as in the file (row 1 = the header); any day can be edited
// before "apply" replaces the scenario's series. Text from the file only ever goes into
// textContent or value, never into HTML.
(function (root) {
  "use strict";

  var FIELDS = ["date", "localCases", "importedCases", "asymptomatic", "deaths", "admissions", "testsPerformed", "testsPositive", "bedsOccupied", "icuOccupied"];
  var REQUIRED = { date: true, localCases: true };
  // Names a header may carry, lower-cased without spaces or punctuation, most telling first.
  var SYNONYMS = {
    date: ["date", "日期", "报告日期", "统计日期", "时间", "day", "reportdate"],
    localCases: ["localcases", "本土确诊", "新增本土", "本地病例", "本土病例", "本地确诊", "新增确诊", "确诊", "local", "newcases", "cases", "confirmed"],
    importedCases: ["importedcases", "境外输入", "输入病例", "输入确诊", "输入", "imported"],
    asymptomatic: ["asymptomatic", "无症状"],
    deaths: ["deaths", "死亡", "death", "died"],
    admissions: ["admissions", "入院", "新增住院", "admission", "admitted"],
    testsPerformed: ["testsperformed", "检测数", "检测人次", "检测人数", "核酸检测", "检测", "tests", "tested"],
    testsPositive: ["testspositive", "阳性数", "阳性", "positives", "positive"],
    bedsOccupied: ["bedsoccupied", "占用床位", "床位占用", "在院人数", "在院", "住院人数", "occupiedbeds", "beds"],
    icuOccupied: ["icuoccupied", "icu", "重症监护", "重症"]
  };
  // A header goes to the first of these it names: "检测阳性数" is positives, not tests; "ICU占用床位" is ICU.
  var GUESS_ORDER = ["icuOccupied", "testsPositive", "asymptomatic", "importedCases", "deaths", "admissions", "testsPerformed", "bedsOccupied", "localCases", "date"];
  var DELIMITERS = { ",": "comma", ";": "semicolon", "\t": "tab" };
  var SLICE_MS = 12; // work per slice; the page paints and answers input in between
  var PAGE_ROWS = 20;
  var MAX_ERRORS_KEPT = 5000;
  var MAX_ERRORS_SHOWN = 200;
  var MAX_FILE_BYTES = 100 * 1024 * 1024;
  var LONG_SERIES = 3650; // more days than this take the core seconds to assess: said before applying

  // ---- Pure parts (also used by the tests through window.CrisisDeskImport) ----

  /** Bytes → text: a UTF-16 BOM, else strict UTF-8 (a BOM is dropped), else GB18030 (a superset of GBK). */
  function decode(bytes) {
    var b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(b), encoding: "utf-16" };
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(b), encoding: "utf-16" };
    try {
      var bom = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
      return { text: new TextDecoder("utf-8", { fatal: true }).decode(b), encoding: bom ? "utf-8-bom" : "utf-8" };
    } catch (e) {
      return { text: new TextDecoder("gb18030").decode(b), encoding: "gb18030" };
    }
  }

  /** The delimiter the header line uses most (outside quotes): tab, semicolon or comma (the default). */
  function guessDelimiter(text) {
    var counts = { ",": 0, ";": 0, "\t": 0 };
    var quoted = false;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (c === '"') quoted = !quoted;
      else if (!quoted && (c === "\n" || c === "\r")) break;
      else if (!quoted && counts[c] !== undefined) counts[c]++;
    }
    var best = ",";
    if (counts["\t"] > counts[best]) best = "\t";
    if (counts[";"] > counts[best]) best = ";";
    return best;
  }

  /**
   * An RFC 4180 reader that can stop and resume: quoted fields with the delimiter, "" for a quote and
   * line breaks inside; CRLF, LF or CR between records. next() gives one record's fields, or null at the end.
   */
  function Reader(text, delimiter) {
    this.s = text;
    this.i = 0;
    this.d = delimiter.charCodeAt(0);
    this.issue = null; // { code, col } about the record just read
  }
  Reader.prototype.next = function () {
    var s = this.s, n = s.length, d = this.d, i = this.i, c, start;
    this.issue = null;
    if (i >= n) return null;
    var row = [];
    for (;;) {
      var field;
      if (s.charCodeAt(i) === 34) {
        field = "";
        i++;
        for (;;) {
          var q = s.indexOf('"', i);
          if (q < 0) {
            field += s.slice(i);
            i = n;
            this.issue = { code: "unclosedQuote", col: row.length };
            break;
          }
          field += s.slice(i, q);
          if (s.charCodeAt(q + 1) === 34) {
            field += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        start = i;
        while (i < n) {
          c = s.charCodeAt(i);
          if (c === d || c === 10 || c === 13) break;
          i++;
        }
        if (i > start) {
          field += s.slice(start, i); // kept, and reported: text after a closing quote
          if (!this.issue) this.issue = { code: "afterQuote", col: row.length };
        }
      } else {
        start = i;
        while (i < n) {
          c = s.charCodeAt(i);
          if (c === d || c === 10 || c === 13) break;
          i++;
        }
        field = s.slice(start, i);
      }
      row.push(field);
      if (i >= n) break;
      c = s.charCodeAt(i);
      if (c === d) {
        i++;
        if (i >= n) {
          row.push("");
          break;
        }
        continue;
      }
      i += c === 13 && s.charCodeAt(i + 1) === 10 ? 2 : 1;
      break;
    }
    this.i = i;
    return row;
  };

  /** The whole text at once: [[field, …], …] (blank lines kept as [""]). */
  function parseCsv(text, delimiter) {
    var r = new Reader(text, delimiter || guessDelimiter(text));
    var out = [], row;
    while ((row = r.next()) !== null) out.push(row);
    return out;
  }

  function norm(h) {
    return String(h)
      .replace(/[\uff01-\uff5e]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); })
      .toLowerCase()
      .replace(/[\s_\-()[\]{}（）【】:：.,，、/\\|'"“”]+/g, "");
  }

  /** { field: column index or -1 } guessed from header names in either language. */
  function guessMapping(header) {
    var best = {}; // field → { col, score }
    header.forEach(function (h, col) {
      var n = norm(h);
      if (!n) return;
      var cumulative = /累计|cumulative|total/.test(n) ? 1000 : 0;
      for (var g = 0; g < GUESS_ORDER.length; g++) {
        var f = GUESS_ORDER[g];
        var list = SYNONYMS[f];
        var score = -1;
        if (n === f.toLowerCase()) score = 0;
        else {
          for (var k = 0; k < list.length; k++) {
            if (n === list[k]) { score = 1 + k; break; }
            if (n.indexOf(list[k]) >= 0) { score = 100 + k; break; }
          }
        }
        if (score < 0) continue;
        score += cumulative;
        if (!best[f] || score < best[f].score) best[f] = { col: col, score: score };
        return; // a header names one field
      }
    });
    var mapping = {};
    FIELDS.forEach(function (f) { mapping[f] = best[f] ? best[f].col : -1; });
    return mapping;
  }

  var DATE_RE = /^(\d{4})(?:-(\d{1,2})-(\d{1,2})|\/(\d{1,2})\/(\d{1,2})|\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?)(?:[ T]0?0:00(?::00)?)?$/;

  function pad2(n) {
    return n < 10 ? "0" + n : String(n);
  }

  /** "2026-10-01", "2026/10/1", "2026年10月1日" → { iso, day } (days since 1970), or { error }. */
  function parseDate(raw) {
    var s = String(raw).trim();
    if (!s) return { error: "dateMissing" };
    var m = DATE_RE.exec(s);
    if (!m) return { error: "date" };
    var y = +m[1], mo = +(m[2] || m[4] || m[6]), d = +(m[3] || m[5] || m[7]);
    var t = Date.UTC(y, mo - 1, d);
    var back = new Date(t);
    if (mo < 1 || mo > 12 || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return { error: "date" };
    if (y < 1900 || y > 2999) return { error: "dateRange" };
    return { iso: y + "-" + pad2(mo) + "-" + pad2(d), day: Math.round(t / 86400000) };
  }

  var NUMBER_RE = /^\+?(\d+\.?\d*|\.\d+)(e\+?\d+)?$/i;

  /** A day's count: "" → null (not reported), "1,234" → 1234; or { error }. */
  function parseCount(raw) {
    var s = String(raw).trim();
    if (!s) return { value: null };
    if (/[^\x00-\x7f]/.test(s)) s = s.replace(/[\uff10-\uff19\uff0e\uff0c\uff0b\uff0d]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); }).trim();
    if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
    var negative = /^-\s*(\d|\.\d)/.test(s);
    if (negative) s = s.replace(/^-\s*/, "");
    if (!NUMBER_RE.test(s)) return { error: "number" };
    var x = Number(s);
    if (!isFinite(x)) return { error: "number" };
    if (negative && x !== 0) return { error: "negative" };
    if (x !== Math.floor(x)) return { error: "fraction" };
    return { value: x };
  }

  function columnLetter(i) {
    var s = "";
    i += 1;
    while (i > 0) {
      var r = (i - 1) % 26;
      s = String.fromCharCode(65 + r) + s;
      i = Math.floor((i - 1) / 26);
    }
    return s;
  }

  function now() {
    return root.performance && performance.now ? performance.now() : Date.now();
  }

  // ---- The panel ----

  function mount(ctx) {
    var t = ctx.t;
    var job = null;
    var generation = 0;

    function $(id) {
      return document.getElementById(id);
    }
    function el(tag, text, attrs) {
      var e = document.createElement(tag);
      if (text !== undefined && text !== null) e.textContent = text;
      for (var k in attrs || {}) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
      return e;
    }
    function fmt(n) {
      return ctx.fmt(n);
    }
    var lastStatus = null; // [[key, params], …] and a state, translated again when the language changes
    function status(parts, state) {
      lastStatus = { parts: parts, state: state || "" };
      var s = $("im-status");
      // The file's name is isolated (i18n.js): its bidi controls cannot reorder the rest of the line.
      root.CrisisDeskI18n.fillIsolated(s, parts.map(function (p) { return t(p[0], p[1]); }).join(ctx.lang() === "zh" ? "" : " "),
        [].concat.apply([], parts.map(function (p) { return p[1] ? [p[1].name, p[1].value] : []; })));
      s.dataset.state = state || "";
    }

    /**
     * Waits for the next painted frame, then runs fn: one slice per frame, so the page draws and answers
     * input between slices. A hidden page draws no frames: there a timer runs the next slice at once.
     */
    function afterFrame(fn) {
      if (document.hidden || typeof root.requestAnimationFrame !== "function") {
        setTimeout(fn, 0);
        return;
      }
      var done = false;
      var go = function () {
        if (done) return;
        done = true;
        fn();
      };
      root.requestAnimationFrame(function () { setTimeout(go, 0); }); // after the frame's paint, not before it
      setTimeout(go, 100); // and never slower than this
    }

    /**
     * Runs work() (a bounded step; true when done) in slices of SLICE_MS with the page free in between;
     * stops when alive() turns false (another file, or a newer check of the same one).
     */
    function sliced(alive, work, progress) {
      return new Promise(function (resolve, reject) {
        function tick() {
          if (!alive()) return reject(new Error("superseded"));
          var end = now() + SLICE_MS;
          try {
            do {
              if (work()) {
                progress();
                return resolve();
              }
            } while (now() < end);
          } catch (e) {
            return reject(e);
          }
          progress();
          afterFrame(tick);
        }
        tick();
      });
    }

    function showProgress(on, fraction, text) {
      var box = $("im-progress-box");
      box.hidden = !on;
      $("import").setAttribute("aria-busy", on ? "true" : "false");
      if (!on) return;
      var p = $("im-progress");
      p.value = Math.max(0, Math.min(100, Math.round(fraction * 1000) / 10));
      $("im-progress-text").textContent = text;
    }

    // Read: the text, record by record, into rows of strings.
    function read(text, meta) {
      var j = {
        gen: ++generation, name: meta.name, source: meta.source, encoding: meta.encoding || null, text: text,
        delimiter: meta.delimiter || guessDelimiter(text), header: null, headerRow: 0, rows: [], rowNo: [],
        parseIssues: [], edits: {}, mapping: null, v: null, page: 0, applied: null
      };
      job = j;
      $("im-result").hidden = true;
      status([["im.reading", { name: j.name }]], "busy");
      showProgress(true, 0, t("im.progressRead", { rows: fmt(0) }));
      var reader = new Reader(text, j.delimiter);
      var recNo = 0;
      return sliced(function () { return j.gen === generation; }, function () {
        for (var k = 0; k < 2000; k++) {
          var row = reader.next();
          if (row === null) return true;
          recNo++;
          if (row.length === 1 && row[0].trim() === "" && !reader.issue) continue; // a blank line: counted, skipped
          if (!j.header) {
            j.header = row;
            j.headerRow = recNo;
          } else {
            j.rows.push(row);
            j.rowNo.push(recNo);
          }
          if (reader.issue) j.parseIssues.push({ row: recNo, col: reader.issue.col, code: reader.issue.code });
        }
        return false;
      }, function () {
        showProgress(true, 0.6 * (text.length ? reader.i / text.length : 1), t("im.progressRead", { rows: fmt(j.rows.length) }));
      }).then(function () {
        if (!j.header) j.header = [];
        j.mapping = meta.mapping || guessMapping(j.header);
        return check(j);
      });
    }

    function cell(j, i, col) {
      var r = j.rows[i];
      return col < r.length ? r[col] : "";
    }

    /** Checks every row under the current mapping; the values, dates and problems go to j.v. */
    function check(j) {
      var seq = j.checkSeq = (j.checkSeq || 0) + 1;
      var n = j.rows.length;
      var mapped = FIELDS.filter(function (f) { return j.mapping[f] >= 0; });
      var v = { errors: [], errorCount: 0, values: {}, dates: new Array(n), days: new Array(n), global: [], descending: false };
      mapped.forEach(function (f) { if (f !== "date") v.values[f] = new Array(n); });
      var add = function (e) {
        v.errorCount++;
        if (v.errors.length < MAX_ERRORS_KEPT) v.errors.push(e);
      };
      // Whole-file problems first: what is not mapped, a column used twice, no rows.
      FIELDS.forEach(function (f) { if (REQUIRED[f] && j.mapping[f] < 0) v.global.push({ code: "unmapped", field: f }); });
      var used = {};
      mapped.forEach(function (f) {
        var c = j.mapping[f];
        if (used[c]) v.global.push({ code: "sameColumn", field: f, other: used[c], col: c });
        else used[c] = f;
      });
      if (!n) v.global.push({ code: "noRows" });
      j.parseIssues.forEach(function (p) {
        add({ row: p.row, idx: j.rowNo.indexOf(p.row), col: p.col, code: p.code, value: p.row === j.headerRow ? j.header[p.col] : null });
      });
      var width = j.header.length;
      var dateCol = j.mapping.date;
      var prevDay = null, prevIso = null, prevBroken = false, down = 0, pairs = 0, sequence = [];
      var i = 0;
      return sliced(function () { return j.gen === generation && j.checkSeq === seq; }, function () {
        for (var k = 0; k < 1000; k++) {
          if (i >= n) return true;
          var row = j.rows[i], recNo = j.rowNo[i], raw, r;
          if (row.length > width) {
            for (var x = width; x < row.length; x++) {
              if (row[x].trim() !== "") {
                // Listed, but it stops nothing: cells beyond the header are simply not imported.
                add({ row: recNo, idx: i, col: x, code: "extraCells", value: row[x], params: { cells: row.length, header: width }, warning: true });
                break;
              }
            }
          }
          if (dateCol >= 0) {
            raw = dateCol < row.length ? row[dateCol] : "";
            r = parseDate(raw);
            if (r.error) {
              add({ row: recNo, idx: i, col: dateCol, field: "date", code: r.error, value: raw });
              v.dates[i] = null;
              prevBroken = true;
            } else {
              v.dates[i] = r.iso;
              v.days[i] = r.day;
              if (prevDay !== null) {
                var diff = r.day - prevDay;
                pairs++;
                if (diff === -1) down++;
                if (diff !== 1 && !(prevBroken && diff > 1)) {
                  var e = diff > 1
                    ? { row: recNo, idx: i, col: dateCol, field: "date", code: "gap", value: raw, params: { from: prevIso, to: r.iso, days: diff - 1 } }
                    : { row: recNo, idx: i, col: dateCol, field: "date", code: diff === 0 ? "repeat" : "notAfter", value: raw, params: { previous: prevIso } };
                  if (diff > 0) add(e);
                  else if (sequence.length < MAX_ERRORS_KEPT) sequence.push(e);
                  else sequence.overflow = (sequence.overflow || 0) + 1;
                }
              }
              prevDay = r.day;
              prevIso = r.iso;
              prevBroken = false;
            }
          }
          for (var m = 0; m < mapped.length; m++) {
            var f = mapped[m];
            if (f === "date") continue;
            var col = j.mapping[f];
            raw = col < row.length ? row[col] : "";
            r = parseCount(raw);
            if (r.error) {
              add({ row: recNo, idx: i, col: col, field: f, code: r.error, value: raw });
              v.values[f][i] = null;
            } else v.values[f][i] = r.value;
          }
          i++;
        }
        return false;
      }, function () {
        showProgress(true, 0.6 + 0.4 * (n ? i / n : 1), t("im.progressCheck", { rows: fmt(i), total: fmt(n) }));
      }).then(function () {
        // Newest first throughout: one problem with a button, not one per row.
        if (pairs > 0 && down === pairs) {
          v.descending = true;
          add({ row: j.rowNo[1], idx: 1, col: dateCol, field: "date", code: "descending", value: j.rows[1][dateCol] });
        } else {
          sequence.forEach(add);
          v.errorCount += sequence.overflow || 0;
        }
        v.errors.sort(function (a, b) { return a.row - b.row || a.col - b.col; });
        j.v = v;
        var firstOk = null, lastOk = null;
        for (var q = 0; q < n; q++) if (v.dates[q]) { firstOk = v.dates[q]; break; }
        for (q = n - 1; q >= 0; q--) if (v.dates[q]) { lastOk = v.dates[q]; break; }
        v.firstDate = firstOk;
        v.lastDate = lastOk;
      });
    }

    function whenChecked(j) {
      showProgress(false);
      if (j.gen !== generation) return;
      renderResult();
      var v = j.v;
      var bad = v.global.length + v.errorCount;
      var stop = blocking();
      status(bad
        ? [["im.readWithProblems", { name: j.name, rows: fmt(j.rows.length), count: fmt(bad) }]].concat(stop ? [["hd.scenarioUnchanged"]] : [])
        : [["im.readOk", { name: j.name, rows: fmt(j.rows.length), first: v.firstDate, last: v.lastDate }]],
      stop ? "problems" : "ok");
      $("import").dataset.state = stop ? "problems" : "ready";
    }

    function failed(e) {
      if (e && e.message === "superseded") return;
      showProgress(false);
      status([["im.readFailed", { message: String((e && e.message) || e) }], ["hd.scenarioUnchanged"]], "error");
      $("import").dataset.state = "error";
    }

    function start(text, meta) {
      $("import").dataset.state = "working";
      read(text, meta).then(function () { whenChecked(job); }, failed);
    }

    function recheck() {
      var j = job;
      if (!j) return;
      $("import").dataset.state = "working";
      $("im-apply").disabled = true;
      check(j).then(function () {
        showProgress(false);
        if (j.gen !== generation) return;
        renderErrors();
        markPreview();
        renderSummary();
        updateApply();
        $("import").dataset.state = blocking() ? "problems" : "ready";
      }, failed);
    }

    function loadFile(file) {
      if (file.size > MAX_FILE_BYTES) {
        status([["im.tooLarge", { name: file.name }]], "error");
        return;
      }
      generation++;
      $("import").dataset.state = "working";
      status([["im.reading", { name: file.name }]], "busy");
      showProgress(true, 0, t("im.progressRead", { rows: fmt(0) }));
      var bytes = file.arrayBuffer ? file.arrayBuffer() : new Promise(function (resolve, reject) {
        var r = new FileReader();
        r.onload = function () { resolve(r.result); };
        r.onerror = function () { reject(r.error); };
        r.readAsArrayBuffer(file);
      });
      bytes.then(function (buf) {
        var d = decode(buf);
        start(d.text, { name: file.name, source: "file", encoding: d.encoding });
      }, failed);
    }

    // ---- Rendering ----

    function fieldName(f) {
      return t("im.field." + f);
    }
    function colName(j, c) {
      var h = c < j.header.length ? String(j.header[c]).trim() : "";
      return columnLetter(c) + (h ? " · " + h : "");
    }

    function renderSummary() {
      var j = job, v = j.v;
      var host = $("im-summary");
      host.textContent = "";
      var dl = el("dl", null, { class: "im-facts" });
      var row = function (k, val, attrs) {
        dl.appendChild(el("dt", k));
        dl.appendChild(el("dd", val, attrs));
      };
      row(t("im.source"), j.source === "paste" ? t("im.pasted") : j.name);
      if (j.encoding) row(t("im.encoding"), t("im.enc." + j.encoding), { "data-encoding": j.encoding });
      row(t("im.rows"), t("im.rowsValue", { rows: fmt(j.rows.length), first: j.rows.length ? j.rowNo[0] : "—", last: j.rows.length ? j.rowNo[j.rows.length - 1] : "—" }), { "data-rows": String(j.rows.length) });
      if (v.firstDate) row(t("im.period"), t("im.periodValue", { first: v.firstDate, last: v.lastDate }));
      var edits = Object.keys(j.edits).length;
      if (edits) row(t("im.edited"), t("im.editedValue", { count: fmt(edits) }), { "data-edits": String(edits) });
      host.appendChild(dl);
      var delim = $("im-delimiter");
      delim.value = j.delimiter;
    }

    function renderMapping() {
      var j = job;
      var host = $("im-mapping");
      host.textContent = "";
      var table = el("table", null, { class: "im-map" });
      table.appendChild(el("caption", t("im.mapCaption"), { class: "visually-hidden" }));
      var thead = el("thead"), hr = el("tr");
      [t("im.colField"), t("im.colFileColumn"), t("im.colSample")].forEach(function (h) { hr.appendChild(el("th", h, { scope: "col" })); });
      thead.appendChild(hr);
      table.appendChild(thead);
      var tbody = el("tbody");
      FIELDS.forEach(function (f) {
        var tr = el("tr", null, { "data-field": f });
        var id = "im-map-" + f;
        var th = el("th", null, { scope: "row" });
        var label = el("label", fieldName(f), { for: id });
        th.appendChild(label);
        th.appendChild(el("code", f, { class: "im-key" }));
        if (REQUIRED[f]) th.appendChild(el("span", t("im.required"), { class: "im-required" }));
        tr.appendChild(th);
        var td = el("td");
        var select = el("select", null, { id: id, "data-field": f });
        select.appendChild(new Option(t("im.notInFile"), "-1"));
        j.header.forEach(function (h, c) { select.appendChild(new Option(colName(j, c), String(c))); });
        select.value = String(j.mapping[f]);
        select.addEventListener("change", function () {
          j.mapping[f] = Number(select.value);
          j.page = 0;
          sample.textContent = sampleOf(f);
          recheckAndRebuild("im-map-" + f);
        });
        td.appendChild(select);
        tr.appendChild(td);
        var sample = el("td", null, { class: "im-sample", "data-label": t("im.colSample") + t("tl.colon") });
        sample.textContent = sampleOf(f);
        tr.appendChild(sample);
        tbody.appendChild(tr);
      });
      table.appendChild(tbody);
      var wrap = el("div", null, { class: "im-scroll", role: "region", tabindex: "0", "aria-label": t("im.mapCaption") });
      wrap.appendChild(table);
      host.appendChild(wrap);
      var unused = j.header.map(function (h, c) { return c; }).filter(function (c) {
        return !FIELDS.some(function (f) { return j.mapping[f] === c; });
      });
      var note = $("im-unused");
      var unusedNames = unused.map(function (c) { return colName(j, c); });
      root.CrisisDeskI18n.fillIsolated(note, unused.length ? t("im.unused", { columns: unusedNames.join(t("im.listSep")) }) : "", unusedNames);
      note.hidden = !unused.length;
    }

    function sampleOf(f) {
      var j = job, c = j.mapping[f];
      if (c < 0 || !j.rows.length) return "—";
      var s = cell(j, 0, c);
      return s === "" ? t("im.blank") : s;
    }

    /** After a mapping change (or a reversal) the tables are rebuilt; focus goes back to the control that was used. */
    function recheckAndRebuild(focusId) {
      var j = job;
      $("import").dataset.state = "working";
      $("im-apply").disabled = true;
      check(j).then(function () {
        showProgress(false);
        if (j.gen !== generation) return;
        renderMapping();
        if (focusId && $(focusId)) $(focusId).focus();
        renderErrors();
        renderPreview();
        renderSummary();
        updateApply();
        $("import").dataset.state = blocking() ? "problems" : "ready";
      }, failed);
    }

    function errorText(e) {
      var p = e.params || {};
      var params = { from: p.from, to: p.to, days: p.days, previous: p.previous, cells: p.cells, header: p.header };
      return t("im.err." + e.code, params);
    }

    function renderErrors() {
      var j = job, v = j.v;
      var host = $("im-errors");
      host.textContent = "";
      var total = v.global.length + v.errorCount;
      var heading = $("im-errors-heading");
      heading.textContent = total ? t("im.errorsHeading", { count: fmt(total) }) : t("im.noErrors");
      heading.dataset.count = String(total);
      $("im-errors-box").dataset.state = blocking() ? "problems" : total ? "warnings" : "ok";
      if (v.global.length) {
        var ul = el("ul", null, { class: "im-global" });
        v.global.forEach(function (g) {
          var text = g.code === "unmapped" ? t("im.err.unmapped", { field: fieldName(g.field) })
            : g.code === "sameColumn" ? t("im.err.sameColumn", { field: fieldName(g.field), other: fieldName(g.other), column: colName(j, g.col) })
            : t("im.err.noRows");
          ul.appendChild(el("li", text, { "data-code": g.code }));
        });
        host.appendChild(ul);
      }
      if (!v.errors.length) return;
      var shown = v.errors.slice(0, MAX_ERRORS_SHOWN);
      var wrap = el("div", null, { class: "im-scroll im-errors-scroll", role: "region", tabindex: "0", "aria-label": t("im.errorsCaption") });
      var table = el("table", null, { class: "im-errors-table" });
      table.appendChild(el("caption", t("im.errorsCaption"), { class: "visually-hidden" }));
      var thead = el("thead"), hr = el("tr");
      [t("im.colRow"), t("im.colColumn"), t("im.colValue"), t("im.colProblem"), t("im.colFix")].forEach(function (h) { hr.appendChild(el("th", h, { scope: "col" })); });
      thead.appendChild(hr);
      table.appendChild(thead);
      var tbody = el("tbody");
      shown.forEach(function (e) {
        var tr = el("tr", null, { "data-row": String(e.row), "data-column": columnLetter(e.col), "data-code": e.code, "data-severity": e.warning ? "warning" : "error" });
        tr.appendChild(el("th", String(e.row), { scope: "row", "data-label": t("im.colRow") }));
        tr.appendChild(el("td", colName(j, e.col), { "data-label": t("im.colColumn") }));
        var val = el("td", null, { "data-label": t("im.colValue") });
        val.appendChild(el("code", e.value === null || e.value === undefined ? "" : e.value === "" ? t("im.blank") : String(e.value)));
        tr.appendChild(val);
        var what = el("td", null, { "data-label": t("im.colProblem") });
        if (e.warning) what.appendChild(el("strong", t("im.warning") + " "));
        what.appendChild(document.createTextNode(errorText(e)));
        tr.appendChild(what);
        var fix = el("td", null, { "data-label": t("im.colFix") });
        if (e.code === "descending") {
          var rev = el("button", t("im.reverse"), { type: "button", class: "secondary small", id: "im-reverse" });
          rev.addEventListener("click", reverseRows);
          fix.appendChild(rev);
        } else if (e.field && e.idx >= 0 && j.mapping[e.field] >= 0) {
          var go = el("button", t("im.goToCell"), { type: "button", class: "linklike", "aria-label": t("im.goToCellLabel", { row: e.row, column: colName(j, e.col) }) });
          go.addEventListener("click", function () { goToCell(e.idx, e.field); });
          fix.appendChild(go);
        }
        tr.appendChild(fix);
        tbody.appendChild(tr);
      });
      table.appendChild(tbody);
      wrap.appendChild(table);
      host.appendChild(wrap);
      if (total - v.global.length > shown.length) host.appendChild(el("p", t("im.moreErrors", { shown: fmt(shown.length), total: fmt(v.errorCount) }), { class: "hint" }));
    }

    function reverseRows() {
      var j = job;
      j.rows.reverse();
      j.rowNo.reverse();
      j.page = 0;
      status([["im.reversed"]], "ok");
      recheckAndRebuild("im-errors-heading");
    }

    function goToCell(idx, field) {
      job.page = Math.floor(idx / PAGE_ROWS);
      renderPreview();
      var input = document.querySelector('#im-preview input[data-idx="' + idx + '"][data-field="' + field + '"]');
      if (input) {
        input.focus();
        input.select();
      }
    }

    function previewFields() {
      return FIELDS.filter(function (f) { return job.mapping[f] >= 0; });
    }

    function renderPreview() {
      var j = job;
      var host = $("im-preview");
      host.textContent = "";
      var n = j.rows.length;
      var pages = Math.max(1, Math.ceil(n / PAGE_ROWS));
      if (j.page >= pages) j.page = pages - 1;
      var from = j.page * PAGE_ROWS, to = Math.min(n, from + PAGE_ROWS);
      var nav = el("div", null, { class: "im-pager" });
      var prev = el("button", t("im.prevPage"), { type: "button", class: "secondary small", id: "im-prev" });
      var next = el("button", t("im.nextPage"), { type: "button", class: "secondary small", id: "im-next" });
      prev.disabled = j.page === 0;
      next.disabled = j.page >= pages - 1;
      prev.addEventListener("click", function () { j.page--; renderPreview(); $("im-prev").focus(); });
      next.addEventListener("click", function () { j.page++; renderPreview(); $("im-next").focus(); });
      var where = el("span", n ? t("im.pageOf", { first: j.rowNo[from], last: j.rowNo[to - 1], total: fmt(n) }) : t("im.err.noRows"), { id: "im-page-text", "aria-live": "polite" });
      nav.appendChild(where);
      var buttons = el("span", null, { class: "im-pager-buttons" });
      buttons.appendChild(prev);
      buttons.appendChild(next);
      nav.appendChild(buttons);
      var jump = el("span", null, { class: "im-jump" });
      var jl = el("label", t("im.goToRow"), { for: "im-goto" });
      var ji = el("input", null, { id: "im-goto", type: "number", min: "2", step: "1", inputmode: "numeric", class: "im-goto" });
      var jb = el("button", t("im.go"), { type: "button", class: "secondary small", id: "im-goto-button" });
      var go = function () {
        var want = Number(ji.value);
        var idx = -1;
        for (var q = 0; q < j.rowNo.length; q++) if (j.rowNo[q] >= want) { idx = q; break; }
        if (idx < 0) idx = n - 1;
        if (idx < 0) return;
        j.page = Math.floor(idx / PAGE_ROWS);
        renderPreview();
        var first = document.querySelector('#im-preview input[data-idx="' + idx + '"]');
        if (first) first.focus();
      };
      jb.addEventListener("click", go);
      ji.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); go(); } });
      jump.appendChild(jl);
      jump.appendChild(ji);
      jump.appendChild(jb);
      nav.appendChild(jump);
      host.appendChild(nav);
      var fields = previewFields();
      var wrap = el("div", null, { class: "im-scroll", role: "region", tabindex: "0", "aria-label": t("im.previewCaption") });
      var table = el("table", null, { class: "im-preview-table" });
      table.appendChild(el("caption", t("im.previewCaption"), { class: "visually-hidden" }));
      var thead = el("thead"), hr = el("tr");
      hr.appendChild(el("th", t("im.colRow"), { scope: "col" }));
      fields.forEach(function (f) {
        var th = el("th", null, { scope: "col", "data-field": f });
        th.appendChild(el("span", fieldName(f)));
        th.appendChild(el("span", null, { class: "im-from" })).appendChild(root.CrisisDeskI18n.isolated(colName(j, j.mapping[f])));
        hr.appendChild(th);
      });
      thead.appendChild(hr);
      table.appendChild(thead);
      var tbody = el("tbody");
      for (var i = from; i < to; i++) {
        var tr = el("tr", null, { "data-row": String(j.rowNo[i]) });
        tr.appendChild(el("th", String(j.rowNo[i]), { scope: "row" }));
        fields.forEach(function (f) {
          var td = el("td");
          var col = j.mapping[f];
          var idx = i;
          var id = "im-cell-" + idx + "-" + f;
          var input = el("input", null, {
            type: "text", id: id, class: "im-cell", "data-idx": String(idx), "data-row": String(j.rowNo[idx]), "data-field": f,
            "aria-label": t("im.cellLabel", { row: j.rowNo[idx], field: fieldName(f) }), spellcheck: "false", autocomplete: "off",
            inputmode: f === "date" ? "text" : "numeric"
          });
          input.value = cell(j, idx, col);
          input.addEventListener("change", function () { edit(idx, f, input.value); });
          input.addEventListener("keydown", function (e) {
            if (e.key === "Enter") {
              e.preventDefault();
              edit(idx, f, input.value);
            }
          });
          td.appendChild(input);
          td.appendChild(el("span", null, { class: "im-cell-msg", id: id + "-msg" }));
          tr.appendChild(td);
        });
        tbody.appendChild(tr);
      }
      table.appendChild(tbody);
      wrap.appendChild(table);
      host.appendChild(wrap);
      markPreview();
    }

    /** Marks each shown cell: its problem (if any) beside it, and whether it was edited. */
    function markPreview() {
      var j = job;
      var byCell = {};
      j.v.errors.forEach(function (e) {
        if (e.field) byCell[e.idx + ":" + e.field] = e;
      });
      var inputs = document.querySelectorAll("#im-preview input.im-cell");
      for (var q = 0; q < inputs.length; q++) {
        var input = inputs[q];
        var idx = Number(input.dataset.idx), f = input.dataset.field;
        var e = byCell[idx + ":" + f];
        if (!e && j.v.errorCount > j.v.errors.length) {
          // Beyond the problems kept: check the cell itself.
          var r = f === "date" ? parseDate(input.value) : parseCount(input.value);
          if (r.error) e = { code: r.error };
        }
        var msg = document.getElementById(input.id + "-msg");
        msg.textContent = e ? errorText(e) : "";
        if (e) {
          input.setAttribute("aria-invalid", "true");
          input.setAttribute("aria-describedby", msg.id);
        } else {
          input.removeAttribute("aria-invalid");
          input.removeAttribute("aria-describedby");
        }
        var key = j.rowNo[idx] + ":" + j.mapping[f];
        if (j.edits[key]) input.dataset.edited = "true";
        else delete input.dataset.edited;
      }
    }

    function edit(idx, f, value) {
      var j = job;
      var col = j.mapping[f];
      var row = j.rows[idx];
      if ((col < row.length ? row[col] : "") === value) return;
      while (row.length <= col) row.push("");
      row[col] = value;
      j.edits[j.rowNo[idx] + ":" + col] = true;
      status([["im.editedCell", { row: j.rowNo[idx], field: fieldName(f), value: value === "" ? t("im.blank") : value }]], "ok");
      recheck();
    }

    function keepFrom() {
      var j = job;
      var keep = Number($("im-keep").value);
      if (!$("im-keep").value || !isFinite(keep) || keep <= 0 || keep >= j.rows.length) return 0;
      return j.rows.length - Math.floor(keep);
    }

    /** Problems that stop "apply": the mapping, and row problems within the days kept. */
    function blocking() {
      var j = job, v = j.v;
      if (v.global.length) return v.global.length;
      var from = keepFrom();
      var count = 0;
      v.errors.forEach(function (e) {
        if (e.warning || e.idx < from) return;
        if (e.idx === from && (e.code === "gap" || e.code === "repeat" || e.code === "notAfter")) return; // the first day kept has no day before it
        count++;
      });
      return count + (v.errorCount - v.errors.length);
    }

    function updateApply() {
      var j = job;
      var b = j && j.v ? blocking() : 1;
      var button = $("im-apply");
      button.disabled = b > 0;
      var days = j && j.v ? j.rows.length - keepFrom() : 0;
      var note = $("im-apply-note");
      note.textContent = !j || !j.v ? "" : b > 0 ? t("im.fixFirst", { count: fmt(b) })
        : days > LONG_SERIES ? t("im.longSeries", { days: fmt(days) })
        : t("im.willApply", { days: fmt(days), first: j.v.dates[keepFrom()], last: j.v.lastDate });
      note.dataset.state = b > 0 ? "blocked" : days > LONG_SERIES ? "long" : "ok";
    }

    function renderResult() {
      if (!job || !job.v) {
        $("im-result").hidden = true;
        return;
      }
      $("im-result").hidden = false;
      renderSummary();
      renderMapping();
      renderErrors();
      renderPreview();
      updateApply();
    }

    function apply() {
      var j = job;
      if (!j || !j.v || blocking()) return;
      var base;
      try {
        base = JSON.parse(ctx.scenarioText());
      } catch (e) {
        base = null;
      }
      if (!base || typeof base !== "object" || Array.isArray(base)) {
        status([["im.noScenario"]], "error");
        return;
      }
      var from = keepFrom();
      var series = { date: j.v.dates.slice(from) };
      FIELDS.forEach(function (f) {
        if (f !== "date" && j.mapping[f] >= 0) series[f] = j.v.values[f].slice(from);
      });
      var oldAsOf = base.asOf;
      var oldColumns = base.series && typeof base.series === "object" ? Object.keys(base.series) : [];
      // The scenario as parsed, with its series and date replaced: every other key is kept as it was,
      // even one named "__proto__" (copying it with out[k] = … would set a prototype and drop the key).
      var out = base;
      out.series = series;
      out.asOf = j.v.lastDate; // the assessment is as of the last day imported
      var dropped = oldColumns.filter(function (k) { return !Object.prototype.hasOwnProperty.call(series, k); });
      ctx.setScenario(out);
      j.applied = { days: series.date.length, first: series.date[0], last: j.v.lastDate };
      var parts = [["im.applied", { days: fmt(series.date.length), first: series.date[0], last: j.v.lastDate }]];
      if (oldAsOf !== out.asOf) parts.push(["im.asOfSet", { date: out.asOf }]);
      if (dropped.length) parts.push(["im.dropped", { columns: dropped.join(", ") }]);
      status(parts, "applied");
      $("import").dataset.state = "applied";
    }

    function discard() {
      generation++;
      job = null;
      showProgress(false);
      $("im-result").hidden = true;
      status([["im.discarded"]], "");
      $("import").dataset.state = "";
    }

    // ---- Wiring ----

    $("im-file").addEventListener("change", function (e) {
      var file = e.target.files && e.target.files[0];
      if (file) loadFile(file);
      e.target.value = ""; // the same file can be chosen again
    });
    var drop = $("im-drop");
    var hasFiles = function (e) {
      var types = e.dataTransfer && e.dataTransfer.types;
      return !!types && Array.prototype.indexOf.call(types, "Files") >= 0;
    };
    ["dragenter", "dragover"].forEach(function (type) {
      drop.addEventListener(type, function (e) {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
        drop.dataset.over = "true";
      });
    });
    drop.addEventListener("dragleave", function (e) {
      if (!drop.contains(e.relatedTarget)) delete drop.dataset.over;
    });
    drop.addEventListener("drop", function (e) {
      delete drop.dataset.over;
      var files = e.dataTransfer && e.dataTransfer.files;
      if (!files || !files.length) return;
      e.preventDefault();
      loadFile(files[0]);
    });
    // A file dropped beside the zone does nothing, instead of the browser leaving the page for it.
    window.addEventListener("dragover", function (e) { if (hasFiles(e) && !drop.contains(e.target)) { e.preventDefault(); e.dataTransfer.dropEffect = "none"; } });
    window.addEventListener("drop", function (e) { if (hasFiles(e) && !drop.contains(e.target)) e.preventDefault(); });

    $("im-paste-read").addEventListener("click", function () {
      var text = $("im-paste").value;
      if (!text.trim()) {
        status([["im.pasteEmpty"]], "error");
        $("im-paste").focus();
        return;
      }
      start(text, { name: t("im.pasted"), source: "paste", encoding: null });
    });
    $("im-delimiter").addEventListener("change", function () {
      var j = job;
      if (!j) return;
      start(j.text, { name: j.name, source: j.source, encoding: j.encoding, delimiter: $("im-delimiter").value });
    });
    $("im-keep").addEventListener("input", function () { if (job && job.v) updateApply(); });
    $("im-apply").addEventListener("click", apply);
    $("im-discard").addEventListener("click", discard);

    function fillDelimiters() {
      var s = $("im-delimiter");
      var value = s.value;
      s.textContent = "";
      Object.keys(DELIMITERS).forEach(function (d) { s.appendChild(new Option(t("im.delim." + DELIMITERS[d]), d)); });
      s.value = value || ",";
    }
    fillDelimiters();

    return {
      render: function () {
        fillDelimiters();
        if (job && job.v && !$("im-result").hidden) renderResult();
        if (lastStatus) status(lastStatus.parts, lastStatus.state);
      },
      state: function () { return job; }
    };
  }

  root.CrisisDeskImport = {
    mount: mount, decode: decode, guessDelimiter: guessDelimiter, parseCsv: parseCsv, guessMapping: guessMapping,
    parseDate: parseDate, parseCount: parseCount, columnLetter: columnLetter, FIELDS: FIELDS
  };
})(typeof globalThis !== "undefined" ? globalThis : self);
