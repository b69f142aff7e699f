// The rulebook panel: shows the rulebook the plan uses (title, hash, agencies by aspect, decision
// tables, notifications, measures) and edits its decision tables cell by cell, validated as typed
// (CrisisDesk.validateRulebook): each diagnostic shows at its cell and in a list. A rulebook file
// can be loaded and the current one saved; the draft is kept in local storage. The text the user
// typed or loaded is never dropped, even when it is not valid JSON, and never inserted as HTML.
(function (root) {
  "use strict";
  var DRAFT_KEY = "crisis-desk.rulebook-draft";
  var LAST_GOOD_KEY = "crisis-desk.rulebook-draft-last-good"; // the last edited rulebook without errors
  var ASPECTS = ["government", "medical", "network", "publicity"];
  var MAX_FILE_BYTES = 5 * 1024 * 1024;

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    for (var k in attrs || {}) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    return e;
  }
  function arr(x) {
    return Array.isArray(x) ? x : [];
  }
  function obj(x) {
    return x && typeof x === "object" && !Array.isArray(x) ? x : null;
  }
  function str(x) {
    return x === null || x === undefined ? "" : typeof x === "string" ? x : JSON.stringify(x);
  }
  function $(id) {
    return document.getElementById(id);
  }
  /** o[k] = v as an own property, even for a key such as "__proto__" from a file. */
  function setKey(o, k, v) {
    Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  }
  // Names from the file, each in its own isolate (i18n.js): their bidi controls never reorder the page's text.
  function isolated(name) {
    return root.CrisisDeskI18n.isolated(name);
  }
  function fillIsolated(e, text, names) {
    return root.CrisisDeskI18n.fillIsolated(e, text, names);
  }
  /** The names, each isolated, with sep between them. */
  function nameList(names, sep) {
    var e = el("span");
    names.forEach(function (n, i) {
      if (i) e.appendChild(document.createTextNode(sep));
      e.appendChild(isolated(n));
    });
    return e;
  }

  /** "tables[0].rules[2].in_verdict" → its parent paths, longest first. */
  function parents(path) {
    var out = [];
    var p = path;
    while (p) {
      var cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
      if (cut <= 0) break;
      p = p.slice(0, cut);
      out.push(p);
    }
    return out;
  }

  function mount(ctx) {
    var t = ctx.t;
    var CD = root.CrisisDesk;
    var builtin = CD.defaultRulebook();
    var builtinHash = CD.rulebookHash(builtin);
    var st = { text: "", rb: null, parseError: null, diagnostics: [], errors: 0, hash: null, isDefault: true, fileName: null };
    var targets = {}; // path → { input?, msgHost }
    var jsonTimer = null;
    var uid = 0;

    /** A table's or column's name: its bilingual `label` when given, else `name`, else `id`. */
    function named(x) {
      return obj(x.label) ? pick(x.label) : str(x.name || x.id);
    }

    function pick(label) {
      var l = obj(label);
      if (!l) return str(label);
      var first = ctx.lang() === "en" ? l.en : l.zh;
      var other = ctx.lang() === "en" ? l.zh : l.en;
      return str(first !== undefined && first !== null && first !== "" ? first : other);
    }

    function pretty(value) {
      return JSON.stringify(value, null, 2);
    }

    // ---- State: the text is the truth; the object is what it parses to. ----

    function analyse() {
      st.rb = null;
      st.parseError = null;
      st.diagnostics = [];
      try {
        st.rb = JSON.parse(st.text);
      } catch (e) {
        st.parseError = e.message;
      }
      if (!st.parseError) {
        var v = CD.validateRulebook(st.rb);
        st.diagnostics = v.diagnostics;
      }
      st.errors = st.parseError ? 1 : st.diagnostics.filter(function (d) { return d.severity === "error"; }).length;
      st.hash = null;
      if (!st.parseError && obj(st.rb)) {
        try {
          st.hash = CD.rulebookHash(st.rb);
        } catch (e) {
          st.hash = null;
        }
      }
      st.isDefault = st.hash === builtinHash;
    }

    var lastGood = null; // what was last written under LAST_GOOD_KEY
    function save() {
      if (st.isDefault) {
        ctx.storage("remove", DRAFT_KEY);
        ctx.storage("remove", LAST_GOOD_KEY); // the last good copy is then the built-in one
        lastGood = null;
        return;
      }
      ctx.storage("set", DRAFT_KEY, st.text);
      if (!st.errors && obj(st.rb) && st.text !== lastGood) {
        ctx.storage("set", LAST_GOOD_KEY, st.text, true);
        lastGood = st.text;
      }
    }

    /** Replaces the whole rulebook text (a file, the JSON box, a restore, a ZEN import). */
    function setText(text, opts) {
      opts = opts || {};
      st.text = text;
      analyse();
      save();
      renderAll(opts);
      ctx.changed();
    }

    /** After one cell changed in the object: the text follows, the table keeps its inputs (and focus). */
    function objectEdited() {
      st.text = pretty(st.rb);
      var rb = st.rb;
      analyse();
      st.rb = rb; // the same object the inputs write to
      save();
      renderDiagnostics();
      renderSummary();
      if (document.activeElement !== $("rb-json")) $("rb-json").value = st.text;
      ctx.changed();
    }

    /** What the plan should use: the built-in rulebook, an edited valid one, or nothing (errors). */
    function forPlan() {
      if (st.isDefault) return { state: "default", rulebook: null, hash: builtinHash };
      if (st.errors > 0 || !obj(st.rb)) return { state: "invalid", errors: st.errors, parseError: st.parseError };
      return { state: "edited", rulebook: st.rb, hash: st.hash };
    }

    // ---- Viewer ----

    function renderSummary() {
      var host = $("rb-summary");
      host.textContent = "";
      var rb = obj(st.rb);
      var dl = el("dl", null, { class: "rb-facts" });
      function row(label, value, cls) {
        dl.appendChild(el("dt", label));
        var dd = el("dd", null, cls ? { class: cls } : {});
        if (value instanceof Node) dd.appendChild(value);
        else dd.textContent = value;
        dl.appendChild(dd);
        return dd;
      }
      var status = st.parseError ? t("rb.stateUnreadable") : st.errors ? t("rb.stateErrors", { count: st.errors })
        : st.isDefault ? t("rb.stateBuiltin") : t("rb.stateEdited");
      var stateDd = row(t("rb.state"), status, "rb-state");
      stateDd.dataset.state = st.parseError || st.errors ? "invalid" : st.isDefault ? "default" : "edited";
      if (rb) {
        row(t("rb.title"), pick(rb.title));
        row(t("rb.id"), str(rb.id));
        var j = obj(rb.jurisdiction) || {};
        var region = obj(j.region);
        if (region) row(t("rb.region"), pick(region.name));
        var parentNames = arr(j.parents).map(function (p) { return pick(obj(p) && p.name); });
        if (parentNames.join("")) row(t("rb.parents"), nameList(parentNames, " › "));
        var nb = arr(j.neighbours).map(function (p) { return pick(obj(p) && p.name); });
        if (nb.join("")) row(t("rb.neighbours"), nameList(nb, t("rb.listSep")));
      }
      var hash = el("code", st.hash || "—", { id: "rb-hash" });
      row(t("rb.hash"), hash, "rb-hash");
      if (rb && !st.isDefault && st.hash && !st.errors) {
        try {
          var d = CD.diffRulebooks(builtin, rb);
          if (!d.identical) row(t("rb.diff"), t("rb.diffCounts", { added: d.added, removed: d.removed, changed: d.changed }));
        } catch (e) {
          // A rulebook the diff cannot read is already reported by its diagnostics.
        }
      }
      host.appendChild(dl);
      if (rb && rb.source) host.appendChild(el("p", str(rb.source), { class: "settings rb-source" }));
    }

    function agencyName(id) {
      var a = arr(obj(st.rb) && st.rb.agencies).filter(function (x) { return obj(x) && x.id === id; })[0];
      return a ? pick(a.name) : t("rb.unknownAgency", { id: str(id) });
    }

    function whenText(when) {
      var w = obj(when);
      if (!w || !Object.keys(w).length) return t("rb.always");
      return Object.keys(w).map(function (k) { return k + ": " + str(w[k]); }).join("; ");
    }

    function withinText(within) {
      var w = obj(within) || {};
      var parts = [];
      if (w.hours !== undefined && w.hours !== null) parts.push(t("rb.hours", { n: str(w.hours) }));
      if (w.minutes !== undefined && w.minutes !== null) parts.push(t("rb.minutes", { n: str(w.minutes) }));
      return parts.join(" ") || "—";
    }

    function simpleTable(host, caption, headers, rows, attrs) {
      var wrap = el("div", null, { class: "rb-scroll", role: "region", tabindex: "0", "aria-label": caption });
      var table = el("table", null, { class: "rb-view" });
      table.appendChild(el("caption", caption, { class: "visually-hidden" }));
      var thead = el("thead"), hr = el("tr");
      headers.forEach(function (h) { hr.appendChild(el("th", h, { scope: "col" })); });
      thead.appendChild(hr);
      table.appendChild(thead);
      var tbody = el("tbody");
      rows.forEach(function (r, i) {
        var tr = el("tr", null, attrs ? attrs(i) : {});
        r.forEach(function (c, j) {
          // data-label: on a narrow screen each row stacks as a card with its column names (styles.css).
          var td = el(j === 0 ? "th" : "td", null, j === 0 ? { scope: "row", "data-label": headers[j] } : { "data-label": headers[j] });
          if (c instanceof Node) td.appendChild(c);
          else td.textContent = c;
          tr.appendChild(td);
        });
        tbody.appendChild(tr);
      });
      table.appendChild(tbody);
      wrap.appendChild(table);
      host.appendChild(wrap);
    }

    function code(text) {
      return el("code", text);
    }

    function renderNotifications() {
      var host = $("rb-notifications");
      host.textContent = "";
      var list = arr(obj(st.rb) && st.rb.notifications);
      if (!list.length) {
        host.appendChild(el("p", t("rb.none"), { class: "hint" }));
        return;
      }
      simpleTable(host, t("rb.notificationsHeading"), [t("rb.colFrom"), t("rb.colTo"), t("rb.colWithin"), t("rb.colWhen"), t("rb.colBasis")],
        list.map(function (n) {
          n = obj(n) || {};
          var basis = el("div");
          basis.appendChild(el("div", pick(n.basis)));
          if (n.source) basis.appendChild(el("div", str(n.source), { class: "rb-cite" }));
          return [agencyName(n.from), nameList(arr(n.to).map(agencyName), t("rb.listSep")), el("span", withinText(n.within), { class: "nowrap" }), code(whenText(n.when)), basis];
        }), function (i) { return { "data-id": str(obj(list[i]) && list[i].id) }; });
    }

    function renderMeasures() {
      var host = $("rb-measures");
      host.textContent = "";
      var list = arr(obj(st.rb) && st.rb.measures);
      if (!list.length) {
        host.appendChild(el("p", t("rb.none"), { class: "hint" }));
        return;
      }
      simpleTable(host, t("rb.measuresHeading"), [t("rb.colMeasure"), t("colAspect"), t("rb.colAgency"), t("rb.colWhen"), t("rb.colStandDown")],
        list.map(function (m) {
          m = obj(m) || {};
          var aspect = ctx.has("aspect." + m.aspect) ? t("aspect." + m.aspect) : str(m.aspect);
          return [pick(m.label), aspect, m.agency ? agencyName(m.agency) : "—", code(whenText(m.when)),
            m.standDown ? (ctx.has("sd." + m.standDown) ? t("sd." + m.standDown) : str(m.standDown)) : "—"];
        }), function (i) { return { "data-id": str(obj(list[i]) && list[i].id) }; });
    }

    function renderAgencies() {
      var host = $("rb-agencies");
      host.textContent = "";
      var list = arr(obj(st.rb) && st.rb.agencies);
      ASPECTS.forEach(function (aspect) {
        var col = el("div", null, { class: "aspect", "data-aspect": aspect });
        col.appendChild(el("h4", t("aspect." + aspect)));
        var ul = el("ul");
        list.forEach(function (a) {
          a = obj(a);
          if (!a || a.aspect !== aspect) return;
          var li = el("li", null, { "data-agency": str(a.id) });
          li.appendChild(el("strong")).appendChild(isolated(pick(a.name)));
          if (a.contact) li.appendChild(el("div", t("rb.contact", { contact: pick(a.contact) }), { class: "task" }));
          ul.appendChild(li);
        });
        if (!ul.children.length) ul.appendChild(el("li", t("rb.none"), { class: "task" }));
        col.appendChild(ul);
        host.appendChild(col);
      });
    }

    // ---- Table editor ----

    function register(path, input, msgHost) {
      targets[path] = { input: input, msgHost: msgHost };
    }

    function cellInput(path, value, label, onInput, cls) {
      var id = "rb-cell-" + (++uid);
      var input = el("input", null, { type: "text", id: id, class: "rb-cell " + (cls || ""), "data-path": path, "aria-label": label, spellcheck: "false", autocomplete: "off" });
      input.value = value;
      input.addEventListener("input", function () { onInput(input.value); });
      var msg = el("span", null, { class: "rb-msg", id: id + "-msg" });
      register(path, input, msg);
      return { input: input, msg: msg };
    }

    function hitPolicyText(table) {
      var hp = str(table.hitPolicy);
      return ctx.has("rb.hit." + hp) ? t("rb.hit." + hp) : hp;
    }

    function renderTable(host, table, ti) {
      var base = "tables[" + ti + "]";
      var section = el("section", null, { class: "rb-table", "data-table": str(table.id), "data-path": base, "aria-labelledby": "rb-t" + ti + "-h" });
      section.appendChild(fillIsolated(el("h4", null, { id: "rb-t" + ti + "-h" }), t("rb.tableTitle", { name: named(table), id: str(table.id) }), [named(table), str(table.id)]));
      section.appendChild(el("p", t("rb.hitPolicy", { policy: hitPolicyText(table) }), { class: "hint" }));
      if (table.source) section.appendChild(el("p", str(table.source), { class: "rb-cite" }));
      var tableMsg = el("div", null, { class: "rb-msg rb-table-msg", id: "rb-t" + ti + "-msg" });
      section.appendChild(tableMsg);
      register(base, null, tableMsg);
      var inputs = arr(table.inputs).map(obj).filter(Boolean);
      var outputs = arr(table.outputs).map(obj).filter(Boolean);
      // The scrolling region is named by the grid's caption: the section around it already has the heading's name.
      var wrap = el("div", null, { class: "rb-scroll", role: "region", tabindex: "0", "aria-labelledby": "rb-t" + ti + "-cap" });
      var grid = el("table", null, { class: "rb-grid" });
      grid.appendChild(el("caption", t("rb.tableCaption", { name: named(table) }), { class: "visually-hidden", id: "rb-t" + ti + "-cap" }));
      var thead = el("thead"), hr = el("tr");
      hr.appendChild(el("th", t("rb.colRule"), { scope: "col" }));
      function head(col, kind, k) {
        var th = el("th", null, { scope: "col", class: "rb-" + kind });
        th.appendChild(el("span", t(kind === "in" ? "rb.input" : "rb.output"), { class: "rb-kind" }));
        th.appendChild(el("span", null, { class: "rb-colname" })).appendChild(isolated(named(col)));
        th.appendChild(el("code", str(col.field)));
        if (Array.isArray(col.values)) th.appendChild(el("span", t("rb.values", { values: col.values.map(str).join(", ") }), { class: "rb-values" }));
        var msg = el("span", null, { class: "rb-msg" });
        th.appendChild(msg);
        register(base + "." + (kind === "in" ? "inputs" : "outputs") + "[" + k + "]", null, msg);
        hr.appendChild(th);
      }
      inputs.forEach(function (c, k) { head(c, "in", k); });
      outputs.forEach(function (c, k) { head(c, "out", k); });
      hr.appendChild(el("th", t("rb.colDescription"), { scope: "col" }));
      hr.appendChild(el("th", t("rb.colActions"), { scope: "col", class: "rb-actions-col" }));
      thead.appendChild(hr);
      grid.appendChild(thead);
      var tbody = el("tbody");
      arr(table.rules).forEach(function (rule, ri) {
        rule = obj(rule);
        if (!rule) return;
        var rpath = base + ".rules[" + ri + "]";
        var tr = el("tr", null, { "data-rule": str(rule._id), "data-path": rpath });
        var ruleName = function () { return str(rule._id) || "#" + (ri + 1); };
        var idCell = el("th", null, { scope: "row" });
        var idIn = cellInput(rpath + "._id", str(rule._id), t("rb.ruleIdLabel", { n: ri + 1 }), function (v) {
          rule._id = v;
          tr.dataset.rule = v;
          objectEdited();
        }, "rb-id");
        idCell.appendChild(idIn.input);
        idCell.appendChild(idIn.msg);
        register(rpath, idIn.input, idIn.msg); // row-level diagnostics (unreachable, overlapping) show at the rule's id
        tr.appendChild(idCell);
        inputs.concat(outputs).forEach(function (col, k) {
          var td = el("td");
          var key = str(col.id);
          var c = cellInput(rpath + "." + key, str(rule[key]), t("rb.cellLabel", { rule: ruleName(), column: named(col), field: str(col.field) }), function (v) {
            setKey(rule, key, v);
            objectEdited();
          }, k < inputs.length ? "rb-in" : "rb-out");
          td.appendChild(c.input);
          td.appendChild(c.msg);
          tr.appendChild(td);
        });
        var dtd = el("td");
        var d = cellInput(rpath + "._description", str(rule._description), t("rb.descriptionLabel", { rule: ruleName() }), function (v) {
          if (v === "") delete rule._description;
          else rule._description = v;
          objectEdited();
        }, "rb-desc");
        dtd.appendChild(d.input);
        dtd.appendChild(d.msg);
        tr.appendChild(dtd);
        var atd = el("td", null, { class: "rb-actions-col" });
        var del = el("button", t("rb.deleteRule"), { type: "button", class: "secondary small", "aria-label": t("rb.deleteRuleLabel", { rule: ruleName() }) });
        del.addEventListener("click", function () { deleteRule(ti, ri); });
        atd.appendChild(del);
        tr.appendChild(atd);
        tbody.appendChild(tr);
      });
      grid.appendChild(tbody);
      wrap.appendChild(grid);
      section.appendChild(wrap);
      var actions = el("div", null, { class: "actions rb-table-actions" });
      var add = el("button", t("rb.addRule"), { type: "button", class: "secondary", "aria-label": t("rb.addRuleLabel", { name: named(table) }) });
      add.addEventListener("click", function () { addRule(ti); });
      actions.appendChild(add);
      var zenOut = el("div", null, { class: "rb-zen", "aria-live": "polite" });
      zenButtons(actions, zenOut, table);
      section.appendChild(actions);
      section.appendChild(zenOut);
      host.appendChild(section);
    }

    function renderTables() {
      var host = $("rb-tables");
      host.textContent = "";
      targets = {};
      if (st.parseError) {
        host.appendChild(el("p", t("rb.unreadable", { message: st.parseError }), { class: "rb-error" }));
        return;
      }
      var rb = obj(st.rb);
      var tables = rb ? rb.tables : null;
      if (rb && tables !== undefined && !Array.isArray(tables)) {
        host.appendChild(el("p", t("rb.tablesNotList"), { class: "rb-error" }));
        return;
      }
      arr(tables).forEach(function (table, ti) {
        if (obj(table)) renderTable(host, table, ti);
      });
      if (!arr(tables).length && rb) {
        host.appendChild(el("p", t("rb.noTables"), { class: "hint" }));
        var actions = el("div", null, { class: "actions rb-table-actions" });
        var zenOut = el("div", null, { class: "rb-zen", "aria-live": "polite" });
        zenButtons(actions, zenOut, null);
        host.appendChild(actions);
        host.appendChild(zenOut);
      }
    }

    // ---- GoRules ZEN decision graphs: export a table (with the cells ZEN reads otherwise), import tables ----

    function zenButtons(actions, out, table) {
      if (!CD.exportZenGraph || !CD.importZenGraph) return;
      var name = table ? named(table) : "";
      if (table) {
        var exp = el("button", t("rb.zenExport"), { type: "button", class: "secondary", "data-zen": "export", "aria-label": t("rb.zenExportLabel", { name: name }) });
        exp.addEventListener("click", function () { zenExport(table, out); });
        actions.appendChild(exp);
      }
      var label = el("label", null, { class: "file-label secondary-file" });
      label.appendChild(el("span", t("rb.zenImport")));
      var input = el("input", null, { type: "file", accept: ".json,application/json", "data-zen": "import" });
      if (table) input.setAttribute("aria-label", t("rb.zenImportLabel", { name: name }));
      input.addEventListener("change", function () {
        var file = input.files && input.files[0];
        input.value = "";
        if (file) zenImport(file, out);
      });
      label.appendChild(input);
      actions.appendChild(label);
    }

    function zenExport(table, out) {
      out.textContent = "";
      var r;
      try {
        r = CD.exportZenGraph(table);
      } catch (e) {
        out.appendChild(el("p", t("rb.zenExportFailed", { message: problemsText(e) }), { class: "rb-error" }));
        return;
      }
      var name = safeName(table.id, "table") + ".zen.json";
      download(name, JSON.stringify(r.graph, null, 2) + "\n");
      out.appendChild(el("p", t("rb.zenExported", { name: name })));
      if (!r.differences.length) {
        out.appendChild(el("p", t("rb.zenNoDifferences"), { class: "hint" }));
        return;
      }
      out.appendChild(el("p", t("rb.zenDifferences", { count: r.differences.length })));
      var ul = el("ul", null, { class: "rb-zen-differences" });
      r.differences.forEach(function (d) {
        var li = el("li", null, { "data-path": d.path, "data-kind": d.kind });
        li.appendChild(el("code", d.path));
        if (d.cell !== undefined) {
          li.appendChild(document.createTextNode(" "));
          li.appendChild(el("code", d.cell, { class: "rb-zen-cell" }));
        }
        li.appendChild(el("div", d.message, { lang: "en", class: "rb-diag-message" }));
        ul.appendChild(li);
      });
      out.appendChild(ul);
    }

    function problemsText(e) {
      return ((e && e.problems) || [e]).map(function (p) { return (p && p.path ? p.path + ": " : "") + String((p && p.message) || p); }).join("; ");
    }

    function zenImport(file, out) {
      out.textContent = "";
      var fail = function (message) {
        out.appendChild(fillIsolated(el("p", null, { class: "rb-error" }), t("rb.zenImportFailed", { name: file.name, message: message }), [file.name]));
        announce(t("rb.zenImportFailed", { name: file.name, message: message }), [file.name]);
      };
      if (file.size > MAX_FILE_BYTES) return fail(t("rb.fileTooLarge", { name: file.name }));
      file.text().then(function (text) {
        var graph, r;
        try {
          graph = JSON.parse(text);
        } catch (e) {
          return fail(e.message);
        }
        try {
          r = CD.importZenGraph(graph);
        } catch (e) {
          return fail(problemsText(e));
        }
        if (!obj(st.rb)) return fail(t("rb.zenNeedsRulebook"));
        if (!Array.isArray(st.rb.tables)) st.rb.tables = [];
        var ids = [];
        r.tables.forEach(function (table, k) {
          var copy = JSON.parse(JSON.stringify(table));
          if (!copy.id) copy.id = "imported-" + (k + 1);
          var at = st.rb.tables.map(function (x) { return obj(x) && x.id; }).indexOf(copy.id);
          if (at >= 0) {
            // Keep what a ZEN graph cannot carry (the table's citation).
            if (copy.source === undefined && st.rb.tables[at].source !== undefined) copy.source = st.rb.tables[at].source;
            st.rb.tables[at] = copy;
            ids.push(t("rb.zenReplaced", { id: copy.id }));
          } else {
            st.rb.tables.push(copy);
            ids.push(t("rb.zenAdded", { id: copy.id }));
          }
        });
        setText(pretty(st.rb));
        var message = r.tables.length ? t("rb.zenImported", { name: file.name, tables: ids.join(t("rb.listSep")) }) : t("rb.zenNoTables", { name: file.name });
        var skipped = r.skipped.filter(function (x) { return x.type !== "inputNode" && x.type !== "outputNode"; });
        if (skipped.length) message += " " + t("rb.zenSkipped", { count: skipped.length, types: skipped.map(function (x) { return x.type; }).join(", ") });
        announce(message, [file.name]);
      }, function (e) {
        fail(String((e && e.message) || e));
      });
    }

    function freshRuleId(table) {
      var ids = {};
      arr(table.rules).forEach(function (r) { if (obj(r)) ids[r._id] = true; });
      var n = arr(table.rules).length + 1;
      while (ids["rule-" + n]) n++;
      return "rule-" + n;
    }

    function addRule(ti) {
      var table = st.rb.tables[ti];
      if (!Array.isArray(table.rules)) table.rules = [];
      var rule = { _id: freshRuleId(table) };
      arr(table.inputs).concat(arr(table.outputs)).forEach(function (c) { if (obj(c)) setKey(rule, str(c.id), ""); });
      table.rules.push(rule);
      objectEdited();
      renderTables();
      renderDiagnostics();
      var input = document.querySelector('input[data-path="tables[' + ti + "].rules[" + (table.rules.length - 1) + '].' + (arr(table.inputs)[0] ? str(table.inputs[0].id) : "_id") + '"]');
      if (input) input.focus();
      announce(t("rb.ruleAdded", { rule: rule._id }));
    }

    function deleteRule(ti, ri) {
      var table = st.rb.tables[ti];
      var removed = table.rules.splice(ri, 1)[0];
      objectEdited();
      renderTables();
      renderDiagnostics();
      var next = document.querySelectorAll('section[data-path="tables[' + ti + ']"] tbody tr .rb-actions-col button');
      var focus = next[Math.min(ri, next.length - 1)] || document.querySelector('section[data-path="tables[' + ti + ']"] .rb-table-actions button');
      if (focus) focus.focus();
      announce(t("rb.ruleDeleted", { rule: str(obj(removed) && removed._id) }));
    }

    // ---- Diagnostics: at their cell and in one list ----

    function targetOf(path) {
      if (targets[path]) return targets[path];
      var ps = parents(path);
      for (var i = 0; i < ps.length; i++) if (targets[ps[i]]) return targets[ps[i]];
      return null;
    }

    function diagText(d) {
      return (ctx.has("code." + d.code) ? t("code." + d.code) : d.code) + t("tl.colon") + d.message;
    }

    function renderDiagnostics() {
      // Clear every cell's mark, then set those with a diagnostic.
      Object.keys(targets).forEach(function (p) {
        var x = targets[p];
        if (x.msgHost) {
          x.msgHost.textContent = "";
          x.msgHost.removeAttribute("data-severity");
        }
        if (x.input) {
          x.input.removeAttribute("aria-invalid");
          x.input.removeAttribute("aria-describedby");
          x.input.classList.remove("rb-warning");
        }
      });
      var list = $("rb-diagnostic-list");
      list.textContent = "";
      var all = st.parseError ? [{ severity: "error", code: "invalid-json", path: "", message: st.parseError }] : st.diagnostics;
      all.forEach(function (d) {
        var target = targetOf(d.path);
        if (target && target.msgHost) {
          var line = el("span", diagText(d), { class: "rb-msg-line", "data-severity": d.severity });
          target.msgHost.appendChild(line);
          if (d.severity === "error" || !target.msgHost.dataset.severity) target.msgHost.dataset.severity = d.severity;
        }
        if (target && target.input) {
          if (d.severity === "error") target.input.setAttribute("aria-invalid", "true");
          else target.input.classList.add("rb-warning");
          target.input.setAttribute("aria-describedby", target.msgHost.id);
        }
        var li = el("li", null, { "data-path": d.path, "data-code": d.code, "data-severity": d.severity });
        li.appendChild(el("strong", t(d.severity === "error" ? "rb.error" : "rb.warning"), { class: "rb-sev" }));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("code", d.path || t("rootPath")));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("span", ctx.has("code." + d.code) ? t("code." + d.code) : d.code));
        li.appendChild(el("div", d.message, { lang: "en", class: "rb-diag-message" }));
        if (target && target.input) {
          var go = el("button", t("rb.goToCell"), { type: "button", class: "linklike", "aria-label": t("rb.goToCellLabel", { path: d.path }) });
          go.addEventListener("click", function () { target.input.focus(); });
          li.appendChild(go);
        }
        list.appendChild(li);
      });
      $("rb-diagnostics").hidden = !all.length;
      $("rb-diagnostics").dataset.errors = st.errors ? "true" : "false";
      $("rb-diagnostics-heading").textContent = !all.length ? t("rb.noDiagnostics") : st.errors
        ? t("rb.diagnosticsErrors", { count: st.errors, total: all.length })
        : t("rb.diagnosticsWarnings", { total: all.length });
    }

    // ---- Status line (aria-live) ----

    /** The status line; `names` (file names, table ids from a file) are isolated in it. */
    function announce(text, names) {
      fillIsolated($("rb-status"), text, names);
    }

    function renderAll(opts) {
      opts = opts || {};
      renderSummary();
      renderTables();
      renderAgencies();
      renderNotifications();
      renderMeasures();
      renderDiagnostics();
      // Never overwrite the JSON box while what was typed there waits to be read.
      if (!opts.keepJson && !jsonTimer) $("rb-json").value = st.text;
      if (st.parseError) $("rb-json-details").open = true;
    }

    // ---- Load, save, restore, the JSON box ----

    function load(file) {
      if (file.size > MAX_FILE_BYTES) {
        announce(t("rb.fileTooLarge", { name: file.name }));
        return;
      }
      var read = file.text ? file.text() : new Promise(function (resolve, reject) {
        var r = new FileReader();
        r.onload = function () { resolve(String(r.result)); };
        r.onerror = function () { reject(r.error); };
        r.readAsText(file, "utf-8");
      });
      read.then(function (text) {
        // A file that is not JSON (cut off part-way, say) or not an object is not used: the rulebook
        // in use, its editor and its saved draft stay as they are; the status says why.
        var parsed;
        try {
          parsed = JSON.parse(text);
        } catch (e) {
          announce(t("hd.rbFileUnreadable", { name: file.name, message: e.message }), [file.name, e.message]);
          return;
        }
        if (!obj(parsed)) {
          announce(t("hd.rbFileNotObject", { name: file.name }), [file.name]);
          return;
        }
        setText(text);
        st.fileName = file.name;
        announce(st.parseError ? t("rb.loadedUnreadable", { name: file.name })
          : st.errors ? t("rb.loadedErrors", { name: file.name, count: st.errors })
          : t("rb.loaded", { name: file.name }), [file.name]);
        if (st.errors) $("rb-diagnostics-heading").focus();
      }, function (e) {
        announce(t("rb.readFailed", { name: file.name, message: String((e && e.message) || e) }), [file.name]);
      });
    }

    function download(name, text, type) {
      var blob = new Blob([text], { type: type || "application/json" });
      var url = URL.createObjectURL(blob);
      var a = el("a", null, { href: url, download: name, class: "visually-hidden" });
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    }

    function safeName(x, fallback) {
      var s = typeof x === "string" ? x.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "") : "";
      return s || fallback;
    }

    $("rb-file").addEventListener("change", function (e) {
      var file = e.target.files && e.target.files[0];
      if (file) load(file);
      e.target.value = ""; // the same file can be chosen again
    });
    $("rb-save").addEventListener("click", function () {
      var text = st.parseError ? st.text : pretty(st.rb) + "\n";
      var name = safeName(obj(st.rb) && st.rb.id, "rulebook") + ".json";
      download(name, text);
      announce(t("rb.saved", { name: name }));
    });
    $("rb-restore").addEventListener("click", function () {
      setText(pretty(builtin));
      announce(t("rb.restored"));
    });
    $("rb-json").addEventListener("input", function () {
      var value = $("rb-json").value;
      ctx.storage("set", DRAFT_KEY, value); // never lose what was typed, even before it is read
      clearTimeout(jsonTimer);
      jsonTimer = setTimeout(function () {
        jsonTimer = null;
        setText($("rb-json").value, { keepJson: true });
      }, 300);
    });

    var draft = ctx.storage("get", DRAFT_KEY);
    st.text = draft !== null ? draft : pretty(builtin);
    analyse();
    renderAll();
    if (draft !== null) announce(t("rb.draftRestored"));
    lastGood = ctx.storage("get", LAST_GOOD_KEY);
    if (draft !== null && st.errors && ctx.damaged) {
      // The saved draft cannot be used: it stays in the JSON box as saved; the last good copy is offered.
      var good = lastGood !== draft ? lastGood : null;
      ctx.damaged({
        kind: "rulebook", saved: draft, parseError: st.parseError,
        problems: st.diagnostics.filter(function (d) { return d.severity === "error"; }), lastGood: good,
        restore: function () { setText(good); }
      });
    }

    return {
      render: function () { renderAll(); },
      forPlan: forPlan,
      setText: setText,
      state: function () { return st; },
      download: download,
      safeName: safeName,
      announce: announce
    };
  }

  root.CrisisDeskRulebook = { mount: mount, parents: parents, DRAFT_KEY: DRAFT_KEY, LAST_GOOD_KEY: LAST_GOOD_KEY };
})(typeof globalThis !== "undefined" ? globalThis : self);
