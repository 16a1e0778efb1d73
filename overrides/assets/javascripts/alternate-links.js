/*
 * Keep Material's language integration from requesting `<page>/sitemap.xml`.
 *
 * Material's bundle, on DOMContentLoaded, takes every `<link rel="alternate">` of the page as
 * the root of another language's site and fetches `sitemap.xml` beside it, to map pages
 * between languages when the selector is used. mkdocs-static-i18n points those links at the
 * page's own translation instead (which is what hreflang means to search engines), so every
 * page load cost two 404s, or two requests to the production host once the links are
 * absolute (esxidocs/stages/hreflang.py). The selector's links already lead to the
 * translation (and language-switch.js adds the section), so the integration has nothing to
 * add: the hreflang links leave the DOM for Material's one scan and come back right after.
 *
 * Loaded with `defer` (overrides/main.html): it runs once the page is parsed, after the bundle
 * has registered its listener and before DOMContentLoaded fires. Material listens on
 * `document`; the listener below is on `window`, which the event reaches after `document`.
 */
(() => {
  "use strict";
  const links = [...document.querySelectorAll('link[rel="alternate"][hreflang]')];
  const marks = links.map((link) => {
    const mark = document.createComment("hreflang");
    link.replaceWith(mark);
    return mark;
  });
  window.addEventListener(
    "DOMContentLoaded",
    () => marks.forEach((mark, i) => mark.replaceWith(links[i])),
    { once: true },
  );
})();
