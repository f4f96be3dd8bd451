/* 长辈模式 (elder-friendly mode): larger text and stronger contrast, following MIIT's
   互联网网站适老化通用设计规范. overrides/main.html sets the class in <head> before the first paint;
   this file wires the header switch (a real <button>, so Enter and Space work) and remembers the choice. */
(function () {
  "use strict";
  var KEY = "plansite.elder";
  var root = document.documentElement;

  function isOn() { return root.classList.contains("pl-elder"); }

  function sync() {
    var buttons = document.querySelectorAll("[data-pl-elder-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", isOn() ? "true" : "false");
    }
  }

  // The stylesheet is fetched only once the mode is wanted (overrides/main.html writes it into <head>
  // when the mode was already on); turning the mode on waits for it, so the page never shows half-styled.
  function withStylesheet(done) {
    if (document.querySelector("link[data-pl-elder-css]") || !window.plElderCss) { done(); return; }
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = window.plElderCss;
    link.setAttribute("data-pl-elder-css", "");
    link.onload = link.onerror = done;
    document.head.appendChild(link);
  }

  function set(on) {
    if (on && !document.querySelector("link[data-pl-elder-css]")) { withStylesheet(function () { set(true); }); return; }
    root.classList.toggle("pl-elder", on);
    try {
      if (on) { localStorage.setItem(KEY, "1"); } else { localStorage.removeItem(KEY); }
    } catch (e) { /* private mode: the switch still works for this page */ }
    sync();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-pl-elder-toggle]");
    if (button) { set(!isOn()); }
  });

  // Another tab switched: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) {
      withStylesheet(function () { root.classList.toggle("pl-elder", event.newValue === "1"); sync(); });
    }
  });

  sync();
})();
