// The escalation plan panel: from the assessment and the detection time, the response level,
// the agencies activated by aspect, and the notification deadlines as clock times, each with
// its legal basis. Calls window.CrisisDesk.escalate; text goes in through textContent only.
(function (root) {
  "use strict";
  var ASPECTS = ["government", "medical", "network", "publicity"];

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    for (var k in attrs || {}) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    return e;
  }

  function mount(ctx) {
    var t = ctx.t;
    var lastPlan = null;

    function pick(label) {
      return ctx.lang() === "en" ? label.en : label.zh;
    }

    function detectedAt() {
      var v = document.getElementById("plan-detected").value; // YYYY-MM-DDTHH:MM, Asia/Shanghai
      return v ? v + ":00+08:00" : null;
    }

    function run() {
      var a = ctx.assessment();
      var out = document.getElementById("plan-status");
      if (!a) return;
      var input = document.getElementById("plan-detected");
      if (!input.value) input.value = a.asOf + "T09:00";
      var facts = {
        crossBorderLink: document.getElementById("plan-cross-border").checked,
        majorEvent: document.getElementById("plan-major-event").checked
      };
      try {
        lastPlan = root.CrisisDesk.escalate(a, { detectedAt: detectedAt(), facts: facts });
      } catch (e) {
        lastPlan = null;
        out.textContent = (e.problems || [e]).map(function (p) { return (p.path ? p.path + ": " : "") + p.message; }).join("; ");
        document.getElementById("plan-timeline").textContent = "";
        document.getElementById("plan-agencies").textContent = "";
        return;
      }
      render();
    }

    function render() {
      var p = lastPlan;
      if (!p) return;
      document.getElementById("plan-status").textContent = p.level.level
        ? t("planLevel", { response: t("response." + p.level.level), lead: p.level.lead.map(function (l) { return pick(l.name); }).join(ctx.lang() === "en" ? ", " : "、") })
        : t("response.none");
      document.getElementById("plan-hash").textContent = t("planRulebook", { title: pick(p.rulebook.title), hash: p.rulebook.hash.slice(0, 19) });
      var list = document.getElementById("plan-timeline");
      list.textContent = "";
      p.timeline.forEach(function (d) {
        var li = el("li", null, { "data-id": d.id, "data-deadline": d.deadline });
        li.appendChild(el("strong", d.date + " " + d.clock, { class: "clock" }));
        li.appendChild(el("span", " " + pick(d.text))); // the text names the legal basis
        list.appendChild(li);
      });
      if (!p.timeline.length) list.appendChild(el("li", t("planNoNotifications")));
      var grid = document.getElementById("plan-agencies");
      grid.textContent = "";
      ASPECTS.forEach(function (aspect) {
        var col = el("div", null, { class: "aspect", "data-aspect": aspect });
        col.appendChild(el("h4", t("aspect." + aspect)));
        var ul = el("ul");
        p.agencies[aspect].forEach(function (ag) {
          var li = el("li", null, { "data-agency": ag.id, "data-role": ag.role });
          li.appendChild(el("strong", pick(ag.name)));
          li.appendChild(el("span", " · " + t("role." + ag.role)));
          ag.tasks.forEach(function (task) { li.appendChild(el("div", pick(task), { class: "task" })); });
          ul.appendChild(li);
        });
        col.appendChild(ul);
        grid.appendChild(col);
      });
    }

    document.getElementById("plan-form").addEventListener("submit", function (e) {
      e.preventDefault();
      run();
    });
    return { run: run, render: render };
  }

  root.CrisisDeskPlan = { mount: mount };
})(typeof globalThis !== "undefined" ? globalThis : self);
