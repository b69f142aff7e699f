// crisis-desk page: wires the standalone module (window.CrisisDesk) to the form.
// Everything the user typed is kept (a draft in localStorage); text is only ever set
// with textContent, never parsed as HTML.
(function () {
  "use strict";
  var I18N = window.CrisisDeskI18n;
  var DRAFT_KEY = "crisis-desk.situation-draft";
  var LANG_KEY = "crisis-desk.lang";
  var state = { lang: "zh", assessment: null, problems: null, example: null, startError: null };

  function $(id) {
    return document.getElementById(id);
  }
  function t(key, params) {
    return I18N.translate(state.lang, key, params);
  }
  function storage(action, key, value) {
    try {
      if (action === "get") return window.localStorage.getItem(key);
      if (action === "set") window.localStorage.setItem(key, value);
      if (action === "remove") window.localStorage.removeItem(key);
    } catch (e) {
      // Storage can be disabled by policy; the page still works without it.
    }
    return null;
  }

  // Number formatting in the page's language.
  function fmt(x, digits) {
    if (x === null || x === undefined) return "—";
    var locale = state.lang === "zh" ? "zh-CN" : "en-GB";
    return new Intl.NumberFormat(locale, { maximumFractionDigits: digits || 0, minimumFractionDigits: digits || 0 }).format(x);
  }

  /** JSON with arrays of plain values on one line, so a long daily series stays readable. */
  function pretty(value, indent) {
    indent = indent || "";
    if (Array.isArray(value)) {
      var flat = value.every(function (v) { return v === null || typeof v !== "object"; });
      if (flat) return "[" + value.map(function (v) { return JSON.stringify(v); }).join(", ") + "]";
      return "[\n" + value.map(function (v) { return indent + "  " + pretty(v, indent + "  "); }).join(",\n") + "\n" + indent + "]";
    }
    if (value && typeof value === "object") {
      var keys = Object.keys(value);
      if (!keys.length) return "{}";
      return "{\n" + keys.map(function (k) {
        return indent + "  " + JSON.stringify(k) + ": " + pretty(value[k], indent + "  ");
      }).join(",\n") + "\n" + indent + "}";
    }
    return JSON.stringify(value);
  }

  function setStatus(kind, text) {
    var el = $("status");
    el.dataset.state = kind;
    el.textContent = text;
  }

  function applyStaticStrings() {
    document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
    var nodes = document.querySelectorAll("[data-i18n]");
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = t(nodes[i].getAttribute("data-i18n"));
    $("lang-toggle").textContent = t("langSwitch");
    $("lang-toggle").setAttribute("lang", state.lang === "zh" ? "en" : "zh-CN");
  }

  function renderSignals() {
    var a = state.assessment;
    var cards = document.querySelectorAll("[data-field]");
    var details = document.querySelectorAll("[data-detail]");
    var i;
    if (!a) {
      for (i = 0; i < cards.length; i++) cards[i].textContent = "—";
      for (i = 0; i < details.length; i++) details[i].textContent = "";
      $("period").textContent = "";
      $("region-name").textContent = "";
      $("notes").textContent = "";
      return;
    }
    var s = a.signals;
    $("region-name").textContent = "· " + a.region.name;
    var period = t("period", { first: a.series.firstDate, last: a.series.lastDate, days: a.series.days, asOf: a.asOf });
    if (a.series.daysBehindAsOf > 0) period += t("periodBehind", { days: a.series.daysBehindAsOf });
    $("period").textContent = period;

    var field = function (name) { return document.querySelector('[data-field="' + name + '"]'); };
    var detail = function (name) { return document.querySelector('[data-detail="' + name + '"]'); };
    field("incidence7dPer100k").textContent = s.incidence7dPer100k === null ? t("notAvailable") : fmt(s.incidence7dPer100k, 1);
    detail("incidence7dPer100k").textContent = t("incidenceDetail", { population: fmt(a.region.population) });
    field("localCasesLast7Days").textContent = s.localCasesLast7Days === null ? t("notAvailable") : fmt(s.localCasesLast7Days);
    detail("localCasesLast7Days").textContent = s.localCasesPrevious7Days === null ? "" : t("last7Detail", { previous: fmt(s.localCasesPrevious7Days) });
    var wow = s.weekOnWeekChange;
    if (wow === null) {
      field("weekOnWeekChange").textContent = t("notAvailable");
      detail("weekOnWeekChange").textContent = "";
    } else {
      var pct = wow * 100;
      field("weekOnWeekChange").textContent = (pct > 0 ? "+" : pct < 0 ? "−" : "") + fmt(Math.abs(pct), 0) + " %";
      // Words carry the direction too, so meaning never rests on a sign or a colour alone.
      detail("weekOnWeekChange").textContent = Math.abs(pct) < 5 ? t("wowFlat") : pct > 0 ? t("wowUp") : t("wowDown");
    }
    field("cumulativeLocalCases").textContent = fmt(s.cumulativeLocalCases);
    detail("cumulativeLocalCases").textContent = t("cumulativeDetail", { first: a.series.firstDate });

    renderRtCard(a.rt);
    renderDoublingCard(a.growth.last14Days);

    var notes = $("notes");
    notes.textContent = "";
    var seen = {};
    s.notes.concat(a.rt.notes, a.growth.last14Days.notes).forEach(function (n) {
      if (seen[n.code]) return;
      seen[n.code] = true;
      var li = document.createElement("li");
      li.textContent = state.lang === "en" ? n.message : t("note." + n.code);
      li.dataset.code = n.code;
      notes.appendChild(li);
    });
  }

  function renderRtCard(rt) {
    var value = document.querySelector('[data-field="rt"]');
    var detail = document.querySelector('[data-detail="rt"]');
    var r = rt.latest;
    if (!r) {
      value.textContent = t("notAvailable");
      detail.textContent = "";
      return;
    }
    value.textContent = fmt(r.mean, 2);
    var p = Math.round(r.probabilityAbove1 * 100);
    // The words carry the verdict, so it never rests on a number's colour alone.
    var words = r.lower > 1 ? "rtAbove" : r.upper < 1 ? "rtBelow" : "rtUncertain";
    detail.textContent = t("rtInterval", { lower: fmt(r.lower, 2), upper: fmt(r.upper, 2) }) + "; " + t(words, { p: p });
    detail.dataset.verdict = words;
  }

  function renderDoublingCard(g) {
    var value = document.querySelector('[data-field="doubling"]');
    var detail = document.querySelector('[data-detail="doubling"]');
    var time = g.fit && g.fit.time;
    if (!g.fit) {
      value.textContent = t("notAvailable");
      detail.textContent = "";
      return;
    }
    if (!time) {
      value.textContent = "—";
      detail.textContent = t("noClearTrend");
      return;
    }
    value.textContent = (time.kind === "halving" ? "↓ " : "↑ ") + t("doublingValue", { days: fmt(time.days, 1) });
    var bounds = { days: fmt(time.days, 1), lower: fmt(time.lower, 1), upper: time.upper === null ? t("unbounded") : fmt(time.upper, 1) };
    detail.textContent = t(time.kind === "halving" ? "halvingDetail" : "doublingDetail", bounds);
    if (time.upper === null) detail.textContent += "; " + t("noClearTrend");
    detail.dataset.kind = time.kind;
  }

  function renderCharts() {
    var a = state.assessment;
    $("charts").hidden = !a;
    if (!a) return;
    var C = window.CrisisDeskCharts;
    var dateFormat = function (iso) { return iso.slice(5).replace("-", "/"); };
    var rt = a.rt;
    if (rt.windows.length) {
      var latest = rt.windows[rt.windows.length - 1];
      C.timeChart($("rt-chart"), {
        title: t("rtChartTitle"),
        desc: t("rtChartDesc", { mean: fmt(latest.mean, 2), lower: fmt(latest.lower, 2), upper: fmt(latest.upper, 2), date: latest.endDate }),
        dates: rt.windows.map(function (w) { return w.endDate; }),
        yMin: 0,
        format: function (v) { return fmt(v, 1); },
        dateFormat: dateFormat,
        layers: [
          { type: "band", lower: rt.windows.map(function (w) { return w.lower; }), upper: rt.windows.map(function (w) { return w.upper; }), className: "band" },
          { type: "hline", y: 1, label: t("rtLine"), className: "ref" },
          { type: "line", values: rt.windows.map(function (w) { return w.mean; }), className: "line" }
        ]
      });
      C.table($("rt-table"), t("rtChartTitle"), [t("colDate"), t("colWindow"), t("colRtMean"), t("colRtLower"), t("colRtUpper"), t("colProbAbove1")],
        rt.windows.map(function (w) {
          return [w.endDate, w.startDate + " – " + w.endDate, fmt(w.mean, 2), fmt(w.lower, 2), fmt(w.upper, 2), fmt(w.probabilityAbove1 * 100, 0) + "%"];
        }));
    } else {
      $("rt-chart").textContent = t("notAvailable");
      $("rt-table").textContent = "";
    }
    var d = a.daily;
    C.timeChart($("cases-chart"), {
      title: t("casesChartTitle"),
      desc: t("casesChartDesc", { days: d.dates.length, last7: fmt(a.signals.localCasesLast7Days) }),
      dates: d.dates,
      yMin: 0,
      format: function (v) { return fmt(v, 0); },
      dateFormat: dateFormat,
      layers: [
        { type: "bars", values: d.localCases, className: "bars" },
        { type: "line", values: d.localCases7dAverage, className: "line" }
      ]
    });
    C.table($("cases-table"), t("casesChartTitle"), [t("colDate"), t("colLocal"), t("colAvg7")],
      d.dates.map(function (date, i) {
        return [date, d.localCases[i] === null ? "—" : fmt(d.localCases[i]), d.localCases7dAverage[i] === null ? "—" : fmt(d.localCases7dAverage[i], 1)];
      }));
    var st = rt.settings;
    var si = st.serialIntervalMean !== null ? t("siParametric", { mean: fmt(st.serialIntervalMean, 1), sd: fmt(st.serialIntervalSd, 1) }) : t("siDistribution");
    $("rt-settings").textContent = t("rtSettings", { window: st.window, si: si }) + " (" + st.serialIntervalSource + ")";
  }

  function renderProblems() {
    var box = $("problems");
    var rows = $("problem-rows");
    rows.textContent = "";
    if (!state.problems || !state.problems.length) {
      box.hidden = true;
      return;
    }
    state.problems.forEach(function (p) {
      var tr = document.createElement("tr");
      tr.dataset.code = p.code;
      tr.dataset.path = p.path;
      var where = document.createElement("td");
      var code = document.createElement("code");
      code.textContent = p.path || t("rootPath");
      where.appendChild(code);
      var what = document.createElement("td");
      var label = document.createElement("strong");
      label.textContent = t("code." + p.code);
      var msg = document.createElement("div");
      msg.textContent = p.message;
      msg.setAttribute("lang", "en");
      var codeName = document.createElement("div");
      codeName.className = "code";
      codeName.textContent = p.code;
      what.appendChild(label);
      what.appendChild(msg);
      what.appendChild(codeName);
      tr.appendChild(where);
      tr.appendChild(what);
      rows.appendChild(tr);
    });
    box.hidden = false;
  }

  function render() {
    applyStaticStrings();
    renderSignals();
    renderCharts();
    renderProblems();
    $("illustrative").hidden = !isExample();
    if (state.startError) setStatus("error", t("startFailed", { message: state.startError.message }));
    else if (state.problems && state.problems.length) setStatus("error", t("problemsCount", { count: state.problems.length }));
    else if (state.assessment) setStatus("ok", t("ready", { time: state.assessedAt }));
  }

  function isExample() {
    if (!state.example) return false;
    try {
      return JSON.stringify(JSON.parse($("situation-json").value)) === JSON.stringify(state.example);
    } catch (e) {
      return false;
    }
  }

  function runAssessment() {
    var text = $("situation-json").value;
    var input;
    try {
      input = JSON.parse(text);
    } catch (e) {
      state.problems = [{ code: "invalid-json", path: "", message: e.message }];
      state.assessment = null;
      render();
      $("problems-heading").focus();
      return;
    }
    try {
      state.assessment = window.CrisisDesk.assess(input);
      state.problems = null;
      state.assessedAt = new Date().toLocaleString(state.lang === "zh" ? "zh-CN" : "en-GB");
    } catch (e) {
      state.assessment = null;
      state.problems = e && e.problems ? e.problems : [{ code: (e && e.code) || "internal", path: (e && e.path) || "", message: String((e && e.message) || e) }];
    }
    render();
    if (state.problems) $("problems-heading").focus();
  }

  function start() {
    state.lang = I18N.pickLanguage(storage("get", LANG_KEY), navigator.languages || [navigator.language]);
    applyStaticStrings();
    $("lang-toggle").addEventListener("click", function () {
      state.lang = state.lang === "zh" ? "en" : "zh";
      storage("set", LANG_KEY, state.lang);
      render();
    });
    $("situation-json").addEventListener("input", function () {
      storage("set", DRAFT_KEY, $("situation-json").value);
      $("illustrative").hidden = !isExample();
    });
    $("assess").addEventListener("click", runAssessment);
    $("reset").addEventListener("click", function () {
      $("situation-json").value = pretty(state.example);
      storage("remove", DRAFT_KEY);
      runAssessment();
    });

    if (!window.CrisisDesk) {
      state.startError = new Error("crisis_desk_standalone.js did not load (is the pkg/ folder beside www/?)");
      render();
      return;
    }
    $("version").textContent = window.CrisisDesk.VERSION;
    window.CrisisDesk.ready.then(
      function () {
        state.example = window.CrisisDesk.exampleSituation();
        var draft = storage("get", DRAFT_KEY);
        $("situation-json").value = draft !== null ? draft : pretty(state.example);
        runAssessment();
        document.body.dataset.ready = "true";
      },
      function (e) {
        state.startError = e;
        render();
        document.body.dataset.ready = "error";
      }
    );
  }

  start();
})();
