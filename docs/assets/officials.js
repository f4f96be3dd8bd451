/* Officials' pages, progressively enhanced. Without this script every list and the whole matrix are
   on the page and the controls stay hidden; with it: a filter box and sorting on the departments
   index, a filter box and a lead-only switch on the matrix, a print button, and measures opened for
   printing. Filtering reads nothing from layout: it toggles one class per changed row. */
(function () {
  "use strict";

  function norm(text) {
    return text.replace(/\s+/g, "").toLowerCase();
  }

  /* Every word typed (split on spaces) must occur in the name. */
  function matcher(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return function (key) {
      for (var i = 0; i < words.length; i++) {
        if (key.indexOf(words[i]) < 0) return false;
      }
      return true;
    };
  }

  function showCount(el, shown) {
    var total = Number(el.getAttribute("data-total"));
    var unit = el.getAttribute("data-unit") || "部门";  // 部门 or 单位, as the plan says
    el.textContent = shown === total ? "共 " + total + " 个" + unit : "显示 " + shown + " 个" + unit + "（共 " + total + " 个）";
  }

  function setShown(item, shown) {
    if (item.shown !== shown) {
      item.el.classList.toggle("pl-out", !shown);
      item.shown = shown;
    }
  }

  function onInput(input, handler) {
    input.addEventListener("input", handler);
    input.addEventListener("search", handler);  // the clear button / Esc in a search field
  }

  /* ── departments index: filter and sort, within each kind ─────────────── */
  function initDepartments(tools) {
    var input = tools.querySelector("[data-pl-filter]");
    var count = tools.querySelector("[data-pl-count]");
    var empty = document.querySelector("[data-pl-empty]");
    var collator = new Intl.Collator("zh-CN");
    // A kind's departments may span several tables (chunks of 50 rows, see plansite/pages/builder.py); sorting and
    // filtering treat them as one list and refill the tables in order.
    var groups = Array.prototype.map.call(document.querySelectorAll("div[data-pl-group]"), function (wrap) {
      var chunks = Array.prototype.map.call(wrap.querySelectorAll(".pl-chunk"), function (chunk) {
        var tbody = chunk.querySelector("tbody");
        return { el: chunk, tbody: tbody, size: tbody.rows.length, shown: true };
      });
      var rows = [];
      chunks.forEach(function (c) {
        Array.prototype.forEach.call(c.tbody.rows, function (tr) {
          var link = tr.querySelector("th a");
          var variants = tr.querySelector("[data-pl-variants]");
          rows.push({
            el: tr, order: rows.length, name: link.textContent, shown: true, chunk: c,
            key: norm(link.textContent + (variants ? variants.textContent : "") + tr.getAttribute("data-id")),
            lead: Number(tr.getAttribute("data-lead")), total: Number(tr.getAttribute("data-total"))
          });
        });
      });
      return { el: wrap, heading: document.getElementById(wrap.getAttribute("data-pl-group")),
               chunks: chunks, rows: rows, shown: true };
    });

    function apply() {
      var match = matcher(input.value), shown = 0;
      groups.forEach(function (g) {
        var any = false;
        g.chunks.forEach(function (c) { c.any = false; });
        g.rows.forEach(function (r) {
          var ok = match(r.key);
          setShown(r, ok);
          if (ok) { any = true; shown++; r.chunk.any = true; }
        });
        g.chunks.forEach(function (c) { setShown(c, c.any); });
        if (g.shown !== any) {
          g.el.classList.toggle("pl-out", !any);
          if (g.heading) g.heading.classList.toggle("pl-out", !any);
          g.shown = any;
        }
      });
      showCount(count, shown);
      empty.hidden = shown > 0;
    }

    var orders = {
      "default": function (a, b) { return a.order - b.order; },
      "name": function (a, b) { return collator.compare(a.name, b.name) || a.order - b.order; },
      "tasks": function (a, b) { return b.total - a.total || b.lead - a.lead || a.order - b.order; }
    };
    var buttons = tools.querySelectorAll("[data-pl-sort]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener("click", function () {
        var order = orders[button.getAttribute("data-pl-sort")];
        Array.prototype.forEach.call(buttons, function (b) { b.setAttribute("aria-pressed", String(b === button)); });
        groups.forEach(function (g) {
          var sorted = g.rows.slice().sort(order), at = 0;
          g.chunks.forEach(function (c) {
            var fragment = document.createDocumentFragment();
            sorted.slice(at, at + c.size).forEach(function (r) { fragment.appendChild(r.el); r.chunk = c; });
            at += c.size;
            c.tbody.appendChild(fragment);
          });
        });
        apply();  // rows moved between tables: recount which tables have visible rows
      });
    });
    onInput(input, apply);
    tools.hidden = false;
    if (input.value) apply();  // a value the browser restored on "back"
  }

  /* ── matrix: filter by name, lead-only switch ─────────────────────────── */
  function initMatrix(tools) {
    var table = document.querySelector("[data-pl-matrix]");
    var input = tools.querySelector("[data-pl-filter]");
    var toggle = tools.querySelector("[data-pl-lead-only]");
    var count = tools.querySelector("[data-pl-count]");
    var empty = document.querySelector("[data-pl-empty]");
    var groups = Array.prototype.map.call(table.tBodies, function (tbody) {
      var rows = [];
      Array.prototype.forEach.call(tbody.rows, function (tr) {
        if (!tr.hasAttribute("data-names")) return;  // the kind's heading row
        rows.push({ el: tr, key: norm(tr.getAttribute("data-names")), lead: !tr.classList.contains("pl-no-lead"),
                    shown: true });
      });
      return { el: tbody, rows: rows, shown: true };
    });

    function apply() {
      var match = matcher(input.value), leadOnly = toggle.getAttribute("aria-pressed") === "true", shown = 0;
      groups.forEach(function (g) {
        var any = false;
        g.rows.forEach(function (r) {
          var ok = (!leadOnly || r.lead) && match(r.key);
          setShown(r, ok);
          if (ok) { any = true; shown++; }
        });
        setShown(g, any);
      });
      showCount(count, shown);
      empty.hidden = shown > 0;
    }

    toggle.addEventListener("click", function () {
      var on = toggle.getAttribute("aria-pressed") !== "true";
      toggle.setAttribute("aria-pressed", String(on));
      table.classList.toggle("pl-lead-only", on);
      apply();
    });
    onInput(input, apply);
    tools.hidden = false;
    if (input.value) apply();
  }

  /* ── printing: every measure expanded, restored afterwards ────────────── */
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.slice.call(document.querySelectorAll("details.pl-measure:not([open])"));
    openedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (d) { d.open = false; });
    openedForPrint = [];
  });

  function init() {
    var once = function (selector, setup) {
      var el = document.querySelector(selector);
      if (el && !el.hasAttribute("data-pl-ready")) {
        el.setAttribute("data-pl-ready", "");
        setup(el);
      }
    };
    once("[data-pl-depts-tools]", initDepartments);
    once("[data-pl-matrix-tools]", initMatrix);
    once(".pl-print-line", function (line) {
      line.querySelector("[data-pl-print]").addEventListener("click", function () { window.print(); });
      line.hidden = false;
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  // Material's page observable (also fires for instant navigation)
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
