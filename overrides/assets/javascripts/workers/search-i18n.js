/*
 * Material's search worker, with each query rewritten for the page language's index first.
 *
 * Each language has its own index (esxidocs/stages/search_i18n.py): words are split on the
 * `separator` of mkdocs.yml (every character that is not a letter or digit, so
 * `/etc/vmware/locker.conf` is indexed as `etc vmware locker conf`; case changes do not
 * split, so ESXi, VMkernel and vmkDiagnostic stay whole), stop words dropped and the rest
 * stored as stems of that language ("particiones" and "partición" as "particion").
 * Material's own worker, loaded unchanged from the same folder (its name comes in the
 * `material` parameter, so a Material upgrade needs no edit here), appends a wildcard to
 * every query word, and Lunr skips both the stemmer and the stop-word filter for wildcard
 * words: "particiones*" never met the stems, and "de*" matched "deploy". So, before Material
 * sees a query, `rewrite` turns the reader's words into Lunr clauses (kept as written when
 * they already use Lunr's syntax: `+word`, `word~1`, `title:word`, `word^2`, `word*`):
 *
 * - a term of the other language that the glossary knows (`bancos de arranque` on the
 *   English site) becomes this language's term (`boot bank`), from `config.synonyms`;
 * - stop words and single letters go, unless nothing else is left;
 * - each word becomes its stem, `stem^3` when the index holds that stem, plus `stem*` for
 *   the word still being typed (or when only longer words start with it);
 * - a word the index does not know at all is read as two joined words (`autodeploy`) or
 *   replaced by the index words one or two edits away (`scrach` -> `scratch`), so a typo
 *   finds what the word would have found instead of nothing.
 *
 * It also runs in the iframe that the offline copy's worker shim uses instead of a worker.
 *
 * Each result links to its page with `?h=<terms>`, and the page then marks every word that
 * starts with one of those terms as written. The terms are stems ("particion"), so accented
 * forms ("partición") went unmarked there; the results list itself was right, as the worker
 * marks words by their position. So each result's terms also get every word the worker
 * marked in it, and every marked word, in any result, with the same stem as a found term.
 */
"use strict";

const SETUP = 0; // Material's SearchMessageType.SETUP
const QUERY = 2; // Material's SearchMessageType.QUERY
const RESULT = 3; // Material's SearchMessageType.RESULT
const MARKED = /<mark>([^<]+)<\/mark>/g; // how Material's worker marks a matched word
const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const LUNR_SYNTAX = /^[+-]|[:^~*]/; // +word -word field:word word^2 word~1 word*
const MATERIAL_WORKER = /[?&]material=(search\.[0-9a-f]+\.min\.js)/; // set by search_i18n.py
const EXACT_BOOST = 3; // a word found as typed (as a stem) outranks its prefix and typo matches
const MAX_FUZZY = 4; // index words kept for one unknown word, closest first
// Question words that are not in Lunr's stop-word lists but carry nothing to search for.
const QUESTION_WORDS = {
  es: ["como", "cuanto", "cuanta", "cuantos", "cuantas", "cuales", "donde", "que", "quien"],
  en: ["does", "how", "what", "where", "which", "why"],
};

const state = {
  language: null,
  separator: /\s+/,
  synonyms: new Map(),
  longest: 0,
  index: null, // Material's Lunr index, once built
  vocabulary: null, // the words of the pages, see `vocabulary`
};

/** Lower case without accents: how synonyms and stop words are compared. */
function fold(word) {
  return word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
}

function support() {
  const lunr = self.lunr;
  return state.language === "en" ? lunr : lunr[state.language];
}

function stem(word) {
  const lunr = self.lunr;
  const stemmer = support()?.stemmer;
  if (typeof stemmer !== "function") return word.toLowerCase();
  const token = stemmer(new lunr.Token(word.toLowerCase(), {}), 0, []);
  return (token && token.toString()) || word.toLowerCase();
}

function isStopWord(word) {
  const filter = support()?.stopWordFilter;
  const lunr = self.lunr;
  for (const form of new Set([word.toLowerCase(), fold(word)])) {
    if (typeof filter === "function" && !filter(new lunr.Token(form, {}))) return true;
    if ((QUESTION_WORDS[state.language] ?? []).includes(form)) return true;
  }
  return false;
}

/** Words of a query part, split exactly as the index splits its text. */
function words(part) {
  return part.split(state.separator).filter(Boolean);
}

/** Index words that match `term` as a Lunr term ("scratch", "scratch*"). */
function expand(term) {
  const index = state.index;
  if (!index) return [];
  const query = self.lunr.TokenSet.fromString(term);
  return index.tokenSet.intersect(query).toArray(); // (the index first: not symmetric)
}

const known = (term) => expand(term).length > 0;
const extended = (term) => expand(`${term}*`).length > 0;

/** A clause that matches the stem `term` exactly. Lunr stems a plain query term again, so
 * a stem that its own stemmer would change is matched as a prefix instead. */
function exact(term) {
  return stem(term) === term ? `${term}^${EXACT_BOOST}` : `${term}*`;
}

/** Every word of the pages as written (lower case), with how often it occurs, and a Lunr
 * token set of them for fuzzy lookups: typos are made on words, not on stems. */
function vocabulary(docs) {
  const counts = new Map();
  for (const doc of docs)
    for (const field of [doc.title, doc.text])
      for (const word of words(String(field ?? "").replace(/<[^>]*>/g, " ")))
        counts.set(word.toLowerCase(), (counts.get(word.toLowerCase()) ?? 0) + 1);
  const byFold = new Map(); // "particion" -> "partición", the commonest word folding to it
  for (const [word, count] of counts) {
    const key = fold(word);
    if (key !== word && count > (counts.get(byFold.get(key)) ?? 0)) byFold.set(key, word);
  }
  const sorted = [...counts.keys()].sort();
  return { counts, byFold, tokens: self.lunr.TokenSet.fromArray(sorted) };
}

/** Words of the pages one edit away from `word` (two for long words), commonest first. */
function nearest(word) {
  const { counts, tokens } = state.vocabulary;
  for (const distance of word.length >= 7 ? [1, 2] : word.length >= 4 ? [1] : []) {
    const query = self.lunr.TokenSet.fromFuzzyString(word, distance);
    const found = tokens.intersect(query).toArray().filter((w) => w !== word && !isStopWord(w));
    if (found.length) return found.sort((a, b) => counts.get(b) - counts.get(a)).slice(0, MAX_FUZZY);
  }
  return [];
}

/** `autodeploy` -> ["auto", "deploy"] when both halves are words of the pages. */
function halves(word) {
  const { counts } = state.vocabulary;
  for (let cut = word.length - 3; cut >= 3; cut--) {
    const [left, right] = [word.slice(0, cut), word.slice(cut)];
    if (counts.has(left) && counts.has(right) && !isStopWord(left) && !isStopWord(right))
      return [left, right];
  }
  return null;
}

/** Lunr clauses for one word; `typing` when the reader may not have finished it. */
function clauses(word, typing) {
  word = word.toLowerCase();
  const term = stem(word);
  const out = [];
  if (known(term)) out.push(exact(term));
  if (typing && extended(term)) out.push(`${term}*`);
  if (out.length || !state.vocabulary) return out.length ? out : [`${term}*`];
  // Typed without its accents: Spanish stems need them ("actualizacion" is not stemmed
  // as "actualización" is), so take the word of the pages that only differs by them.
  const accented = state.vocabulary.byFold.get(fold(word));
  if (accented && accented !== word) return clauses(accented, false);
  if (extended(term)) return [`${term}*`]; // only longer words start with it
  const parts = halves(word);
  if (parts) return parts.flatMap((part) => clauses(part, false));
  return [...new Set(nearest(word).flatMap((near) => clauses(near, false)))];
}

/** Replaces the other language's glossary terms with this language's, longest first. */
function translate(list) {
  const out = [];
  for (let i = 0; i < list.length; ) {
    let matched = 0;
    for (let n = Math.min(state.longest, list.length - i); n > 0 && !matched; n--) {
      const target = state.synonyms.get(list.slice(i, i + n).map(fold).join(" "));
      if (target) {
        out.push(...words(target));
        matched = n;
      }
    }
    if (!matched) out.push(list[i]);
    i += matched || 1;
  }
  return out;
}

/** The query Material's worker gets instead of what the reader typed. */
function rewrite(query) {
  const parts = query.trim().split(/\s+/).filter(Boolean);
  const syntax = parts.filter((part) => LUNR_SYNTAX.test(part));
  let list = translate(parts.filter((part) => !LUNR_SYNTAX.test(part)).flatMap(words));
  if (!list.length) return query;
  // Stop words, and single letters left by a name's punctuation ("Shift+R", "s.v00"; the
  // English index holds every possessive "s"): only when something else is left.
  const content = list.filter((word) => !isStopWord(word) && (word.length > 1 || /\d/.test(word)));
  if (content.length) list = content;
  else if (!syntax.length) return query; // only stop words: leave them to Material as typed
  const typing = /[\p{L}\p{N}]$/u.test(query); // no space or punctuation after the last word
  const out = list.flatMap((word, i) => clauses(word, typing && i === list.length - 1));
  return [...new Set([...out, ...syntax])].join(" ") || query;
}

// Every word marked in the results, by stem: {"particion": {"partición", "particiones"}}.
function markedForms(items) {
  const forms = new Map();
  for (const item of items.flat())
    for (const word of markedWords(item)) {
      const key = stem(word);
      if (!forms.has(key)) forms.set(key, new Set());
      forms.get(key).add(word);
    }
  return forms;
}

function markedWords(item) {
  const out = new Set();
  for (const field of [item.title, item.text])
    for (const [, marked] of String(field ?? "").matchAll(MARKED)) {
      const word = marked.replace(EDGES, "").toLowerCase(); // "(particiones" is one token
      if (word) out.add(word);
    }
  return out;
}

function withMarkedForms(result) {
  const forms = markedForms(result.items);
  for (const item of result.items.flat()) {
    // Longest first: the page tries the terms in order and marks the first that matches,
    // so "particion" before "particiones" would mark only the start of the word.
    const found = new Set(markedWords(item));
    for (const [term, hit] of Object.entries(item.terms))
      if (hit) for (const form of forms.get(term) ?? []) found.add(form);
    const terms = {};
    for (const form of [...found].sort((a, b) => b.length - a.length)) terms[form] = true;
    item.terms = Object.assign(terms, item.terms);
  }
  return result;
}

// The index Material builds on SETUP, to know which words it holds (Lunr 2.x, bundled in
// Material's worker as `self.lunr`). Patched on SETUP, as the offline shim's importScripts
// loads Material's worker only after this script has run.
function captureIndex() {
  const builder = self.lunr.Builder.prototype;
  if (builder.build.searchI18n) return;
  const build = builder.build;
  builder.build = function () {
    state.index = build.call(this);
    return state.index;
  };
  builder.build.searchI18n = true;
}

function setup({ config, docs }) {
  captureIndex();
  const langs = config.lang;
  state.language = langs.length === 1 ? langs[0] : null;
  state.separator = new RegExp(config.separator ?? "\\s+", "g");
  state.synonyms = new Map(Object.entries(config.synonyms ?? {}));
  state.longest = Math.max(0, ...[...state.synonyms.keys()].map((key) => key.split(" ").length));
  state.vocabulary = vocabulary(docs ?? []);
}

// Material's worker answers with the global postMessage (the shim's, in the offline copy).
const post = self.postMessage.bind(self);
self.postMessage = (message, ...rest) => {
  if (state.language && message?.type === RESULT && Array.isArray(message.data?.items))
    withMarkedForms(message.data);
  post(message, ...rest);
};

// Registered before Material's own listener (imported below), so it sees each message first;
// every listener receives the same message object.
self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === SETUP) setup(message.data);
  else if (message.type === QUERY && state.language && typeof message.data === "string")
    message.data = rewrite(message.data);
});

// Where this script came from: a real worker's own URL or, in the offline copy (file://,
// iframe-worker shim, which appends "?<time>" to the URL), the <script> that loaded it.
const here = typeof document === "undefined" ? self.location.href : document.currentScript.src;
const [, material] = here.match(MATERIAL_WORKER) || [];
if (!material) throw new Error(`no Material search worker named in ${here}`);
importScripts(new URL(material, here).href);

// For the unit tests (tests/search/js): the rewriting, without a browser.
self.searchI18n = { rewrite, stem, isStopWord, words, setup, state, withMarkedForms };
