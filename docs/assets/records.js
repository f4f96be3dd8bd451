/* 实施情况 page, progressively enhanced. Without this script every record is on the page, newest
   first, under its year. With it: filters by year, task and department (also preset from the
   address, e.g. ?task=youth&department=kexie), and the count of records shown. */
(function () {
  "use strict";

  function init() {
    var form = document.querySelector("[data-pl-record-filters]");
    if (!form) return;
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-pl-key]"));
    var records = Array.prototype.map.call(document.querySelectorAll("[data-pl-records] .pl-record"), function (el) {
      return {
        el: el,
        year: el.getAttribute("data-year"),
        task: " " + el.getAttribute("data-tasks") + " ",
        department: " " + el.getAttribute("data-departments") + " "
      };
    });
    var years = Array.prototype.slice.call(document.querySelectorAll("[data-pl-year]"));
    var count = form.querySelector("[data-pl-record-count]");
    var empty = document.querySelector("[data-pl-record-empty]");
    var total = records.length;

    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (s) {
      var wanted = params.get(s.getAttribute("data-pl-key"));
      if (wanted && s.querySelector('option[value="' + CSS.escape(wanted) + '"]')) s.value = wanted;
    });

    function apply() {
      var want = {};
      selects.forEach(function (s) { want[s.getAttribute("data-pl-key")] = s.value; });
      var shown = 0, yearsShown = {};
      records.forEach(function (r) {
        var ok = (!want.year || r.year === want.year) &&
                 (!want.task || r.task.indexOf(" " + want.task + " ") >= 0) &&
                 (!want.department || r.department.indexOf(" " + want.department + " ") >= 0);
        r.el.hidden = !ok;
        if (ok) { shown++; yearsShown[r.year] = true; }
      });
      years.forEach(function (h) { h.hidden = !yearsShown[h.getAttribute("data-pl-year")]; });
      count.textContent = shown === total ? "共 " + total + " 条" : "显示 " + shown + " 条（共 " + total + " 条）";
      empty.hidden = shown > 0;
    }

    selects.forEach(function (s) { s.addEventListener("change", apply); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.hidden = false;
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
