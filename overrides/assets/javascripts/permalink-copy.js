/*
 * Heading permalinks copy the absolute URL of their section.
 *
 * Activating a heading's permalink (the pilcrow, titled "Copy link to this section" by
 * esxidocs/stages/reader_strings.py) still moves to the section, as any link does, and also
 * copies the section's absolute URL. The Clipboard API needs a secure context and the
 * reader's permission; without it, a selected off-screen text field and the older copy
 * command do the same. If neither works, the message says where the link is: in the address
 * bar. The message appears for a moment and is announced by screen readers through a
 * polite live region that exists from page load (a region created on the fly is not read).
 * The messages, in the page's language, are the page's own: overrides/main.html writes
 * them into <meta name="esxidocs:ui"> from docs/_data/site.yml (`ui.link_copied`,
 * `ui.copy_manually`); without them the link is still copied, with no message.
 */
(() => {
  "use strict";
  function pageMessages() {
    const meta = document.querySelector('meta[name="esxidocs:ui"]');
    try {
      const ui = JSON.parse(meta ? meta.getAttribute("content") : "{}");
      return { copied: ui.link_copied || "", manual: ui.copy_manually || "" };
    } catch {
      return { copied: "", manual: "" };
    }
  }
  const messages = pageMessages();
  const SHOWN_MS = 2500;

  const status = document.createElement("div");
  status.className = "reader-status";
  status.setAttribute("role", "status"); // implies aria-live="polite"
  document.body.append(status);
  let timer = 0;

  function announce(text) {
    if (!text) return;
    window.clearTimeout(timer);
    status.textContent = "";
    // A fresh text node on the next frame, so the same message is announced again.
    window.requestAnimationFrame(() => {
      status.textContent = text;
      status.classList.add("reader-status--visible");
    });
    timer = window.setTimeout(() => {
      status.classList.remove("reader-status--visible");
      status.textContent = "";
    }, SHOWN_MS);
  }

  function copyWithSelection(text) {
    const field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "reader-copy-field";
    document.body.append(field);
    field.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    field.remove();
    return copied;
  }

  function copy(text) {
    const fallback = () => announce(copyWithSelection(text) ? messages.copied : messages.manual);
    if (window.isSecureContext && navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(() => announce(messages.copied), fallback);
    } else {
      fallback();
    }
  }

  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element && event.target.closest("a.headerlink");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const url = new URL(link.getAttribute("href"), window.location.href);
    copy(url.href);
  });
})();

/*
 * The code blocks' copy buttons, the other copy control of the page, add no landmarks.
 *
 * With `content.code.copy` (mkdocs.yml), Material 9.8's bundle wraps each code block's button
 * in a `<nav class="md-code__nav">` (renderCodeBlockNavigation, inserted by mountCodeBlock),
 * so a page with five commands had five unnamed navigation landmarks (axe landmark-unique).
 * Naming them would trade the error for noise: a screen-reader user's list of landmarks
 * (NVDA's D key, VoiceOver's rotor) is there to jump between the page's regions (site
 * navigation, table of contents, main content, footer), and would gain one entry per command,
 * each leading to a single button that navigates nowhere. So the wrapper becomes a plain
 * element (role="none", allowed on <nav>); the button keeps its name (Material's translated
 * "Copy to clipboard" title), its place in the Tab order and Material's click handler.
 *
 * Timing: Material mounts the content, navs included, synchronously inside its subscription
 * to `document$`, made by the bundle before this deferred script ran; `document$` emits at
 * DOMContentLoaded and again after each instant navigation, so this subscriber runs right
 * after Material's, in the same task, before the page is painted or read. (With the
 * `content.lazy` feature blocks would mount later, on first visibility: not handled here.)
 */
(() => {
  "use strict";
  if (!window.document$) return; // Material's bundle did not run: no code navs either
  window.document$.subscribe(() => {
    for (const nav of document.querySelectorAll("nav.md-code__nav:not([role])")) {
      nav.setAttribute("role", "none");
    }
  });
})();
