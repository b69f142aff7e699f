// Browser benchmark (www/bench.html): times the calls of bench-cases.js in this browser's
// WebAssembly, one after another with a pause between them so the page stays responsive.
// Results go in a table and in document.body.dataset.results (read by
// scripts/bench-browser.mjs and the browser tests).
(function () {
  "use strict";

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
    var B = window.CrisisDeskBenchCases;
    var quick = /[?&]quick\b/.test(location.search);
    var cases = B.cases(CD, { quick: quick });
    var tbody = document.getElementById("results");
    var results = [];
    var i = 0;
    function next() {
      if (i === cases.length) {
        // It timed real work: the last Rt window of the 365-day series, for the test to compare.
        results[0].lastMean = CD.estimateRt({ incidence: B.synthetic(365), si: { mean: 4.7, sd: 2.9 } }).windows.slice(-1)[0].mean;
        document.getElementById("agent").textContent = navigator.userAgent;
        document.getElementById("status").textContent = "Done: " + results.length + " calls timed.";
        document.body.dataset.results = JSON.stringify(results);
        return;
      }
      var c = cases[i++];
      document.getElementById("status").textContent = "Timing " + c.name + "…";
      var r = B.time(c, function () { return performance.now(); });
      results.push(r);
      row(tbody, [r.name, r.medianMs.toFixed(3), String(r.runs)]);
      setTimeout(next, 0);
    }
    setTimeout(next, 0);
  });
})();
