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

  /** Copies text: the async clipboard first, else a selected hidden textarea and execCommand("copy"). */
  function copyText(text) {
    function fallback() {
      var active = document.activeElement;
      var area = el("textarea", null, { readonly: "", "aria-hidden": "true", tabindex: "-1", class: "copy-buffer" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      document.body.removeChild(area);
      if (active && active.focus) active.focus();
      return ok;
    }
    if (root.navigator && navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return fallback(); });
    }
    return Promise.resolve(fallback());
  }

  function mount(ctx) {
    var t = ctx.t;
    var lastPlan = null;
    var blocked = null; // the rulebook's state when it has errors: the plan is not made from it
    var copySeq = 0;

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
      var options = { detectedAt: detectedAt(), facts: facts };
      var rb = ctx.rulebook ? ctx.rulebook() : { state: "default" };
      blocked = null;
      if (rb.state === "invalid") {
        // Never plan from a rulebook with errors; say so instead.
        lastPlan = null;
        blocked = rb;
        render();
        return;
      }
      if (rb.state === "edited") options.rulebook = rb.rulebook;
      try {
        lastPlan = root.CrisisDesk.escalate(a, options);
      } catch (e) {
        lastPlan = null;
        out.textContent = (e.problems || [e]).map(function (p) { return (p.path ? p.path + ": " : "") + p.message; }).join("; ");
        document.getElementById("plan-timeline").textContent = "";
        document.getElementById("plan-agencies").textContent = "";
        return;
      }
      render();
    }

    function renderBlocked() {
      var plan = document.getElementById("plan");
      plan.dataset.blocked = "true";
      var status = document.getElementById("plan-status");
      status.textContent = (blocked.parseError ? t("planRulebookUnreadable") : t("planRulebookErrors", { count: blocked.errors })) + " ";
      status.appendChild(el("a", t("planRulebookGoTo"), { href: "#rulebook-heading" }));
      var hash = document.getElementById("plan-hash");
      hash.textContent = t("planRulebookNotUsed");
      hash.dataset.hash = "";
      document.getElementById("plan-timeline").textContent = "";
      document.getElementById("plan-agencies").textContent = "";
    }

    function copyButton(li, d, lang, textId) {
      var text = noticeText(d, lang);
      var b = el("button", t(lang === "zh" ? "planCopyZh" : "planCopyEn"), { type: "button", class: "secondary small copy", "data-copy": lang, "aria-describedby": textId });
      b.addEventListener("click", function () {
        copyText(text).then(function (ok) {
          var status = document.getElementById("plan-copy-status");
          var message = ok ? t(lang === "zh" ? "planCopiedZh" : "planCopiedEn", { date: d.date, clock: d.clock }) : t("planCopyFailed");
          // Emptied first, so copying the same notice twice is announced twice.
          status.textContent = "";
          status.dataset.copied = "";
          var seq = ++copySeq;
          setTimeout(function () {
            if (seq !== copySeq) return;
            status.textContent = message;
            status.dataset.copied = ok ? lang + ":" + d.id : "failed";
          }, 30);
        });
      });
      li.appendChild(b);
    }

    /** The notification in one language: the core's text, else composed from its fields. */
    function noticeText(d, lang) {
      if (d.text && typeof d.text[lang] === "string" && d.text[lang]) return d.text[lang];
      var name = function (l) { return l && l.name ? l.name[lang] || l.name.zh || l.name.en || l.id : ""; };
      return root.CrisisDeskI18n.translate(lang, "planNotice", {
        from: name(d.from), to: (d.to || []).map(name).join(lang === "en" ? ", " : "、"),
        date: d.date, clock: d.clock, basis: d.basis ? d.basis[lang] || "" : ""
      });
    }

    function render() {
      var plan = document.getElementById("plan");
      if (blocked) {
        renderBlocked();
        return;
      }
      plan.dataset.blocked = "false";
      var p = lastPlan;
      if (!p) return;
      // Names and titles come from the rulebook (a file): each is isolated, so its bidi controls
      // cannot reorder the sentence around it, the deadlines or the hash (i18n.js).
      var I = root.CrisisDeskI18n;
      var leads = p.level.lead.map(function (l) { return pick(l.name); });
      I.fillIsolated(document.getElementById("plan-status"), p.level.level
        ? t("planLevel", { response: t("response." + p.level.level), lead: leads.join(ctx.lang() === "en" ? ", " : "、") })
        : t("response.none"), leads);
      var hash = document.getElementById("plan-hash");
      I.fillIsolated(hash, t(p.rulebook.default ? "planRulebook" : "planRulebookEdited", { title: pick(p.rulebook.title), hash: p.rulebook.hash.slice(0, 19) }), [pick(p.rulebook.title)]);
      hash.dataset.hash = p.rulebook.hash;
      var list = document.getElementById("plan-timeline");
      list.textContent = "";
      p.timeline.forEach(function (d, i) {
        var li = el("li", null, { "data-id": d.id, "data-deadline": d.deadline });
        li.appendChild(el("strong", d.date + " " + d.clock, { class: "clock" }));
        var textId = "plan-notice-" + i;
        var lang = ctx.lang() === "en" ? "en" : "zh";
        var names = [d.from].concat(d.to || []).map(function (x) { return x && x.name ? x.name[lang] : ""; }).concat([d.basis ? d.basis[lang] : ""]);
        li.appendChild(I.fillIsolated(el("span", null, { id: textId, class: "notice-text" }), " " + noticeText(d, lang), names)); // the text names the legal basis
        var tools = el("span", null, { class: "copy-tools" });
        copyButton(tools, d, "zh", textId);
        copyButton(tools, d, "en", textId);
        li.appendChild(tools);
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
          li.appendChild(el("strong")).appendChild(I.isolated(pick(ag.name)));
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
