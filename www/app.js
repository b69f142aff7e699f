// crisis-desk page: wires the standalone module (window.CrisisDesk) to the form.
// Everything the user typed is kept (a draft in localStorage); text is only ever set
// with textContent, never parsed as HTML.
(function () {
  "use strict";
  var I18N = window.CrisisDeskI18n;
  var DRAFT_KEY = "crisis-desk.situation-draft";
  var LAST_GOOD_KEY = "crisis-desk.situation-draft-last-good"; // the last draft that assessed without problems
  var LANG_KEY = "crisis-desk.lang";
  var state = { lang: "zh", assessment: null, problems: null, example: null, startError: null, lastGood: null };

  function $(id) {
    return document.getElementById(id);
  }
  function t(key, params) {
    return I18N.translate(state.lang, key, params);
  }
  // ---- Faults (issue 9): storage that cannot keep changes, and saved data that cannot be used ----

  // Storage can be disabled (private mode, an office policy: reading window.localStorage throws) or
  // full (setItem throws QuotaExceededError). The page still works without it, and says so.
  var storageFault = { unavailable: false, unsaved: {}, live: false };

  function isQuotaError(e) {
    return !!e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22 || e.code === 1014);
  }

  /** get / set / remove in localStorage; never throws. `quiet`: a failed write is not reported (the last good copies). */
  function storage(action, key, value, quiet) {
    var ls;
    try {
      ls = window.localStorage;
      if (!ls) throw new Error("no localStorage");
    } catch (e) {
      storageFault.unavailable = true;
      renderStorage();
      return null;
    }
    try {
      if (action === "get") return ls.getItem(key);
      if (action === "set") ls.setItem(key, value);
      if (action === "remove") ls.removeItem(key);
      if (storageFault.unsaved[key]) {
        delete storageFault.unsaved[key];
        renderStorage();
      }
    } catch (e) {
      if (action === "set" && isQuotaError(e)) {
        if (!quiet) storageFault.unsaved[key] = true;
      } else storageFault.unavailable = true;
      renderStorage();
    }
    return null;
  }

  /** The storage message (an aria-live region), only rewritten when it changes: not on every keystroke. */
  function renderStorage() {
    if (!storageFault.live) return; // before the language is known; start() renders it then
    var el = $("storage-status");
    var kind = storageFault.unavailable ? "unavailable" : Object.keys(storageFault.unsaved).length ? "full" : "";
    var text = kind === "unavailable" ? t("hd.storageUnavailable") : kind === "full" ? t("hd.storageFull") : "";
    if (el.dataset.state === kind && el.textContent === text) return;
    el.dataset.state = kind;
    el.textContent = text;
  }

  // Saved data that cannot be used (damaged, cut off, wrong shape): said, kept as it was saved (in its
  // editor, and as a download), and the last good copy offered. Panels report theirs through ctx.damaged.
  var DAMAGED_TEXT = { scenario: "hd.damagedScenario", rulebook: "hd.damagedRulebook", options: "hd.damagedOptions", previous: "hd.damagedPrevious" };
  var damaged = []; // { kind, saved, parseError?, problems?, lastGood (text or null), restore(), restored }

  function reportDamaged(item) {
    damaged = damaged.filter(function (d) { return d.kind !== item.kind; }).concat([item]);
    renderRecovery();
  }

  /** What was found, in the page's language; its message (which can quote the saved text) kept apart. */
  function foundText(d) {
    if (d.parseError !== undefined && d.parseError !== null) {
      // Cut off: the parser ran out of text (it says so, or the error is at the very end).
      var at = /position (\d+)/.exec(d.parseError);
      var cut = /end of (JSON|data|input)/i.test(d.parseError) || (!!at && Number(at[1]) >= String(d.saved).replace(/\s+$/, "").length);
      return { text: t(cut ? "hd.foundTruncated" : "hd.foundJson", { message: d.parseError }), quoted: [d.parseError] };
    }
    var p = (d.problems && d.problems[0]) || { path: "", message: "" };
    var path = p.path || t("rootPath");
    return { text: t("hd.foundProblems", { count: d.problems ? d.problems.length : 0, path: path, message: p.message }), quoted: [path, p.message] };
  }

  var recoveryDrawn = "";
  function renderRecovery() {
    var host = $("recovery");
    // Drawn again only when something in it changed (it is an aria-live region).
    var drawn = state.lang + damaged.map(function (d) { return "|" + d.kind + (d.restored ? "+" : ""); }).join("");
    if (!host || drawn === recoveryDrawn) return;
    recoveryDrawn = drawn;
    host.textContent = "";
    damaged.forEach(function (d) {
      var box = document.createElement("div");
      box.className = "notice recovery-item";
      box.dataset.kind = d.kind;
      box.dataset.state = d.restored ? "restored" : "damaged";
      var p = document.createElement("p");
      p.id = "recovery-" + d.kind;
      p.tabIndex = -1;
      var found = foundText(d);
      var text = d.restored ? t("hd.restored")
        : t(DAMAGED_TEXT[d.kind], { found: found.text }) + (state.lang === "zh" ? "" : " ") + t(d.lastGood !== null ? "hd.lastGoodKept" : "hd.noLastGood");
      I18N.fillIsolated(p, text, d.restored ? [] : found.quoted);
      box.appendChild(p);
      var actions = document.createElement("div");
      actions.className = "actions";
      var button = function (key, cls, onClick) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = cls;
        b.dataset.action = key;
        b.textContent = t(key);
        b.addEventListener("click", onClick);
        actions.appendChild(b);
      };
      if (d.lastGood !== null && !d.restored) {
        button("hd.restoreLastGood", "", function () {
          d.restore();
          d.restored = true;
          renderRecovery();
          $("recovery-" + d.kind).focus();
        });
      }
      button("hd.downloadSaved", "secondary", function () {
        state.rulebook.download("crisis-desk-saved-" + d.kind + ".json", d.saved, "application/json");
      });
      button("hd.close", "secondary", function () {
        damaged = damaged.filter(function (x) { return x !== d; });
        renderRecovery();
      });
      box.appendChild(actions);
      host.appendChild(box);
    });
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
    I18N.fillIsolated($("region-name"), "· " + a.region.name, [a.region.name]);
    var period = t("period", { first: a.series.firstDate, last: a.series.lastDate, days: a.series.days, asOf: a.asOf });
    if (a.series.daysBehindAsOf > 0) period += t("periodBehind", { days: a.series.daysBehindAsOf });
    $("period").textContent = period;

    var field = function (name) { return document.querySelector('[data-field="' + name + '"]'); };
    var detail = function (name) { return document.querySelector('[data-detail="' + name + '"]'); };
    field("incidence7dPer100k").textContent = s.incidence7dPer100k === null ? t("notAvailable") : fmt(s.incidence7dPer100k, 1);
    var trend = s.weekOnWeekChange === null ? "" : (Math.abs(s.weekOnWeekChange) < 0.05 ? t("wowFlat") : s.weekOnWeekChange > 0 ? t("wowUp") : t("wowDown")) + "; ";
    detail("incidence7dPer100k").textContent = trend + t("incidenceDetail", { population: fmt(a.region.population) });
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
    renderBedsCard(a.projection);
    renderQuality(a.dataQuality);
    renderVerdict(a.verdict);
    renderFrameworks(a);

    var notes = $("notes");
    notes.textContent = "";
    var seen = {};
    s.notes.concat(a.rt.notes, a.growth.last14Days.notes, a.projection.notes).forEach(function (n) {
      if (seen[n.code]) return;
      seen[n.code] = true;
      var li = document.createElement("li");
      li.textContent = noteText(n);
      li.dataset.code = n.code;
      notes.appendChild(li);
    });
  }

  /** A core note in the page's language: its translation when there is one, else the core's English. */
  function noteText(n) {
    if (state.lang === "en" || !I18N.has(state.lang, "note." + n.code)) return n.message;
    return t("note." + n.code);
  }

  function levelWord(source, level) {
    if (level === null || level === undefined) return t("lv.unknown");
    if (source === "whoPhsm") return String(level);
    if (source === "composite") return t("compositeLevel", { score: level });
    return I18N.has(state.lang, "lv." + level) ? t("lv." + level) : String(level);
  }

  function responseWord(level) {
    return t("response." + (level || "none"));
  }

  function renderVerdict(v) {
    var box = $("verdict");
    box.dataset.level = v.level || "";
    // The word always stands beside the colour: meaning never rests on colour alone.
    $("verdict-word").textContent = responseWord(v.level) + (v.colour ? " · " + t("colour." + v.colour) : "");
    $("verdict-precautionary").hidden = !v.precautionary;
    var list = $("drivers");
    list.textContent = "";
    v.drivers.forEach(function (d) {
      var li = document.createElement("li");
      li.dataset.source = d.source;
      var name = t("fw." + d.source);
      if (d.severity === null && d.assumedSeverity !== null) {
        li.textContent = t("driverAssumed", { framework: name, response: responseWord(v.level) });
      } else {
        li.textContent = t("driverLine", { framework: name, level: levelWord(d.source, d.level), response: responseWord(d.responseLevel) });
      }
      if (d.reasons.length) {
        var why = document.createElement("div");
        why.className = "detail";
        why.setAttribute("lang", "en");
        why.textContent = d.reasons.join("; ");
        li.appendChild(why);
      }
      list.appendChild(li);
    });
    if (!v.drivers.length) {
      var li = document.createElement("li");
      li.textContent = responseWord(null);
      list.appendChild(li);
    }
  }

  function renderFrameworks(a) {
    var rows = $("framework-rows");
    rows.textContent = "";
    a.verdict.considered.forEach(function (c) {
      var tr = document.createElement("tr");
      tr.dataset.source = c.source;
      var response = c.severity !== null ? responseWord(c.responseLevel)
        : c.assumedSeverity !== null && a.verdict.considered.length ? t("assumedResponse", { response: responseWord(["IV", "IV", "III", "II", "I"][c.assumedSeverity]) }) : "—";
      var cells = [t("fw." + c.source), "", response, ""];
      var f = a.frameworks[c.source];
      if (c.source === "whoPhsm" && f && f.level !== null) {
        cells[1] = t("whoLevel", { level: f.level, transmission: f.transmission, capacity: t("cap." + f.capacity) });
      } else if (c.source === "chinaEventGrade" && f && f.level === null && f.severity === 0) {
        cells[1] = t("lv.none");
      } else {
        cells[1] = levelWord(c.source, c.level);
      }
      if (c.level === null && f && f.atLeast !== null && f.atLeast !== undefined) cells[1] += " (" + t("atLeast", { level: levelWord(c.source, String(f.atLeast)) }) + ")";
      var heads = [t("colFramework"), t("colLevel"), t("colResponse"), t("colDecidedBy")];
      cells.forEach(function (text, i) {
        var td = document.createElement(i === 0 ? "th" : "td");
        if (i === 0) td.scope = "row";
        // On a narrow screen each framework stacks as a card, each value under its column's name (styles.css).
        td.dataset.label = heads[i];
        if (i === 1) td.className = "level";
        td.textContent = text;
        if (i === 3) {
          td.setAttribute("lang", "en");
          td.textContent = c.reasons.join("; ");
          if (c.missing.length) {
            var miss = document.createElement("div");
            miss.className = "missing";
            miss.textContent = t("missingInputs", { paths: c.missing.slice(0, 6).join(", ") + (c.missing.length > 6 ? " …" : "") });
            td.appendChild(miss);
          }
        }
        tr.appendChild(td);
      });
      rows.appendChild(tr);
    });
    var sd = $("stand-down");
    sd.textContent = "";
    a.frameworks.standDown.conditions.forEach(function (c) {
      var li = document.createElement("li");
      li.dataset.rule = c.rule;
      var rule = I18N.has(state.lang, "sd." + c.rule) ? t("sd." + c.rule) : c.text;
      li.textContent = c.holds
        ? t("standDownHolds", { rule: rule, days: c.daysFree })
        : c.holdsOn ? t("standDownOn", { rule: rule, date: c.holdsOn, required: c.daysRequired }) : t("standDownUnknown", { rule: rule });
      sd.appendChild(li);
    });
    var notes = $("framework-notes");
    notes.textContent = "";
    var seen = {};
    var add = function (n) {
      if (seen[n.message]) return;
      seen[n.message] = true;
      var li = document.createElement("li");
      li.setAttribute("lang", "en");
      li.textContent = n.message;
      notes.appendChild(li);
    };
    ["chinaEventGrade", "chinaRiskArea2020", "chinaRiskArea2022", "whoPhsm", "cdcTransmission", "cdcCommunity", "covidActNow", "harvard"].forEach(function (k) {
      if (a.frameworks[k]) a.frameworks[k].notes.forEach(add);
    });
    a.verdict.notes.forEach(add);
  }

  function renderBedsCard(p) {
    var value = document.querySelector('[data-field="beds"]');
    var detail = document.querySelector('[data-detail="beds"]');
    var beds = p.beds;
    if (!beds || beds.capacity === null) {
      value.textContent = t("notAvailable");
      detail.textContent = beds ? t("noCapacity") : "";
      return;
    }
    var first = beds.firstDayOverCapacity;
    value.textContent = p.bedsOverCapacityDate ? t("bedsRunOut", { date: p.bedsOverCapacityDate }) : t("bedsNotWithin", { days: p.horizonDays });
    value.classList.add("phrase");
    value.dataset.breach = p.bedsOverCapacityDate || "";
    var text = first.upper !== null ? t("bedsDetail", { date: p.dates[first.upper - 1] }) : t("bedsDetailNone", { days: p.horizonDays });
    if (p.icu && p.icu.capacity !== null) {
      text += "; " + t("icuDetail", { value: p.icuOverCapacityDate ? t("bedsRunOut", { date: p.icuOverCapacityDate }) : t("bedsNotWithin", { days: p.horizonDays }) });
    }
    detail.textContent = text;
  }

  function renderQuality(q) {
    var list = $("quality");
    list.textContent = "";
    var add = function (kind, text) {
      var li = document.createElement("li");
      li.dataset.kind = kind;
      li.textContent = text;
      list.appendChild(li);
    };
    var col = function (c) { return t("column." + c); };
    q.flags.forEach(function (f) {
      var params = { date: f.date || "#" + f.dayIndex, column: col(f.column), observed: fmt(f.observed), expected: fmt(f.expected, 1), days: f.days };
      add("flag", t(f.code === "zero-run" ? "flagZeroRun" : "flagSpike", params));
    });
    q.missingDays.forEach(function (m) {
      var dates = m.dates.slice(0, 5).join(", ") + (m.dates.length > 5 ? " …" : "");
      add("missing", t("missingSummary", { column: col(m.column), count: m.dayIndices.length, dates: dates }));
    });
    if (!list.children.length) add("none", t("qualityNone"));
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
    renderProjectionCharts(a, dateFormat);
    var st = rt.settings;
    var si = st.serialIntervalMean !== null ? t("siParametric", { mean: fmt(st.serialIntervalMean, 1), sd: fmt(st.serialIntervalSd, 1) }) : t("siDistribution");
    $("rt-settings").textContent = t("rtSettings", { window: st.window, si: si }) + " (" + st.serialIntervalSource + ")";
  }

  function renderProjectionCharts(a, dateFormat) {
    var C = window.CrisisDeskCharts;
    var p = a.projection;
    $("projection-caption").textContent = t("projectionCaption", { days: p.horizonDays });
    var assumptions = $("assumptions");
    assumptions.textContent = "";
    p.assumptions.forEach(function (n) {
      var li = document.createElement("li");
      li.textContent = noteText(n);
      assumptions.appendChild(li);
    });
    if (!p.cases) {
      $("projection-chart").textContent = t("notAvailable");
      $("projection-table").textContent = "";
      $("beds-chart").textContent = t("notAvailable");
      $("beds-table").textContent = "";
      return;
    }
    var observed = Math.min(28, a.daily.dates.length);
    var pastDates = a.daily.dates.slice(-observed);
    var pastCases = a.daily.localCases.slice(-observed);
    C.timeChart($("projection-chart"), {
      title: t("projectionTitle"),
      desc: t("projectionDesc", { observed: observed, days: p.horizonDays }),
      dates: pastDates.concat(p.dates),
      yMin: 0,
      format: function (v) { return fmt(v, 0); },
      dateFormat: dateFormat,
      layers: [
        { type: "bars", values: pastCases, dates: pastDates, className: "bars" },
        { type: "band", lower: p.cases.lower, upper: p.cases.upper, dates: p.dates, className: "band-proj" },
        { type: "line", values: p.cases.central, dates: p.dates, className: "line-proj" }
      ]
    });
    C.table($("projection-table"), t("projectionTitle"), [t("colDate"), t("colProjected"), t("colLower"), t("colUpper")],
      p.dates.map(function (d, i) { return [d, fmt(p.cases.central[i], 1), fmt(p.cases.lower[i], 1), fmt(p.cases.upper[i], 1)]; }));
    var beds = p.beds;
    if (!beds) {
      $("beds-chart").textContent = t("notAvailable");
      $("beds-table").textContent = "";
      return;
    }
    var layers = [
      { type: "band", lower: beds.demand.lower, upper: beds.demand.upper, dates: p.dates, className: "band-proj" },
      { type: "line", values: beds.demand.central, dates: p.dates, className: "line-proj" }
    ];
    if (beds.capacity !== null) layers.push({ type: "hline", y: beds.capacity, label: t("capacityLine") + " " + fmt(beds.capacity), className: "capacity" });
    if (p.bedsOverCapacityDate) layers.push({ type: "vline", date: p.bedsOverCapacityDate, label: p.bedsOverCapacityDate, className: "breach" });
    C.timeChart($("beds-chart"), {
      title: t("bedsTitle"),
      desc: t("bedsDesc", { capacity: beds.capacity === null ? "—" : fmt(beds.capacity), breach: p.bedsOverCapacityDate ? t("breachOn", { date: p.bedsOverCapacityDate }) : t("breachNone") }),
      dates: p.dates,
      yMin: 0,
      format: function (v) { return fmt(v, 0); },
      dateFormat: dateFormat,
      layers: layers
    });
    C.table($("beds-table"), t("bedsTitle"), [t("colDate"), t("colBedsNeeded"), t("colLower"), t("colUpper")],
      p.dates.map(function (d, i) { return [d, fmt(beds.demand.central[i], 0), fmt(beds.demand.lower[i], 0), fmt(beds.demand.upper[i], 0)]; }));
  }

  /** Days from ISO date a to b. */
  function daysBetween(a, b) {
    return window.CrisisDeskCharts.dayNumber(b) - window.CrisisDeskCharts.dayNumber(a);
  }

  function prepareWhatIf() {
    var a = state.assessment;
    var form = $("whatif-form");
    $("whatif").hidden = !a;
    if (!a) return;
    var from = $("whatif-from");
    var last = a.series.lastDate;
    var next = new Date(Date.UTC(+last.slice(0, 4), +last.slice(5, 7) - 1, +last.slice(8, 10) + 1)).toISOString().slice(0, 10);
    from.min = next;
    if (!from.value || from.value < next) from.value = next;
    form.querySelector("button").disabled = !a.rt.latest;
    if (!a.rt.latest) $("whatif-result").textContent = t("whatIfUnavailable");
  }

  function runWhatIf() {
    var a = state.assessment;
    if (!a || !a.rt.latest) return;
    var pct = Number($("whatif-reduction").value);
    var from = $("whatif-from").value;
    var fromDay = daysBetween(a.series.lastDate, from);
    var horizon = 90;
    var input = {
      population: a.region.population,
      reproductionNumber: a.rt.latest.median,
      initial: { dailyCases: a.signals.localCasesLast7Days === null ? 0 : a.signals.localCasesLast7Days / 7 },
      horizonDays: horizon,
      intervention: { contactReduction: pct / 100, fromDay: fromDay }
    };
    var result;
    try {
      result = window.CrisisDesk.simulateSeir(input);
    } catch (e) {
      state.whatIf = null;
      $("whatif-result").textContent = (e.problems || [e]).map(function (p) { return (p.path ? p.path + ": " : "") + p.message; }).join("; ");
      $("whatif-chart").textContent = "";
      return;
    }
    state.whatIf = { result: result, pct: pct, from: from };
    renderWhatIf();
  }

  function renderWhatIf() {
    var w = state.whatIf;
    if (!w) {
      $("whatif-chart").textContent = "";
      $("whatif-table").textContent = "";
      if (state.assessment && state.assessment.rt.latest) $("whatif-result").textContent = "";
      return;
    }
    var r = w.result, C = window.CrisisDeskCharts;
    var start = state.assessment.series.lastDate;
    var dates = r.baseline.newInfections.map(function (_, i) {
      return new Date((C.dayNumber(start) + i + 1) * 86400000).toISOString().slice(0, 10);
    });
    var scenario = r.scenario || r.baseline;
    var cmp = r.comparison;
    var peaks = { peak0: r.baseline.peakIncidence.day, peak1: scenario.peakIncidence.day };
    $("whatif-result").textContent = cmp
      ? t("whatIfResult", {
          pct: fmt(w.pct), date: w.from, averted: fmt(cmp.infectionsAverted), share: cmp.fractionAverted === null ? "—" : fmt(cmp.fractionAverted * 100, 0),
          days: r.settings.horizonDays
        }) + (peaks.peak0 <= 1 && peaks.peak1 <= 1 ? t("whatIfDeclining") : t("whatIfPeak", peaks))
      : "";
    C.timeChart($("whatif-chart"), {
      title: t("whatIfTitle"),
      desc: t("whatIfDesc", { baseline: fmt(r.baseline.totalInfections), scenario: fmt(scenario.totalInfections) }),
      dates: dates,
      yMin: 0,
      format: function (v) { return fmt(v, 0); },
      dateFormat: function (iso) { return iso.slice(5).replace("-", "/"); },
      layers: [
        { type: "line", values: r.baseline.newInfections, className: "line-baseline" },
        { type: "line", values: scenario.newInfections, className: "line-scenario" },
        { type: "vline", date: w.from, label: w.from, className: "breach" }
      ]
    });
    C.table($("whatif-table"), t("whatIfTitle"), [t("colDate"), t("colBaseline"), t("colScenario")],
      dates.map(function (d, i) { return [d, fmt(r.baseline.newInfections[i], 0), fmt(scenario.newInfections[i], 0)]; }));
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
      // On a narrow screen each problem stacks as a card, each part under its column's name (styles.css).
      where.dataset.label = t("colPath");
      var code = document.createElement("code");
      code.textContent = p.path || t("rootPath");
      where.appendChild(code);
      var what = document.createElement("td");
      what.dataset.label = t("colProblem");
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
    if (state.timeline) state.timeline.render(state.series, state.seriesError);
    renderCharts();
    if (state.analysis) state.analysis.render();
    $("plan").hidden = !state.assessment;
    if (state.rulebook) state.rulebook.render();
    if (state.plan) state.plan.render();
    if (state.report) state.report.render();
    if (state.importer) state.importer.render();
    if (state.workspace) state.workspace.render();
    prepareWhatIf();
    renderWhatIf();
    renderProblems();
    renderStorage();
    renderRecovery();
    $("illustrative").hidden = !isExample();
    if (state.startError) setStatus("error", t("startFailed", { message: state.startError.message }));
    else if (state.problems && state.problems.length) setStatus("error", t("problemsCount", { count: state.problems.length }));
    else if (state.assessment) setStatus("ok", t("ready", { time: state.assessedAt }));
  }

  /** Replaces the scenario (an object, or JSON text kept as typed), saves it as the draft and assesses it. */
  function setScenario(value) {
    var text = typeof value === "string" ? value : pretty(value);
    $("situation-json").value = text;
    storage("set", DRAFT_KEY, text);
    runAssessment();
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
    state.whatIf = null; // a scenario belongs to the assessment it was run on
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
      // A draft that assesses is the last good copy, offered back if the saved draft is ever damaged.
      if (text !== state.lastGood) {
        storage("set", LAST_GOOD_KEY, text, true);
        state.lastGood = text;
      }
    } catch (e) {
      state.assessment = null;
      state.problems = e && e.problems ? e.problems : [{ code: (e && e.code) || "internal", path: (e && e.path) || "", message: String((e && e.message) || e) }];
    }
    // The level timeline belongs to the same input as the assessment; it updates with it.
    state.series = null;
    state.seriesError = null;
    if (state.assessment) {
      try {
        state.series = window.CrisisDesk.assessSeries(input);
      } catch (e) {
        state.seriesError = String((e && e.message) || e);
      }
    }
    if (state.plan && state.assessment) state.plan.run();
    render();
    if (state.problems) $("problems-heading").focus();
  }

  function start() {
    state.lang = I18N.pickLanguage(storage("get", LANG_KEY), navigator.languages || [navigator.language]);
    applyStaticStrings();
    storageFault.live = true;
    renderStorage();
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
    $("whatif-form").addEventListener("submit", function (e) {
      e.preventDefault();
      runWhatIf();
    });
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
        state.analysis = window.CrisisDeskAnalysis.mount({ t: t, fmt: fmt, lang: function () { return state.lang; } });
        var has = function (key) { return I18N.has(state.lang, key); };
        state.timeline = window.CrisisDeskTimeline.mount({ t: t, has: has });
        // The rulebook panel keeps its draft with the same safe storage as the scenario; an edit re-runs the plan.
        state.rulebook = window.CrisisDeskRulebook.mount({
          t: t, has: has, lang: function () { return state.lang; }, storage: storage, damaged: reportDamaged,
          changed: function () { if (state.plan && state.assessment) state.plan.run(); }
        });
        state.plan = window.CrisisDeskPlan.mount({
          t: t, lang: function () { return state.lang; }, assessment: function () { return state.assessment; },
          rulebook: function () { return state.rulebook.forPlan(); }
        });
        // The printed report's header and footer (report.js): time of assessment, version, rulebook hash.
        state.report = window.CrisisDeskReport ? window.CrisisDeskReport.mount({
          t: t, lang: function () { return state.lang; }, assessment: function () { return state.assessment; }
        }) : null;
        // Data in (import.js) and the workspace file and share link (workspace.js) go through these hooks.
        var hooks = {
          t: t, has: has, fmt: fmt, storage: storage, pretty: pretty, rulebook: state.rulebook, damaged: reportDamaged,
          lang: function () { return state.lang; },
          setLang: function (lang) {
            if (lang === state.lang || (lang !== "zh" && lang !== "en")) return;
            state.lang = lang;
            storage("set", LANG_KEY, lang);
            render();
          },
          scenarioText: function () { return $("situation-json").value; },
          setScenario: setScenario
        };
        state.workspace = window.CrisisDeskWorkspace ? window.CrisisDeskWorkspace.mount(hooks) : null;
        state.importer = window.CrisisDeskImport ? window.CrisisDeskImport.mount(hooks) : null;
        var draft = storage("get", DRAFT_KEY);
        state.lastGood = storage("get", LAST_GOOD_KEY);
        var lastGood = state.lastGood;
        $("situation-json").value = draft !== null ? draft : pretty(state.example);
        runAssessment();
        if (draft !== null && state.problems) {
          // The saved draft cannot be used: it stays in the editor as saved; the last good copy is offered.
          var invalidJson = state.problems[0].code === "invalid-json";
          reportDamaged({
            kind: "scenario", saved: draft, parseError: invalidJson ? state.problems[0].message : null,
            problems: invalidJson ? null : state.problems, lastGood: lastGood !== null && lastGood !== draft ? lastGood : null,
            restore: function () { setScenario(lastGood); }
          });
        }
        document.body.dataset.ready = "true";
        // Navigation to the first assessment on screen (scripts/bench-start.mjs reads it).
        if (window.performance && performance.mark) performance.mark("crisis-desk:first-assessment");
        if (state.workspace) state.workspace.start(); // a share link in the address (#s=…) is opened now
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
