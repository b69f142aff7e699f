// Decision-analysis panel: AHP questionnaire (live CR and suggested fixes), the synergy
// degree of the response's four aspects, and a fair split of a scarce resource. Calls the
// core through window.CrisisDesk; all text goes in through textContent.
(function (root) {
  "use strict";

  var SCALE = [9, 8, 7, 6, 5, 4, 3, 2, 1, 1 / 2, 1 / 3, 1 / 4, 1 / 5, 1 / 6, 1 / 7, 1 / 8, 1 / 9];
  var ASPECTS = ["government", "medical", "network", "publicity"];

  function label(v) {
    return v >= 1 ? String(Math.round(v)) : "1/" + Math.round(1 / v);
  }

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    for (var k in attrs || {}) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    return e;
  }

  /** A table with its caption (`hidden`: read out, not shown, where a heading just above says it), in its own scrolling region. */
  function table(host, caption, headers, rows, hidden) {
    host.textContent = "";
    var wrap = el("div", null, { class: "table-scroll", role: "region", tabindex: "0", "aria-label": caption });
    var t = el("table", null, { class: "analysis-table" });
    t.appendChild(el("caption", caption, hidden ? { class: "visually-hidden" } : {}));
    var tr = el("tr");
    headers.forEach(function (h) { tr.appendChild(el("th", h, { scope: "col" })); });
    var thead = el("thead");
    thead.appendChild(tr);
    t.appendChild(thead);
    var tbody = el("tbody");
    rows.forEach(function (r) {
      var row = el("tr");
      r.forEach(function (c) { row.appendChild(el("td", c)); });
      tbody.appendChild(row);
    });
    t.appendChild(tbody);
    wrap.appendChild(t);
    host.appendChild(wrap);
  }

  function problemsText(e) {
    return (e.problems || [e]).map(function (p) { return (p.path ? p.path + ": " : "") + p.message; }).join("; ");
  }

  /** Builds the panel; `ctx` gives t(key, params), fmt(n, digits). */
  function mount(ctx) {
    var t = ctx.t, fmt = ctx.fmt;
    var state = { judgements: {} };
    var names = function () { return ASPECTS.map(function (a) { return t("aspect." + a); }); };

    // --- AHP: one select per pair (upper triangle); the lower triangle is the reciprocal.
    function renderAhpForm() {
      var host = document.getElementById("ahp-pairs");
      host.textContent = "";
      var n = ASPECTS.length, labels = names();
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var key = i + "-" + j;
          var id = "ahp-" + key;
          var row = el("div", null, { class: "pair" });
          var lab = el("label", t("ahpPair", { a: labels[i], b: labels[j] }), { for: id });
          var select = el("select", null, { id: id, "data-pair": key });
          SCALE.forEach(function (v) {
            var opt = el("option", label(v), { value: String(v) });
            if (Math.abs(v - (state.judgements[key] || 1)) < 1e-9) opt.selected = true;
            select.appendChild(opt);
          });
          select.addEventListener("change", function (e) {
            state.judgements[e.target.getAttribute("data-pair")] = Number(e.target.value);
            runAhp();
          });
          row.appendChild(lab);
          row.appendChild(select);
          host.appendChild(row);
        }
      }
    }

    function matrix() {
      var n = ASPECTS.length, m = [];
      for (var i = 0; i < n; i++) {
        m.push([]);
        for (var j = 0; j < n; j++) {
          if (i === j) m[i].push(1);
          else if (i < j) m[i].push(state.judgements[i + "-" + j] || 1);
          else m[i].push(null); // filled by the core from its mirror entry
        }
      }
      return m;
    }

    function runAhp() {
      var out = document.getElementById("ahp-result");
      var r;
      try {
        r = root.CrisisDesk.ahp({ matrix: matrix(), labels: names() });
      } catch (e) {
        out.textContent = problemsText(e);
        return;
      }
      var labels = names();
      document.getElementById("ahp-cr").textContent = t(r.consistent ? "ahpConsistent" : "ahpInconsistent", { cr: fmt(r.cr, 3) });
      document.getElementById("ahp-cr").dataset.consistent = String(r.consistent);
      table(out, t("ahpHeading"), [t("colCriterion"), t("colWeight")], r.weights.map(function (w, i) { return [labels[i], fmt(w * 100, 1) + "%"]; }), true);
      var sug = document.getElementById("ahp-suggestions");
      sug.textContent = "";
      if (!r.consistent) {
        r.suggestions.forEach(function (s) {
          sug.appendChild(el("li", t("ahpSuggestion", { a: labels[s.row], b: labels[s.col], suggested: s.suggestedLabel, current: label(s.current), cr: fmt(s.crAfter, 3) })));
        });
      }
    }

    // --- Synergy of the four aspects between two periods (the bundled example).
    function runSynergy() {
      var out = document.getElementById("synergy-result");
      var r;
      try {
        r = root.CrisisDesk.synergyDegree(root.CrisisDesk.exampleSynergy());
      } catch (e) {
        out.textContent = problemsText(e);
        return;
      }
      var lang = ctx.lang();
      document.getElementById("synergy-value").textContent = t("synergyValue", {
        c: fmt(r.synergy, 3), grade: lang === "en" && r.grade.nameEn ? r.grade.nameEn : r.grade.name
      });
      table(out, t("synergyHeading"), [t("colAspect"), t("colOrderBase"), t("colOrderCurrent"), t("colChange")], r.subsystems.map(function (s) {
        return [lang === "en" && s.nameEn ? s.nameEn : s.name || s.id, fmt(s.orderBase, 3), fmt(s.orderCurrent, 3), (s.change >= 0 ? "+" : "−") + fmt(Math.abs(s.change), 3)];
      }), true);
    }

    // --- Allocation: supply and needs typed as numbers.
    function runAllocate(e) {
      if (e) e.preventDefault();
      var out = document.getElementById("allocate-result");
      var needs = document.getElementById("allocate-needs").value.split(/[,，\s]+/).filter(Boolean).map(Number);
      var input = { supply: Number(document.getElementById("allocate-supply").value), needs: needs };
      var r;
      try {
        r = root.CrisisDesk.allocate(input);
      } catch (err) {
        out.textContent = problemsText(err);
        return;
      }
      table(out, t("allocateHeading"), [t("colRecipient"), t("colNeed"), t("colAllocated"), t("colUnmet")], r.allocation.map(function (a, i) {
        return [String(i + 1), fmt(needs[i]), fmt(a), fmt(r.unmet[i])];
      }), true);
    }

    // --- Entropy weights and TOPSIS from a CSV: header "name,crit1,crit2,…", an optional
    // row "type,benefit,cost,…", then one row per alternative. Parsed as text, never as HTML.
    function parseCsv(text) {
      var rows = text.split(/\r?\n/).map(function (line) { return line.trim(); }).filter(Boolean).map(function (line) {
        return line.split(/[,，\t]/).map(function (c) { return c.trim().replace(/^"(.*)"$/, "$1"); });
      });
      if (rows.length < 2) throw { problems: [{ path: "csv", message: t("csvTooShort") }] };
      var header = rows[0].slice(1);
      var types = null;
      if (/^(type|类型)$/i.test(rows[1][0])) {
        types = rows[1].slice(1).map(function (x) { return /^(cost|成本|越小越好)$/i.test(x) ? "cost" : "benefit"; });
        rows.splice(1, 1);
      }
      var names = [], matrix = [], problems = [];
      rows.slice(1).forEach(function (r, i) {
        names.push(r[0]);
        matrix.push(r.slice(1).map(function (x, j) {
          var v = Number(x);
          if (x === "" || !isFinite(v)) problems.push({ path: "csv row " + (i + 2) + ", column " + (j + 2), message: t("csvNotNumber", { value: x }) });
          return v;
        }));
      });
      if (problems.length) throw { problems: problems };
      return { criteria: header, types: types || header.map(function () { return "benefit"; }), names: names, matrix: matrix };
    }

    function runMcda(e) {
      if (e) e.preventDefault();
      var out = document.getElementById("mcda-result");
      var data, ent, top;
      try {
        data = parseCsv(document.getElementById("mcda-csv").value);
        ent = root.CrisisDesk.entropyWeights({ matrix: data.matrix, types: data.types });
        top = root.CrisisDesk.topsis({ matrix: data.matrix, weights: ent.weights, types: data.types });
      } catch (err) {
        out.textContent = problemsText(err);
        return;
      }
      out.textContent = "";
      var wHost = el("div"), rHost = el("div");
      out.appendChild(wHost);
      out.appendChild(rHost);
      table(wHost, t("mcdaWeightsCaption"), [t("colIndicator"), t("colType"), t("colWeight")], data.criteria.map(function (c, j) {
        return [c, t("type." + data.types[j]), fmt(ent.weights[j] * 100, 1) + "%"];
      }));
      table(rHost, t("mcdaRankingCaption"), [t("colRank"), t("colAlternative"), t("colCloseness")], top.order.map(function (i) {
        return [String(top.ranking[i]), data.names[i], fmt(top.closeness[i], 3)];
      }));
    }

    document.getElementById("mcda-form").addEventListener("submit", runMcda);
    document.getElementById("mcda-file").addEventListener("change", function (e) {
      var file = e.target.files && e.target.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        document.getElementById("mcda-csv").value = String(reader.result);
        runMcda();
      };
      reader.readAsText(file, "utf-8");
    });
    document.getElementById("allocate-form").addEventListener("submit", runAllocate);
    return {
      render: function () {
        renderAhpForm();
        runAhp();
        runSynergy();
        runAllocate();
        runMcda();
      }
    };
  }

  root.CrisisDeskAnalysis = { mount: mount, SCALE: SCALE };
})(typeof globalThis !== "undefined" ? globalThis : self);
