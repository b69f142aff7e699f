// Time-series charts as SVG drawn from data (no canvas, no library): bands, lines, bars,
// reference lines and markers, each chart with a <title>/<desc> and a "view as table".
// All text goes in through textContent.
(function (root) {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var WIDE = 720, NARROW = 320, H = 280, M = { top: 16, right: 16, bottom: 36, left: 52 };
  var drawn = []; // [host, spec, width drawn at], redrawn when the window's width changes a lot

  /**
   * The drawing's width in its own units: the host's width in CSS px, between 320 and 720. So on a
   * phone (or at 200 % zoom) the labels stay about 11 CSS px tall instead of shrinking with the
   * whole 720-unit drawing; on a wide screen the drawing scales up as before.
   */
  function widthFor(host) {
    var w = Math.round(host.clientWidth || 0);
    return w > 0 ? Math.max(NARROW, Math.min(WIDE, w)) : WIDE;
  }

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  function dayNumber(iso) {
    return Math.round(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000);
  }

  /** Round tick values spanning [lo, hi]. */
  function ticks(lo, hi, count) {
    if (!(hi > lo)) hi = lo + 1;
    var step = Math.pow(10, Math.floor(Math.log10((hi - lo) / count)));
    var err = ((hi - lo) / count) / step;
    step *= err >= 7.5 ? 10 : err >= 3.5 ? 5 : err >= 1.5 ? 2 : 1;
    var out = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toFixed(10));
    return out;
  }

  /**
   * Draws a chart into `host` (emptied first).
   * spec: { title, desc, dates: [iso...], yMin?, format(n), dateFormat(iso),
   *         layers: [{ type: "band"|"line"|"bars", lower?, upper?, values?, className, dates? },
   *                  { type: "hline", y, label, className }, { type: "vline", date, label, className }] }
   */
  function timeChart(host, spec) {
    host.textContent = "";
    var W = widthFor(host);
    drawn = drawn.filter(function (d) { return d[0] !== host && d[0].isConnected; });
    drawn.push([host, spec, W]);
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, role: "img", class: "chart", preserveAspectRatio: "xMidYMid meet" }, host);
    var id = "c" + Math.random().toString(36).slice(2);
    var title = el("title", { id: id + "-t" }, svg);
    title.textContent = spec.title;
    var desc = el("desc", { id: id + "-d" }, svg);
    desc.textContent = spec.desc || "";
    svg.setAttribute("aria-labelledby", id + "-t " + id + "-d");

    var xs = [], ys = [];
    spec.layers.forEach(function (l) {
      var dates = l.dates || spec.dates;
      ["values", "lower", "upper"].forEach(function (key) {
        if (!l[key]) return;
        l[key].forEach(function (v, i) {
          if (v === null || v === undefined) return;
          ys.push(v);
          xs.push(dayNumber(dates[i]));
        });
      });
      if (l.type === "hline") ys.push(l.y);
      if (l.type === "vline") xs.push(dayNumber(l.date));
    });
    spec.dates.forEach(function (d) { xs.push(dayNumber(d)); });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
    var yTicks = ticks(spec.yMin !== undefined ? spec.yMin : Math.min.apply(null, ys), Math.max.apply(null, ys), 5);
    var y0 = Math.min(yTicks[0], spec.yMin !== undefined ? spec.yMin : yTicks[0]);
    var y1 = yTicks[yTicks.length - 1];
    if (y1 < Math.max.apply(null, ys)) y1 = Math.max.apply(null, ys);
    var px = function (day) { return M.left + ((day - x0) / Math.max(1, x1 - x0)) * (W - M.left - M.right); };
    var py = function (v) { return H - M.bottom - ((v - y0) / Math.max(1e-12, y1 - y0)) * (H - M.top - M.bottom); };

    var axes = el("g", { class: "axes", "aria-hidden": "true" }, svg);
    yTicks.forEach(function (v) {
      el("line", { x1: M.left, x2: W - M.right, y1: py(v), y2: py(v), class: "grid" }, axes);
      var t = el("text", { x: M.left - 6, y: py(v) + 4, "text-anchor": "end", class: "tick" }, axes);
      t.textContent = spec.format(v);
    });
    var span = x1 - x0, every = span > 120 ? 28 : span > 50 ? 14 : 7;
    // Date labels at least 48 units apart, so they do not run into each other in a narrow drawing.
    while (span > 0 && (every / span) * (W - M.left - M.right) < 48) every *= 2;
    for (var d = x0; d <= x1; d += every) {
      var iso = new Date(d * 86400000).toISOString().slice(0, 10);
      var tx = el("text", { x: px(d), y: H - M.bottom + 18, "text-anchor": "middle", class: "tick" }, axes);
      tx.textContent = spec.dateFormat(iso);
      el("line", { x1: px(d), x2: px(d), y1: H - M.bottom, y2: H - M.bottom + 4, class: "axis" }, axes);
    }
    el("line", { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom, class: "axis" }, axes);

    var plot = el("g", { "aria-hidden": "true" }, svg);
    spec.layers.forEach(function (l) {
      var dates = l.dates || spec.dates;
      if (l.type === "band") {
        var top = [], bottom = [];
        dates.forEach(function (date, i) {
          if (l.lower[i] === null || l.upper[i] === null) return;
          top.push(px(dayNumber(date)).toFixed(1) + "," + py(l.upper[i]).toFixed(1));
          bottom.unshift(px(dayNumber(date)).toFixed(1) + "," + py(l.lower[i]).toFixed(1));
        });
        if (top.length) el("polygon", { points: top.concat(bottom).join(" "), class: l.className }, plot);
      } else if (l.type === "line") {
        var pts = [];
        dates.forEach(function (date, i) {
          if (l.values[i] !== null) pts.push(px(dayNumber(date)).toFixed(1) + "," + py(l.values[i]).toFixed(1));
        });
        if (pts.length) el("polyline", { points: pts.join(" "), class: l.className, fill: "none" }, plot);
      } else if (l.type === "bars") {
        var bw = Math.max(1, ((W - M.left - M.right) / Math.max(1, x1 - x0 + 1)) * 0.8);
        dates.forEach(function (date, i) {
          var v = l.values[i];
          if (v === null) return;
          el("rect", { x: px(dayNumber(date)) - bw / 2, y: py(v), width: bw, height: Math.max(0, py(y0) - py(v)), class: l.className }, plot);
        });
      } else if (l.type === "hline") {
        el("line", { x1: M.left, x2: W - M.right, y1: py(l.y), y2: py(l.y), class: l.className }, plot);
        var ht = el("text", { x: W - M.right - 4, y: py(l.y) - 5, "text-anchor": "end", class: "label " + l.className }, plot);
        ht.textContent = l.label;
      } else if (l.type === "vline") {
        var vx = px(dayNumber(l.date));
        el("line", { x1: vx, x2: vx, y1: M.top, y2: H - M.bottom, class: l.className }, plot);
        var vt = el("text", { x: vx + 4, y: M.top + 12, class: "label " + l.className }, plot);
        vt.textContent = l.label;
      }
    });
    return svg;
  }

  /**
   * A <table> from column headers and rows of already formatted cells, inside a region that
   * scrolls sideways on its own when the table is wider than the screen (focusable, so a keyboard
   * can scroll it, and named by the caption).
   */
  function table(host, caption, headers, rows) {
    host.textContent = "";
    var wrap = document.createElement("div");
    wrap.className = "table-scroll";
    wrap.setAttribute("role", "region");
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("aria-label", caption);
    var t = document.createElement("table");
    var c = document.createElement("caption");
    c.textContent = caption;
    t.appendChild(c);
    var thead = document.createElement("thead"), tr = document.createElement("tr");
    headers.forEach(function (h) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = h;
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    t.appendChild(thead);
    var tbody = document.createElement("tbody");
    rows.forEach(function (r) {
      var row = document.createElement("tr");
      r.forEach(function (cell) {
        var td = document.createElement("td");
        td.textContent = cell;
        row.appendChild(td);
      });
      tbody.appendChild(row);
    });
    t.appendChild(tbody);
    wrap.appendChild(t);
    host.appendChild(wrap);
    return t;
  }

  var resizeTimer = null;
  if (root.addEventListener) {
    root.addEventListener("resize", function () {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(function () {
        drawn.slice().forEach(function (d) {
          if (d[0].isConnected && Math.abs(widthFor(d[0]) - d[2]) > 40) timeChart(d[0], d[1]);
        });
      }, 200);
    });
  }

  root.CrisisDeskCharts = { timeChart: timeChart, table: table, ticks: ticks, dayNumber: dayNumber };
})(typeof globalThis !== "undefined" ? globalThis : self);
