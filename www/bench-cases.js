// The benchmark inputs and calls shared by every benchmark: the browser page (www/bench.js),
// Node (scripts/bench-node.mjs) and, through scripts/bench-inputs.mjs, the native criterion
// benchmarks (benches/*.rs). One generator, so each ratio compares the same work.
// Deterministic: no randomness, no clock.
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.CrisisDeskBenchCases = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /** Daily counts for day `t`: a slow wave, a weekly cycle and a rising trend. Must match
   *  `synthetic` in benches/signals.rs. */
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

  /** A reciprocal n × n pairwise matrix on Saaty's scale (judgements 1–9 above the diagonal). */
  function ahpInput(n) {
    var m = [];
    for (var i = 0; i < n; i++) {
      m.push([]);
      for (var j = 0; j < n; j++) m[i].push(1);
    }
    for (i = 0; i < n; i++) {
      for (j = i + 1; j < n; j++) {
        var v = ((i * 7 + j * 3) % 9) + 1;
        if ((i + j) % 3 === 0) v = 1 / v;
        m[i][j] = v;
        m[j][i] = 1 / v;
      }
    }
    return { matrix: m };
  }

  /** A rows × cols decision matrix of positive values; every third criterion is a cost. */
  function decisionMatrix(rows, cols) {
    var matrix = [];
    for (var r = 0; r < rows; r++) {
      var row = [];
      for (var c = 0; c < cols; c++) row.push(1 + ((r * 31 + c * 17) % 97) + (r % 7) * 0.5);
      matrix.push(row);
    }
    var types = [];
    var weights = [];
    for (c = 0; c < cols; c++) {
      types.push(c % 3 === 0 ? "cost" : "benefit");
      weights.push(1 / cols);
    }
    return { matrix: matrix, types: types, weights: weights };
  }

  var LEVELS = ["I", "II", "III", "IV"];

  /** A `first` table of `rows` rows on a number, a string and a boolean; the facts match only
   *  the last row, so every row is tested. */
  function table(rows) {
    var rules = [];
    for (var k = 0; k < rows; k++) {
      rules.push({
        _id: "r" + k,
        in_n: "[" + k * 5 + ".." + (k * 5 + 5) + ")",
        in_s: '"a' + (k % 10) + '", "b' + (k % 7) + '"',
        in_b: k % 2 === 0 ? "" : "true",
        out_level: '"' + LEVELS[k % 4] + '"',
        out_k: String(k)
      });
    }
    return {
      table: {
        id: "bench", hitPolicy: "first",
        inputs: [{ id: "in_n", field: "cases.n" }, { id: "in_s", field: "place.code" }, { id: "in_b", field: "flags.b" }],
        outputs: [{ id: "out_level", field: "response.level" }, { id: "out_k", field: "row" }],
        rules: rules
      },
      facts: { cases: { n: rows * 5 - 3 }, place: { code: "a" + ((rows - 1) % 10) }, flags: { b: true } }
    };
  }

  /** `count` fact sets for `table(rows)`: numbers spread over the table's bands and a little
   *  past them, the code of either list of the band's row, the flag true for two in three. Most
   *  match the row of their band (after testing the rows above it); those past the bands, or
   *  with the flag false on a row that needs it true, match none. */
  function tableFacts(rows, count) {
    var out = [];
    for (var k = 0; k < count; k++) {
      var n = ((k * 37) % (rows * 5 + 20)) + (k % 4) * 0.25;
      var row = Math.floor(n / 5);
      out.push({
        cases: { n: n },
        place: { code: k % 2 === 0 ? "a" + (row % 10) : "b" + (row % 7) },
        flags: { b: k % 3 !== 0 }
      });
    }
    return out;
  }

  /** The rows of a matrix as Float64Arrays (what crosses the boundary in one copy each). */
  function typedRows(matrix) {
    return matrix.map(function (row) { return Float64Array.from(row); });
  }

  /** The default rulebook with `rows` rows of level tables: levels by the verdict and by bands
   *  of the 7-day incidence (no two rows overlap), in tables of at most 1 000 rows (the core's
   *  bound on one table, src/limits.rs). */
  function rulebook(defaultRulebook, rows) {
    var book = JSON.parse(JSON.stringify(defaultRulebook));
    var template = book.tables[0];
    var places = { I: "national", II: "jiangsu", III: "suzhou", IV: "zhangjiagang" };
    book.tables = [];
    for (var k = 0; k < rows; k++) {
      if (k % 1000 === 0) {
        var t = JSON.parse(JSON.stringify(template));
        t.id = k === 0 ? template.id : template.id + "-" + k / 1000;
        t.inputs.push({ id: "in_inc", name: "7-day incidence", field: "frameworks.indicators.localCases7dPer100k.value" });
        t.rules = [];
        book.tables.push(t);
      }
      var level = LEVELS[k % 4];
      t.rules.push({
        _id: "band-" + k, in_verdict: '"' + level + '"', in_major: "", in_inc: "[" + k / 2 + ".." + (k + 1) / 2 + ")",
        out_level: '"' + level + '"', out_led_by: '"' + places[level] + '"'
      });
    }
    return book;
  }

  /** The escalate options: the example detected at 09:00 on its asOf day. */
  function escalateOptions(asOf) {
    return { detectedAt: asOf + "T09:00:00+08:00", facts: { crossBorderLink: true, majorEvent: false } };
  }

  /**
   * The timed calls, in report order. Each: `name`, `run()`, and how to time it (`warm`
   * warm-up calls, at least `min` calls, up to `budgetMs`). `CD` is the loaded CrisisDesk API.
   */
  function cases(CD, options) {
    var province = !(options && options.quick);
    var list = [];
    function add(name, run, timing) {
      list.push({ name: name, run: run, warm: (timing || {}).warm === undefined ? 3 : timing.warm,
                  min: (timing || {}).min || 5, budgetMs: (timing || {}).budgetMs || 1000 });
    }
    [365, 3650].forEach(function (days) {
      var input = { incidence: synthetic(days), si: { mean: 4.7, sd: 2.9 } };
      add("estimateRt/" + days, function () { return CD.estimateRt(input); });
    });
    var example = CD.exampleSituation();
    add("assess/example", function () { return CD.assess(example); });
    var year = county(0, 365);
    add("assessSeries/365", function () { return CD.assessSeries(year); });
    if (province) {
      var counties = [];
      for (var i = 0; i < 3000; i++) counties.push(county(i, 365));
      add("assessMany/3000x365", function () { return CD.assessMany(counties); }, { warm: 1, min: 3, budgetMs: 1 });
      var columns = batch(counties, 365);
      add("assessManyColumns/3000x365", function () { return CD.assessManyColumns(columns); }, { warm: 1, min: 5, budgetMs: 3000 });
    }
    var ahp = ahpInput(15);
    add("ahp/15", function () { return CD.ahp(ahp); });
    var dm = decisionMatrix(1000, 20);
    add("entropyWeights/1000x20", function () { return CD.entropyWeights({ matrix: dm.matrix, types: dm.types }); });
    add("topsis/1000x20", function () { return CD.topsis(dm); });
    var typed = typedRows(dm.matrix);
    add("entropyWeights/1000x20-typed", function () { return CD.entropyWeights({ matrix: typed, types: dm.types }); });
    var typedDm = { matrix: typed, types: dm.types, weights: dm.weights };
    add("topsis/1000x20-typed", function () { return CD.topsis(typedDm); });
    var t = table(200);
    add("evaluateTable/200", function () { return CD.evaluateTable(t.table, t.facts); });
    var factsList = tableFacts(200, 1000);
    add("evaluateTableMany/200x1000", function () { return CD.evaluateTableMany(t.table, factsList); });
    var assessment = CD.assess(example);
    var eo = escalateOptions(assessment.asOf);
    add("escalate/default", function () { return CD.escalate(assessment, eo); });
    var big = rulebook(CD.defaultRulebook(), 2000);
    add("validateRulebook/2000", function () { return CD.validateRulebook(big); }, { warm: 1, min: 5, budgetMs: 2000 });
    return list;
  }

  /** Median milliseconds of `c.run()` and the number of calls timed; `now` is the clock. */
  function time(c, now) {
    for (var w = 0; w < c.warm; w++) c.run();
    var samples = [];
    var start = now();
    while (samples.length < c.min || (now() - start < c.budgetMs && samples.length < 200)) {
      var t0 = now();
      c.run();
      samples.push(now() - t0);
    }
    samples.sort(function (a, b) { return a - b; });
    return { name: c.name, medianMs: samples[Math.floor(samples.length / 2)], runs: samples.length };
  }

  return {
    synthetic: synthetic, county: county, batch: batch, ahpInput: ahpInput, decisionMatrix: decisionMatrix,
    typedRows: typedRows, table: table, tableFacts: tableFacts, rulebook: rulebook, escalateOptions: escalateOptions, cases: cases, time: time
  };
});
