/* Material's script chooses the colour palette when it runs (on a first visit, the one the reader's system
   asks for: dark for a phone set to dark) and shows the palette switch's button. It now runs after the
   first paint (docs/assets/elder.js), so this does the same before the page is drawn, as Material does
   it (its mountPalette): the page is first drawn as it then stays, not light and then dark, and the
   header's title does not shorten when the button appears. A stored choice is already applied by
   Material's own inline script just above.
   It is inlined into the header, just after the palette switch's inputs (overrides/partials/
   palette-first-paint.html), without its comments (plansite/assets.py). */
(function () {
  var inputs = document.querySelectorAll("input[name=__palette]");
  if (!inputs.length) return;
  // The palette: the stored choice, else the first whose media query matches (Material's rule).
  var stored = __md_get("__palette"), i = -1;
  if (stored && typeof stored.index === "number") {
    i = stored.index;
  } else {
    for (var k = 0; k < inputs.length; k++) {
      if (matchMedia(inputs[k].getAttribute("data-md-color-media")).matches) { i = k; break; }
    }
  }
  var input = inputs[Math.max(0, Math.min(i, inputs.length - 1))];
  // Its colours on <body> (a stored choice is already there); an automatic palette follows the system.
  if (!stored) {
    var from = input;
    if (input.getAttribute("data-md-color-media") === "(prefers-color-scheme)") {
      from = document.querySelector(matchMedia("(prefers-color-scheme: light)").matches
        ? "[data-md-color-media='(prefers-color-scheme: light)']"
        : "[data-md-color-media='(prefers-color-scheme: dark)']") || input;
    }
    ["scheme", "primary", "accent"].forEach(function (a) {
      document.body.setAttribute("data-md-color-" + a, from.getAttribute("data-md-color-" + a));
    });
  }
  // The switch's button that follows it, and the page's color-scheme meta to match.
  var label = input.nextElementSibling;
  if (label && label.tagName === "LABEL") label.hidden = false;
  var meta = document.querySelector("meta[name=color-scheme]");
  var scheme = getComputedStyle(document.querySelector("header")).colorScheme;
  if (meta && scheme && meta.content !== scheme) meta.content = scheme;
})();
