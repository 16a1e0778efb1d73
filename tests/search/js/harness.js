// Runs overrides/assets/javascripts/workers/search-i18n.js as the browser would: in a worker
// global with Material's own worker (from the installed Material package) behind it, so the
// tests exercise the real Lunr, lunr-languages and Material code, without a browser.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const ROOT = path.resolve(__dirname, "..", "..", "..");
// SEARCH_I18N_WORKER: another copy of the wrapper, e.g. an older one, to see the tests fail.
const WRAPPER =
  process.env.SEARCH_I18N_WORKER ||
  path.join(ROOT, "overrides", "assets", "javascripts", "workers", "search-i18n.js");

function materialAssets() {
  const lib = path.join(ROOT, ".venv", "lib");
  for (const python of fs.readdirSync(lib)) {
    const dir = path.join(lib, python, "site-packages", "material", "templates", "assets", "javascripts");
    if (fs.existsSync(dir)) return dir;
  }
  throw new Error(`Material is not installed in ${lib} (make venv)`);
}

/** The separator of the search plugin in mkdocs.yml (one quoted line). */
function separator() {
  const text = fs.readFileSync(path.join(ROOT, "mkdocs.yml"), "utf8");
  const match = text.match(/^\s+separator: '(.+)'$/m);
  if (!match) throw new Error("mkdocs.yml: no quoted `separator:` line in the search plugin");
  return match[1].replace(/''/g, "'");
}

/**
 * A worker running the wrapper. `send(type, data)` delivers a message as the page would
 * and returns what the worker posted back; `setup(lang, docs, config)` builds an index.
 */
function startWorker() {
  const assets = materialAssets();
  const workers = path.join(assets, "workers");
  const material = fs.readdirSync(workers).find((name) => /^search\.[0-9a-f]+\.min\.js$/.test(name));
  const here = `file://${workers}/search-i18n.js?material=${material}`;
  const listeners = [];
  const posted = [];
  const context = {
    console,
    URL,
    location: { href: here },
    addEventListener: (type, fn) => type === "message" && listeners.push(fn),
    postMessage: (message) => posted.push(message),
  };
  context.self = context;
  context.importScripts = (...urls) => {
    for (const url of urls) {
      const file = new URL(url, here).pathname;
      vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
    }
  };
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(WRAPPER, "utf8"), context, { filename: WRAPPER });

  async function send(type, data) {
    const start = posted.length;
    const event = { data: { type, data } };
    for (const fn of listeners) await fn(event);
    return posted.slice(start);
  }

  async function setup(lang, docs, config = {}) {
    const settings = {
      lang: [lang],
      separator: separator(),
      pipeline: ["stemmer", "stopWordFilter"],
      fields: { title: { boost: 10 }, text: { boost: 1 } },
      ...config,
    };
    return send(0, { config: settings, docs, options: { suggest: false } });
  }

  return { context, send, setup, api: () => context.searchI18n };
}

module.exports = { startWorker, separator };
