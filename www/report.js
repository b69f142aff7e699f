// The printed situation report: the "Print report" button, and the report's header and footer
// (shown only in print, by print.css): region, data date, recommended level, the time of the
// assessment, the crisis-desk version and the full hash of the rulebook the plan was made from.
// The rest of the report is the page itself, laid out for A4 by print.css.
(function (root) {
  "use strict";

  function $(id) {
    return document.getElementById(id);
  }

  // The button works as soon as the page is parsed, even before the module is ready.
  var button = $("print-report");
  if (button) button.addEventListener("click", function () { root.print(); });

  /** ctx: { t(key, params), lang() "zh"|"en", assessment() } */
  function mount(ctx) {
    var t = ctx.t;
    var seen = null;
    var assessedAt = null;

    /** The local time of the assessment, unambiguous in either language: 2026-11-25 09:30:05 (UTC+08:00). */
    function time() {
      if (!assessedAt) return "—";
      var d = assessedAt;
      var two = function (n) { return (n < 10 ? "0" : "") + n; };
      var offset = -d.getTimezoneOffset();
      var zone = "UTC" + (offset < 0 ? "−" : "+") + two(Math.floor(Math.abs(offset) / 60)) + ":" + two(Math.abs(offset) % 60);
      return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()) + " " +
        two(d.getHours()) + ":" + two(d.getMinutes()) + ":" + two(d.getSeconds()) + " (" + zone + ")";
    }

    function render() {
      var a = ctx.assessment();
      // Each new assessment object is a new assessment: stamp it when first seen.
      if (a !== seen) {
        seen = a;
        assessedAt = a ? new Date() : null;
      }
      var api = root.CrisisDesk;
      var version = api ? safe(api.version) || api.VERSION : "—";
      var planHash = $("plan-hash");
      var hash = planHash && planHash.dataset.hash ? planHash.dataset.hash : "";
      var level = a ? t("response." + (a.verdict.level || "none")) + (a.verdict.colour ? " · " + t("colour." + a.verdict.colour) : "") : "—";
      $("report-region").textContent = a ? a.region.name : "—";
      $("report-asof").textContent = a ? a.asOf : "—";
      $("report-level").textContent = level;
      $("report-level").dataset.level = a ? a.verdict.level || "" : "";
      $("report-time").textContent = time();
      $("report-time").dataset.time = assessedAt ? assessedAt.toISOString() : "";
      $("report-version").textContent = version;
      $("report-rulebook").textContent = hash || t("report.noPlan");
      $("report-footer").textContent = t("report.footer", { version: version, hash: hash ? hash.slice(0, 19) + "…" : "—", time: time() });
    }

    function safe(f) {
      try {
        return typeof f === "function" ? f() : null;
      } catch (e) {
        return null;
      }
    }

    // The plan re-runs on its own (a rulebook edit, a new detection time): follow its hash.
    var planHash = $("plan-hash");
    if (planHash && root.MutationObserver) {
      new MutationObserver(render).observe(planHash, { attributes: true, attributeFilter: ["data-hash"] });
    }
    render();
    return { render: render };
  }

  root.CrisisDeskReport = { mount: mount };
})(typeof globalThis !== "undefined" ? globalThis : self);
