// The level timeline: from CrisisDesk.assessSeries, one strip per framework and for the
// verdict (one cell per day, coloured by the response level it recommends, the level's word or
// numeral written on each run), the transitions in plain words, and a table of when each level
// was entered and left. SVG is built with createElementNS; all text goes in through textContent.
(function (root) {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var FRAMEWORKS = ["chinaEventGrade", "chinaRiskArea2020", "chinaRiskArea2022", "whoPhsm", "cdcTransmission", "cdcCommunity", "covidActNow", "harvard"];
  var NUMERAL = { I: "Ⅰ", II: "Ⅱ", III: "Ⅲ", IV: "Ⅳ" };

  function svgEl(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    for (var k in attrs || {}) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    return e;
  }

  function pct(x) {
    return (Math.round(x * 10000) / 100) + "%";
  }

  /** Runs of consecutive days with the same level (and, for the verdict, the same precautionary flag). */
  function runs(track) {
    var out = [];
    track.levels.forEach(function (level, i) {
      var sev = track.severities[i];
      var pre = track.precautionary ? !!track.precautionary[i] : false;
      var last = out[out.length - 1];
      if (last && last.level === level && last.severity === sev && last.precautionary === pre) last.end = i;
      else out.push({ start: i, end: i, level: level, severity: sev, precautionary: pre });
    });
    return out;
  }

  function mount(ctx) {
    var t = ctx.t;

    function sourceName(source) {
      return source === "verdict" ? t("tl.verdict") : t("fw." + source);
    }

    /** The level in words, as the frameworks table says it. */
    function levelText(source, level, severity) {
      if (source === "verdict") return level ? t("response." + level) : t("response.none");
      if (level === null || level === undefined) return severity === 0 ? t("lv.none") : t("lv.unknown");
      if (source === "whoPhsm") return t("tl.whoLevel", { level: level });
      return ctx.has("lv." + level) ? t("lv." + level) : String(level);
    }

    /** A short label written on a run: a numeral for China's grades, else the level's word. */
    function levelShort(source, level, severity) {
      if (level === null || level === undefined) return severity === 0 ? "—" : "?";
      if (NUMERAL[level]) return NUMERAL[level];
      if (source === "whoPhsm") return String(level);
      return ctx.has("lv." + level) ? t("lv." + level) : String(level);
    }

    function sevClass(severity) {
      return severity === null || severity === undefined ? "sev-unknown" : "sev-" + Math.min(4, Math.max(0, severity));
    }

    function tracksOf(series) {
      var tracks = [{ source: "verdict", levels: series.verdict.level, severities: series.verdict.severity, precautionary: series.verdict.precautionary }];
      FRAMEWORKS.forEach(function (k) {
        var f = series.frameworks[k];
        if (f) tracks.push({ source: k, levels: f.level, severities: f.severity });
      });
      if (series.composite) tracks.push({ source: "composite", levels: series.composite.level, severities: series.composite.severity });
      return tracks;
    }

    function runText(dates, r, source) {
      var range = r.start === r.end ? dates[r.start] : t("tl.range", { from: dates[r.start], to: dates[r.end] });
      return range + t("tl.colon") + levelText(source, r.level, r.severity) + (r.precautionary ? t("tl.precautionaryMark") : "");
    }

    function legend() {
      var ul = el("ul", null, { class: "tl-legend" });
      ul.appendChild(el("li", t("tl.legendIntro"), { class: "tl-legend-intro" }));
      [[0, "response.none"], [1, "response.IV"], [2, "response.III"], [3, "response.II"], [4, "response.I"], [null, "tl.legendUnknown"]].forEach(function (item) {
        var li = el("li");
        li.appendChild(el("span", null, { class: "tl-swatch " + sevClass(item[0]), "aria-hidden": "true" }));
        li.appendChild(el("span", t(item[1])));
        ul.appendChild(li);
      });
      return ul;
    }

    function strip(series, track) {
      var dates = series.dates, n = dates.length;
      var wrap = el("div", null, { class: "tl-track", "data-source": track.source });
      var rs = runs(track);
      var lastIdx = n - 1;
      var head = el("div", null, { class: "tl-name" });
      head.appendChild(el("span", sourceName(track.source), { class: "tl-source" }));
      head.appendChild(el("span", t("tl.now", { level: levelText(track.source, track.levels[lastIdx], track.severities[lastIdx]) }), { class: "tl-now" }));
      wrap.appendChild(head);
      var box = el("div", null, { class: "tl-strip" });
      var svg = svgEl("svg", { viewBox: "0 0 " + n + " 1", preserveAspectRatio: "none", role: "img", class: "tl-svg" + (n <= 120 ? " tl-gaps" : "") }, box);
      var id = "tl" + Math.random().toString(36).slice(2);
      svgEl("title", { id: id + "-t" }, svg).textContent = t("tl.stripTitle", { source: sourceName(track.source) });
      svgEl("desc", { id: id + "-d" }, svg).textContent = rs.map(function (r) { return runText(dates, r, track.source); }).join(t("tl.sep"));
      svg.setAttribute("aria-labelledby", id + "-t " + id + "-d");
      var cells = svgEl("g", { "aria-hidden": "true" }, svg);
      track.levels.forEach(function (level, i) {
        var sev = track.severities[i];
        var unknown = sev === null || sev === undefined;
        // Unknown days are a thin bar, not a full cell: a shape, not only a colour.
        var rect = svgEl("rect", { x: i, y: unknown ? 0.38 : 0, width: 1, height: unknown ? 0.24 : 1, class: "tl-cell " + sevClass(sev), "data-date": dates[i] }, cells);
        svgEl("title", {}, rect).textContent = dates[i] + t("tl.colon") + levelText(track.source, level, sev) + (track.precautionary && track.precautionary[i] ? t("tl.precautionaryMark") : "");
      });
      // The level's word on each run wide enough to hold it (HTML over the SVG, so it never stretches).
      var labels = el("div", null, { class: "tl-labels", "aria-hidden": "true" });
      rs.forEach(function (r) {
        var len = r.end - r.start + 1;
        if (len / n < 0.05 && len < 3) return;
        var span = el("span", levelShort(track.source, r.level, r.severity) + (r.precautionary ? "*" : ""), { class: "tl-label" });
        span.style.left = pct(r.start / n);
        span.style.width = pct(len / n);
        labels.appendChild(span);
      });
      box.appendChild(labels);
      wrap.appendChild(box);
      return wrap;
    }

    function axis(dates) {
      var n = dates.length, ax = el("div", null, { class: "tl-axis", "aria-hidden": "true" });
      var every = n > 180 ? 56 : n > 90 ? 28 : n > 40 ? 14 : 7;
      for (var i = 0; i < n; i += every) {
        if (n - i < every / 2 && i > 0) break;
        var s = el("span", dates[i].slice(5).replace("-", "/"), { class: "tl-tick" });
        s.style.left = pct((i + 0.5) / n);
        ax.appendChild(s);
      }
      var end = el("span", dates[n - 1].slice(5).replace("-", "/"), { class: "tl-tick tl-tick-end" });
      ax.appendChild(end);
      return ax;
    }

    function transitionLine(tr) {
      var dir = tr.fromSeverity === null || tr.toSeverity === null ? "tl.dirUnknown"
        : tr.toSeverity > tr.fromSeverity ? "tl.dirUp" : tr.toSeverity < tr.fromSeverity ? "tl.dirDown" : "tl.dirSame";
      return t("tl.transition", {
        date: tr.date,
        source: sourceName(tr.source),
        from: levelText(tr.source, tr.from, tr.fromSeverity),
        to: levelText(tr.source, tr.to, tr.toSeverity),
        direction: t(dir)
      });
    }

    function periodsTable(series, tracks) {
      var dates = series.dates;
      var table = el("table");
      table.appendChild(el("caption", t("tl.periodsCaption", { first: dates[0], last: dates[dates.length - 1] })));
      var thead = el("thead"), hr = el("tr");
      ["tl.colSource", "colLevel", "tl.colEntered", "tl.colLeft", "tl.colDays"].forEach(function (k) { hr.appendChild(el("th", t(k), { scope: "col" })); });
      thead.appendChild(hr);
      table.appendChild(thead);
      var tbody = el("tbody");
      tracks.forEach(function (track) {
        runs(track).forEach(function (r, i, all) {
          var row = el("tr", null, { "data-source": track.source });
          row.appendChild(el(i === 0 ? "th" : "td", i === 0 ? sourceName(track.source) : "", i === 0 ? { scope: "row" } : {}));
          row.appendChild(el("td", levelText(track.source, r.level, r.severity) + (r.precautionary ? t("tl.precautionaryMark") : "")));
          row.appendChild(el("td", dates[r.start]));
          row.appendChild(el("td", i + 1 < all.length ? dates[all[i + 1].start] : t("tl.stillThere", { date: dates[r.end] })));
          row.appendChild(el("td", String(r.end - r.start + 1)));
          tbody.appendChild(row);
        });
      });
      table.appendChild(tbody);
      return table;
    }

    /** Renders `series` (an assessSeries result), or says why there is none. */
    function render(series, error) {
      var host = document.getElementById("level-timeline");
      var list = document.getElementById("level-transitions");
      var periods = document.getElementById("level-periods");
      host.textContent = "";
      list.textContent = "";
      periods.textContent = "";
      if (!series) {
        if (error) host.appendChild(el("p", t("tl.failed", { message: error }), { class: "tl-error" }));
        return;
      }
      var tracks = tracksOf(series);
      host.appendChild(legend());
      tracks.forEach(function (track) { host.appendChild(strip(series, track)); });
      host.appendChild(axis(series.dates));
      if (tracks[0].precautionary && tracks[0].precautionary.some(Boolean)) host.appendChild(el("p", t("tl.precautionaryNote"), { class: "settings" }));
      series.transitions.forEach(function (tr) {
        list.appendChild(el("li", transitionLine(tr), {
          "data-date": tr.date, "data-source": tr.source,
          "data-from": tr.from === null ? "" : String(tr.from), "data-to": tr.to === null ? "" : String(tr.to)
        }));
      });
      if (!series.transitions.length) list.appendChild(el("li", t("tl.noTransitions", { first: series.dates[0], last: series.dates[series.dates.length - 1] })));
      var scroll = el("div", null, { class: "rb-scroll", role: "region", tabindex: "0", "aria-label": t("tl.periodsCaption", { first: series.dates[0], last: series.dates[series.dates.length - 1] }) });
      scroll.appendChild(periodsTable(series, tracks));
      periods.appendChild(scroll);
      fit();
    }

    /** Hides a run's label where the run is too narrow to hold it (the words stay in the tooltip, the description and the table). */
    function fit() {
      var labels = document.querySelectorAll("#level-timeline .tl-label");
      for (var i = 0; i < labels.length; i++) {
        labels[i].classList.remove("tl-label-hidden");
        if (labels[i].scrollWidth > labels[i].clientWidth + 1) labels[i].classList.add("tl-label-hidden");
      }
    }
    var resizeTimer = null;
    root.addEventListener("resize", function () {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(fit, 150);
    });

    return { render: render, levelText: levelText };
  }

  root.CrisisDeskTimeline = { mount: mount, runs: runs };
})(typeof globalThis !== "undefined" ? globalThis : self);
