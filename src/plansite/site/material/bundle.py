"""Material's main script (assets/javascripts/bundle.*.min.js), patched at build time so that the search
index is fetched only when the reader starts to search, not on every page view, so that the colour
palette does not restyle the whole page several times while it loads, and so that it can start after the
page has been painted.

Material 9.8 sets up its search worker with the index at once over http(s), and only on file:// waits
until the search dialog opens (`merge(of(location.protocol !== "file:"), watchToggle("search"))`). Most
readers never search, and the index is the largest file a page fetches (benchmarks/). The patch makes
every protocol take Material's own file:// path: the index is requested when the search toggle turns on,
which Material does when the search box gets focus, when its label is clicked and on the keyboard
shortcuts (f, s, /). Search highlighting (a page opened from a result, `?h=…`) also subscribed to the
index on every page; it now does so only when there is something to highlight. Queries typed before the index is ready wait for it (Material holds them until the
worker answers READY), so the results are the same.

The colour palette is patched too, so that loading a page does not make the browser work out the style
of every element on it several times over (on the matrix, with its 1,300 elements, that was most of the
page's blocking time on a slow phone). Material's palette code, on every page load, added an empty
<meta name="color-scheme"> (a change of the page's colour scheme: every element's style is recomputed),
set data-md-color-switching on <body> (matched by `[data-md-color-switching] *`: every element again)
and read the header's computed style at once (so the browser could not wait and do it once), then
filled the meta in (every element again) and read the style again, and removed the attribute (every
element again). Now:
- data-md-color-switching, which only stops colour transitions while the palette changes, is set only
  when the colours do change (the reader switches, or the stored or system choice differs from the
  colours the page was drawn with), not when Material applies the palette the page already has;
- the color-scheme meta already in the page (overrides/main.html writes it for the first palette, which
  the page is drawn with) is reused, and is changed only when the palette's scheme differs from it;
  the meta tags are added to <head> once they have their value, never empty;
- the header's style is read once for both values.
The page looks the same and the palette switch works as before; only the recomputations are gone.

The bundle is started after the page's first paint (docs/assets/elder.js), when the page has long been
parsed; Material waits for the DOMContentLoaded event to set the page up, which has then passed, so it
is patched to set the page up at once in that case (as it does when the event comes).

Applied with patch.py: if Material changes its bundle, the build stops.
"""
from __future__ import annotations

from pathlib import Path

from plansite.site.material.patch import Patch, apply, find

GLOB = "assets/javascripts/bundle.*.min.js"

PATCHES = (
    Patch("setupSearchWorker: fetch the index when the search dialog first opens, on every protocol",
          '$(location.protocol!=="file:")',
          "$(!1)"),
    # mountSearchHiglight: combineLatest([index$, location$.pipe(startWith(here), filter(has ?h=))]) subscribes
    # to the index on every page; becomes location$.pipe(…, switchMap(url => index$.pipe(map(i => [i, url]))))
    # so the index is fetched only for a page opened from a search result (?h=…), which it highlights.
    Patch("search highlighting: fetch the index only for a page opened from a search result (?h=)",
          'z([t,r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")))])',
          'r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")),b(o=>t.pipe(m(n=>[n,o]))))'),
    # watchDocument(): `document$ = new ReplaySubject(1); fromEvent(document, "DOMContentLoaded", {once: true})
    # .subscribe(() => document$.next(document))`, which never fires for a script started after the page was
    # parsed (docs/assets/elder.js starts it after the first paint); now it emits at once in that case.
    Patch("page observable: a bundle started after the page was parsed still sets the page up",
          'h(document,"DOMContentLoaded",{once:!0}).subscribe(()=>e.next(document)),e}',
          'document.readyState==="loading"?h(document,"DOMContentLoaded",{once:!0})'
          '.subscribe(()=>e.next(document)):e.next(document),e}'),
    # mountPalette: `meta = h("meta", {name: "theme-color"}); head.appendChild(meta); scheme = h("meta",
    # {name: "color-scheme"}); head.appendChild(scheme)` → both made but not yet added; the color-scheme
    # meta is the page's own if it has one.
    Patch("palette: the color-scheme meta is the page's own, and no meta is added empty",
          ',r=x("meta",{name:"theme-color"});document.head.appendChild(r);'
          'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);',
          ',r=x("meta",{name:"theme-color"}),'
          'o=document.querySelector("meta[name=color-scheme]")||x("meta",{name:"color-scheme"});'),
    # push$.subscribe(palette => { body.setAttribute("data-md-color-switching", ""); …resolve the system
    # palette…; set data-md-color-* on <body> }): the switching attribute moves after the resolution and is
    # set only if scheme, primary or accent differ from <body>'s (the next two patches).
    Patch("palette: data-md-color-switching only when the colours change (1 of 2)",
          'return i.subscribe(s=>{if(document.body.setAttribute("data-md-color-switching",""),'
          's.color.media==="(prefers-color-scheme)"){',
          'return i.subscribe(s=>{if(s.color.media==="(prefers-color-scheme)"){'),
    Patch("palette: data-md-color-switching only when the colours change (2 of 2)",
          's.color.accent=c.getAttribute("data-md-color-accent")}for(let[a,c]of Object.entries(s.color))',
          's.color.accent=c.getAttribute("data-md-color-accent")}'
          '["scheme","primary","accent"].some(a=>document.body.getAttribute(`data-md-color-${a}`)!==s.color[a])'
          '&&document.body.setAttribute("data-md-color-switching","");'
          'for(let[a,c]of Object.entries(s.color))'),
    # push$.pipe(map(() => { style = getComputedStyle(header); scheme.content = style.colorScheme;
    # return hex(style.backgroundColor) })): both read before the meta changes (one style computation),
    # the meta changed only if its value differs, and the metas added to <head> here, with their values.
    Patch("palette: read the header's style once; change the color-scheme meta only when it differs",
          'a=window.getComputedStyle(s);return o.content=a.colorScheme,a.backgroundColor.match(',
          'a=window.getComputedStyle(s),c=a.colorScheme,p=a.backgroundColor;'
          'return o.content!==c&&(o.content=c),o.isConnected||document.head.append(o),'
          'r.isConnected||document.head.append(r),p.match('),
)


def locate(theme_dirs: list[str]) -> tuple[str, Path]:
    return find(theme_dirs, GLOB, "bundle")


def patch(source: str, name: str = "Material's bundle") -> str:
    return apply(source, PATCHES, name, "plansite/site/material/bundle.py",
                 "the search index does not quietly load on every page again, nor the palette restyle every page "
                 "several times")
