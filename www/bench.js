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

  function isoDay(start, t) {
    return new Date(Date.parse(start + "T00:00:00Z") + t * 86400000).toISOString().slice(0, 10);
  }

  /** County `i` over `days` days from 2025-01-01. Must match `county` in benches/signals.rs. */
  function county(i, days) {
    var shift = i % 90;
    var local = synthetic(days + shift).slice(shift);
    function col(f) {
      var out = [];
      for (var t = 0; t < days; t++) out.push(f(t, local[t]));
      return out;
    }
    var dates = [];
    for (var t = 0; t < days; t++) dates.push(isoDay("2025-01-01", t));
    return {
      region: { name: "County " + i, population: 50000 + ((i * 7919) % 1950000), kind: "county" },
      asOf: dates[days - 1],
      series: {
        date: dates,
        localCases: local,
        importedCases: col(function (t) { return t % 11 === 0 ? 1 : 0; }),
        asymptomatic: col(function (_, l) { return Math.floor(l / 2); }),
        deaths: col(function (t, l) { return t % 17 === 0 && l > 25 ? 1 : 0; }),
        admissions: col(function (_, l) { return Math.round(l * 0.2); }),
        testsPerformed: col(function (t) { return 2000 + 100 * (t % 7); }),
        testsPositive: col(function (_, l) { return 2 * l + 1; }),
        bedsOccupied: col(function (_, l) { return 30 + Math.round(1.5 * l); }),
        icuOccupied: col(function (_, l) { return 2 + Math.floor(l / 10); })
      },
      capacity: { beds: 60 + (i % 40), icuBeds: 10, responseCapacity: "moderate" },
      events: { disease: "COVID-19", diseaseClass: "B", clustersLast14Days: 1, countiesAffected: 1,
                unexplainedClusters: 0, baselineWeeklyIncidence: 1.0, newOrImportedDisease: false }
    };
  }

  /** The counties as one batch with Float64Array columns (`columns_batch` in benches/signals.rs). */
  function batch(counties, days) {
    var columns = {};
    Object.keys(counties[0].series).forEach(function (key) {
      if (key === "date") return;
      var all = new Float64Array(counties.length * days);
      counties.forEach(function (c, r) { all.set(c.series[key], r * days); });
      columns[key] = all;
    });
    return {
      start: "2025-01-01", days: days, columns: columns,
      regions: counties.map(function (c) { return { region: c.region, capacity: c.capacity, events: c.events }; })
    };
  }

  /** Median milliseconds per call: warm-up calls, then calls until `budget` ms or 200 calls
   *  (at least `min`); defaults 3 warm-ups, 1 s, 5 calls. */
  function time(fn, warm, budget, min) {
    warm = warm === undefined ? 3 : warm;
    budget = budget || 1000;
    min = min || 5;
    for (var w = 0; w < warm; w++) fn();
    var samples = [];
    var start = performance.now();
    while (samples.length < min || (performance.now() - start < budget && samples.length < 200)) {
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
    var year = county(0, 365);
    var y = time(function () { CD.assessSeries(year); });
    results.push({ name: "assessSeries/365", medianMs: y.medianMs, runs: y.runs });
    // A province: 3 000 counties × 365 days, as situation objects and as one batch in columns.
    var counties = [];
    for (var i = 0; i < 3000; i++) counties.push(county(i, 365));
    var many = time(function () { CD.assessMany(counties); }, 1, 1, 3);
    results.push({ name: "assessMany/3000x365", medianMs: many.medianMs, runs: many.runs });
    var columns = batch(counties, 365);
    var first = CD.assessManyColumns(columns);
    var ok = first.filter(function (r) { return r.ok; }).length;
    var c = time(function () { CD.assessManyColumns(columns); }, 1, 3000, 5);
    results.push({ name: "assessManyColumns/3000x365", medianMs: c.medianMs, runs: c.runs, regionsOk: ok });
    var tbody = document.getElementById("results");
    results.forEach(function (r) {
      row(tbody, [r.name, r.medianMs.toFixed(3), String(r.runs)]);
    });
    document.getElementById("agent").textContent = navigator.userAgent;
    document.body.dataset.results = JSON.stringify(results);
  });
})();
