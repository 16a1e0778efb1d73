/*
 * Material's search worker, with the index language's stemmer applied to the query as well.
 *
 * Each language has its own index with its own stemmer (overrides/hooks/search_i18n.py), so
 * indexed words are stored as stems: "partición" and "particiones" both as "particion".
 * Material then appends a wildcard to every query term ("particiones*") for search as you
 * type, and Lunr skips the stemmer for wildcard terms, so the query would never meet the
 * stems. This worker, which Material's configuration lets a site substitute for its own
 * (the hook points `__config.search` here), stems each plain word of a query before passing
 * the message on to Material's worker, loaded unchanged from the same folder (its name comes
 * in the `material` parameter, so a Material upgrade needs no edit here). It also runs in the
 * iframe that the offline copy's worker shim uses instead of a worker.
 */
"use strict";

const SETUP = 0; // Material's SearchMessageType.SETUP
const QUERY = 2; // Material's SearchMessageType.QUERY
const PLAIN_WORD = /^[\p{L}\p{N}]+$/u; // leaves Lunr syntax (+term, term~1, title:x) alone
const MATERIAL_WORKER = /[?&]material=(search\.[0-9a-f]+\.min\.js)/; // set by search_i18n.py

let language = null;

function stem(word) {
  const lunr = self.lunr;
  const support = language === "en" ? lunr : lunr[language];
  if (!support) return word;
  let token = new lunr.Token(word.toLowerCase(), {});
  for (const step of [support.trimmer, support.stemmer]) {
    if (typeof step !== "function") continue;
    token = step(token, 0, [token]);
    if (!token) return word;
  }
  return token.toString() || word;
}

function stemQuery(query) {
  return query
    .split(/(\s+)/)
    .map((part) => (PLAIN_WORD.test(part) ? stem(part) : part))
    .join("");
}

// Registered before Material's own listener (imported below), so it sees each message first;
// every listener receives the same message object.
self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === SETUP) {
    const langs = message.data.config.lang;
    language = langs.length === 1 ? langs[0] : null;
  } else if (message.type === QUERY && language && typeof message.data === "string") {
    message.data = stemQuery(message.data);
  }
});

// Where this script came from: a real worker's own URL or, in the offline copy (file://,
// iframe-worker shim, which appends "?<time>" to the URL), the <script> that loaded it.
const here = typeof document === "undefined" ? self.location.href : document.currentScript.src;
const [, material] = here.match(MATERIAL_WORKER) || [];
if (!material) throw new Error(`no Material search worker named in ${here}`);
importScripts(new URL(material, here).href);
