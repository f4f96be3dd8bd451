/* 长辈模式 (elder-friendly mode): larger text and stronger contrast, following MIIT's
   互联网网站适老化通用设计规范. This script is inlined into every page's <head> (overrides/main.html), so
   that the mode is applied before the body is drawn (no flash of small print) without a request of its
   own. Its stylesheet's address is the data-pl-elder-css attribute of the script element: the script's
   text is then the same on every page (one hash in the Content Security Policy). Being the one script
   that runs in <head>, it also starts the page's other scripts once the page has been painted (at the
   end). */
(function () {
  "use strict";
  var KEY = "plansite.elder";
  var root = document.documentElement;
  var css = document.currentScript.getAttribute("data-pl-elder-css");

  // Material's bundle swaps the <html> class no-js for js when it runs; it starts after the first paint
  // (below), so the swap is made here, before the first paint, or the header's search
  // button and the officials' tools would appear late and push the page about (layout shift).
  root.classList.remove("no-js");
  root.classList.add("js");
  // The focus-visible helper in Material's bundle adds this class to <html> when it runs. Any change of
  // <html>'s class after the body is drawn makes the browser restyle every element (Material's CSS has
  // rules such as `table:not([class]) td > :first-child`), which on the matrix is a long pause on a slow
  // phone; added here, before the body exists, it costs nothing and the helper finds it already there.
  // No style depends on it.
  root.classList.add("js-focus-visible");

  function isOn() { return root.classList.contains("pl-elder"); }

  function sync() {
    var buttons = document.querySelectorAll("[data-pl-elder-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", isOn() ? "true" : "false");
    }
  }

  function hasStylesheet() { return !!document.querySelector("link[data-pl-elder-css]"); }

  // The stylesheet is fetched only once the mode is wanted. Turning the mode on waits for it, so the
  // page never shows half-styled.
  function withStylesheet(done) {
    if (hasStylesheet()) { done(); return; }
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = css;
    link.setAttribute("data-pl-elder-css", "");
    link.onload = link.onerror = done;
    document.head.appendChild(link);
  }

  function set(on) {
    if (on && !hasStylesheet()) { withStylesheet(function () { set(true); }); return; }
    root.classList.toggle("pl-elder", on);
    try {
      if (on) { localStorage.setItem(KEY, "1"); } else { localStorage.removeItem(KEY); }
    } catch (e) { /* private mode: the switch still works for this page */ }
    sync();
  }

  // Remembered across pages: while <head> is parsed, a written <link> blocks the first paint as a
  // stylesheet in the markup would (one appended by script would not).
  try {
    if (localStorage.getItem(KEY) === "1") {
      root.classList.add("pl-elder");
      document.write('<link rel="stylesheet" href="' + css + '" data-pl-elder-css>');
    }
  } catch (e) { /* storage unavailable: the mode starts off */ }

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

  document.addEventListener("DOMContentLoaded", sync);

  // The page's scripts (Material's bundle, officials.js) start once the page is parsed and painted.
  // overrides/main.html leaves each as a placeholder <script type="text/plain" data-pl-src="…">; real
  // scripts are made from them here, in order (async = false), as deferred scripts would run. They start
  // as soon as the page is parsed where there is no paint to wait for: a browser that cannot report its
  // first paint, or a page opened in a background tab (hidden pages are not painted). Should a paint go
  // unreported, they start 3 s after the page was parsed.
  var painted = !(window.PerformanceObserver && PerformanceObserver.supportedEntryTypes &&
                  PerformanceObserver.supportedEntryTypes.indexOf("paint") >= 0);
  var parsed = false, started = false;

  // When the last has run, <html> gets data-pl-scripts="ran" (no style uses it; the tests wait for it
  // before they type into a filter, as a reader's early keystrokes are only applied once it has run).
  function startScripts() {
    if (started || !parsed || !(painted || document.visibilityState === "hidden")) { return; }
    started = true;
    var held = document.querySelectorAll("script[data-pl-src]");
    var ran = function () { root.setAttribute("data-pl-scripts", "ran"); };
    for (var i = 0; i < held.length; i++) {
      var script = document.createElement("script");
      script.src = held[i].getAttribute("data-pl-src");
      script.async = false;
      if (i === held.length - 1) { script.onload = script.onerror = ran; }
      document.body.appendChild(script);
    }
    if (!held.length) { ran(); }
  }

  if (!painted) {
    new PerformanceObserver(function (list, observer) {
      observer.disconnect();
      painted = true;
      startScripts();
    }).observe({type: "paint", buffered: true});
  }
  document.addEventListener("DOMContentLoaded", function () {
    parsed = true;
    startScripts();
    setTimeout(function () { painted = true; startScripts(); }, 3000);
  });
})();
