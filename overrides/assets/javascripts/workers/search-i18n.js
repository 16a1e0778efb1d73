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
 *
 * Each result links to its page with `?h=<terms>`, and the page then marks every word that
 * starts with one of those terms as written. The terms are stems ("particion"), so accented
 * forms ("partición") went unmarked there; the results list itself was right, as the worker
 * marks words by their position. So each result's terms also get every word the worker
 * marked, in any result, that has the same stem.
 */
"use strict";

const SETUP = 0; // Material's SearchMessageType.SETUP
const QUERY = 2; // Material's SearchMessageType.QUERY
const RESULT = 3; // Material's SearchMessageType.RESULT
const MARKED = /<mark>([^<]+)<\/mark>/g; // how Material's worker marks a matched word
const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
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

// Every word marked in the results, by stem: {"particion": {"partición", "particiones"}}.
function markedForms(items) {
  const forms = new Map();
  for (const item of items.flat())
    for (const field of [item.title, item.text])
      for (const [, marked] of String(field ?? "").matchAll(MARKED)) {
        const word = marked.replace(EDGES, ""); // "(particiones" is one token to Lunr
        if (!word) continue;
        const key = stem(word);
        if (!forms.has(key)) forms.set(key, new Set());
        forms.get(key).add(word.toLowerCase());
      }
  return forms;
}

function withMarkedForms(result) {
  const forms = markedForms(result.items);
  for (const item of result.items.flat()) {
    // Longest first: the page tries the terms in order and marks the first that matches,
    // so "particion" before "particiones" would mark only the start of the word.
    const terms = {};
    for (const [term, found] of Object.entries(item.terms))
      if (found)
        for (const form of [...(forms.get(term) ?? [])].sort((a, b) => b.length - a.length))
          terms[form] = true;
    item.terms = Object.assign(terms, item.terms);
  }
  return result;
}

// Material's worker answers with the global postMessage (the shim's, in the offline copy).
const post = self.postMessage.bind(self);
self.postMessage = (message, ...rest) => {
  if (language && message?.type === RESULT && Array.isArray(message.data?.items))
    withMarkedForms(message.data);
  post(message, ...rest);
};

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
