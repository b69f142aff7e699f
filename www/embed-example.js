// The mock portal's own script: gives the embedded <crisis-desk> the bundled example situation
// and writes what it hears from it (the crisis-desk:assessed and crisis-desk:error events) into
// the portal's own status line. A host never reaches into the element's shadow root.
(function () {
  "use strict";
  var status = document.getElementById("host-status");
  var desk = document.querySelector("crisis-desk");

  document.addEventListener("crisis-desk:assessed", function (e) {
    var a = e.detail;
    var level = a.verdict.level;
    status.dataset.level = level || "";
    status.textContent = "门户状态：已收到评估 — " + a.region.name + "，截至 " + a.asOf + "，建议" +
      (level ? { I: "Ⅰ", II: "Ⅱ", III: "Ⅲ", IV: "Ⅳ" }[level] + "级响应" : "不启动应急响应") + "。";
  });
  document.addEventListener("crisis-desk:error", function (e) {
    status.dataset.level = "";
    status.dataset.error = e.detail.code;
    status.textContent = "门户状态：crisis-desk 无法评估（" + e.detail.code + "）：" + e.detail.message;
  });

  if (!window.CrisisDesk || !desk) return; // the element reports the missing script itself
  window.CrisisDesk.ready.then(function () {
    desk.situation = window.CrisisDesk.exampleSituation();
  }, function () {
    // The element shows the reason and sends crisis-desk:error.
  });
})();
