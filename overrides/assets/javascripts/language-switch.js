/*
 * Keep the reader's section when they switch language.
 *
 * The selector's links (built by mkdocs-static-i18n) lead to the same page in the other
 * language; headings keep the same ids in every language, so the current `#fragment` is
 * valid there too. Material's `navigation.tracking` keeps the address bar's fragment on the
 * section being read (without a hashchange event), so the fragment is read at the moment a
 * link is about to be used: pointed at, focused, opened or activated.
 */
(() => {
  "use strict";
  const SELECTOR = "a.md-select__link[hreflang]";

  function withFragment(link) {
    if (!link.dataset.page) link.dataset.page = link.getAttribute("href");
    const target = new URL(link.dataset.page, window.location.href);
    target.hash = window.location.hash;
    link.href = target.href;
  }

  // Each language's name is read in that language, and the current one is marked as such.
  for (const link of document.querySelectorAll(SELECTOR)) {
    link.lang = link.hreflang;
    if (link.hreflang === document.documentElement.lang) link.setAttribute("aria-current", "page");
  }

  for (const type of ["pointerover", "focusin", "pointerdown", "contextmenu", "click"]) {
    // Capture phase: the href is up to date before the browser (or any script) follows it.
    document.addEventListener(
      type,
      (event) => {
        const link = event.target instanceof Element && event.target.closest(SELECTOR);
        if (link) withFragment(link);
      },
      true,
    );
  }
})();
