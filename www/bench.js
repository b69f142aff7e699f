// Browser benchmark (www/bench.html): times the exported functions in this browser's
// WebAssembly on the same synthetic series as benches/signals.rs. Results go in a table and
// in document.body.dataset.results (read by scripts/bench-browser.mjs).
(function () {
  "use strict";

  // Must match `synthetic` in benches/signals.rs.
  function synthetic(days) {
    var out = [];
    for (var t = 0; t < days; t++) {
      var x = 20 + 15 * Math.sin((2 * Math.PI * t) / 90) + 5 * Math.sin((2 * Math.PI * t) / 7) + t / 100;
      out.push(Math.max(0, Math.round(x)));
    }
    return out;
  }

  /** Median milliseconds per call: 3 warm-up calls, then calls until 1 s or 200 calls (at least 5). */
  function time(fn) {
    for (var w = 0; w < 3; w++) fn();
    var samples = [];
    var start = performance.now();
    while (samples.length < 5 || (performance.now() - start < 1000 && samples.length < 200)) {
      var t0 = performance.now();
      fn();
      samples.push(performance.now() - t0);
    }
    samples.sort(function (a, b) { return a - b; });
    return { medianMs: samples[Math.floor(samples.length / 2)], runs: samples.length };
  }

  function row(tbody, cells) {
    var tr = document.createElement("tr");
    cells.forEach(function (c) {
      var td = document.createElement("td");
      td.textContent = c;
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
  }

  window.CrisisDesk.ready.then(function () {
    var CD = window.CrisisDesk;
    var results = [];
    [365, 3650].forEach(function (days) {
      var input = { incidence: synthetic(days), si: { mean: 4.7, sd: 2.9 } };
      var last = CD.estimateRt(input).windows.slice(-1)[0];
      var r = time(function () { CD.estimateRt(input); });
      results.push({ name: "estimateRt/" + days, medianMs: r.medianMs, runs: r.runs, lastMean: last.mean });
    });
    var example = CD.exampleSituation();
    var a = time(function () { CD.assess(example); });
    results.push({ name: "assess/example", medianMs: a.medianMs, runs: a.runs });
    var tbody = document.getElementById("results");
    results.forEach(function (r) {
      row(tbody, [r.name, r.medianMs.toFixed(3), String(r.runs)]);
    });
    document.getElementById("agent").textContent = navigator.userAgent;
    document.body.dataset.results = JSON.stringify(results);
  });
})();
