// Unit tests of the search worker wrapper (overrides/assets/javascripts/workers/search-i18n.js):
// how it splits, filters and rewrites a query, and what the real Lunr index then finds.
// Run with `node --test tests/search/js/` (tests/test_search_worker.py does, in make test).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { startWorker, separator } = require("./harness.js");

// A few pages and sections of each language, written like the site's (HTML text, as in the
// index; every section's page has its own entry, as Material's worker expects).
const DOCS = {
  es: [
    { location: "scratch/", title: "La partición scratch", text: "<p>Registros y temporales.</p>" },
    { location: "system-image/", title: "La imagen del sistema", text: "<p>En memoria.</p>" },
    { location: "disk-layout/", title: "Disposición del disco", text: "<p>Las particiones.</p>" },
    { location: "scratch/#location-order", title: "Cómo elige ESXi la ubicación",
      text: "<p>La ubicación de <code>ScratchConfig.ConfiguredScratchLocation</code> se guarda en <code>/etc/vmware/locker.conf</code>.</p>" },
    { location: "system-image/#bootable-image", title: "Una imagen arrancable",
      text: "<p>El módulo principal, <code>s.v00</code>, ocupa unos 124 MB. Véase la KB 1033696.</p>" },
    { location: "disk-layout/#partition-9", title: "La partición 9 no es de ESXi 5",
      text: "<p>Una partición 9 de 2,5 GB solo existe desde ESXi 6.0.</p>" },
    { location: "disk-layout/#partitions", title: "Particiones",
      text: "<p>El VMkernel de ESXi usa la partición 7, de tipo vmkDiagnostic, en vSphere 5.</p>" },
    { location: "auto-deploy/", title: "vSphere Auto Deploy",
      text: "<p>Despliegue de hosts por red con Auto Deploy.</p>" },
    { location: "scratch/#contents", title: "Qué guarda",
      text: "<p>Los ficheros de registro (logs) van a parar a scratch.</p>" },
  ],
  en: [
    { location: "boot-banks/", title: "The boot banks (bootbank)",
      text: "<p>Two boot banks hold the system image.</p>" },
    { location: "boot-banks/#rollback", title: "Rolling back with Shift+R",
      text: "<p>Go back to the previous version of the image.</p>" },
    { location: "", title: "Topics covered", text: "<p>Deploy, topics and more.</p>" },
    { location: "scratch/", title: "The scratch partition",
      text: "<p>ESXi writes logs to scratch.</p>" },
  ],
};
const SYNONYMS = { en: { "bancos de arranque": "boot bank", huella: "footprint" } };

async function worker(lang) {
  const w = startWorker();
  await w.setup(lang, DOCS[lang], { synonyms: SYNONYMS[lang] ?? {} });
  const api = w.api();
  const search = async (query) => {
    const [answer] = await w.send(2, query);
    return answer.data.items.map((group) => group[0]);
  };
  return { api, search };
}

const locations = (items) => items.map((item) => item.location);
const list = (array) => Array.from(array); // an array of the worker's realm, as one of ours

test("the separator splits names on punctuation and keeps product names whole", async () => {
  const { api } = await worker("es");
  assert.deepEqual(list(api.words("/etc/vmware/locker.conf")), ["etc", "vmware", "locker", "conf"]);
  assert.deepEqual(list(api.words("ScratchConfig.ConfiguredScratchLocation")), [
    "ScratchConfig", "ConfiguredScratchLocation",
  ]);
  assert.deepEqual(list(api.words("ESXi, VMkernel; vSphere/vmkDiagnostic")), [
    "ESXi", "VMkernel", "vSphere", "vmkDiagnostic",
  ]);
  assert.deepEqual(list(api.words("partición-9 año")), ["partición", "9", "año"]); // letters of Spanish
  assert.deepEqual(list(api.words("&lt;device&gt;")), ["device"]); // HTML entities in the index text
});

test("the query is split as the index is: a file or option name finds its section", async () => {
  const { search } = await worker("es");
  assert.equal(locations(await search("locker.conf"))[0], "scratch/#location-order");
  assert.equal(locations(await search("ConfiguredScratchLocation"))[0], "scratch/#location-order");
  assert.equal(locations(await search("vmkDiagnostic"))[0], "disk-layout/#partitions");
});

test("the Spanish index keeps digits: s.v00, partition numbers and KB numbers", async () => {
  const { api, search } = await worker("es");
  assert.equal(api.stem("9"), "9");
  assert.equal(locations(await search("s.v00"))[0], "system-image/#bootable-image");
  assert.equal(locations(await search("1033696"))[0], "system-image/#bootable-image");
  assert.equal(locations(await search("partición 9"))[0], "disk-layout/#partition-9");
});

test("stop words leave the query before Material adds its wildcards", async () => {
  const es = await worker("es");
  const rewritten = es.api.rewrite("dónde se guardan los logs");
  assert.doesNotMatch(rewritten, /\b(donde|dónde|se|los)\b/, rewritten);
  assert.match(rewritten, /\blog/);
  assert.equal(locations(await es.search("dónde se guardan los logs"))[0], "scratch/#contents");
  const en = await worker("en");
  const question = en.api.rewrite("how to go back to the previous version");
  assert.doesNotMatch(question, /\b(how|to|the)\b/, question);
  // "to*" matched "Topics" on the home page: the rollback section must come first.
  assert.equal(locations(await en.search("how to go back to the previous version"))[0],
    "boot-banks/#rollback");
  assert.equal(en.api.rewrite("the"), "the"); // nothing but stop words: left as typed
});

test("only the word being typed is a prefix; finished words are matched as stems", async () => {
  const { api } = await worker("en");
  assert.equal(api.rewrite("scratch"), "scratch^3 scratch*");
  assert.equal(api.rewrite("scratch "), "scratch^3");
  assert.equal(api.rewrite("boot banks"), "boot^3 bank^3 bank*");
});

test("Lunr's own syntax is passed on as written", async () => {
  const { api } = await worker("en");
  assert.equal(api.rewrite("+scratch -ramdisk"), "+scratch -ramdisk");
  assert.equal(api.rewrite("title:scratch bootbnk~1"), "title:scratch bootbnk~1");
});

test("a word one letter off finds what the word would have found", async () => {
  const es = await worker("es");
  assert.equal(es.api.rewrite("scrach "), "scratch^3");
  assert.equal(locations(await es.search("scrach"))[0].split("#")[0], "scratch/");
  const en = await worker("en");
  assert.equal(locations(await en.search("bootbnak"))[0], "boot-banks/");
});

test("accentless Spanish and joined words are read as the pages write them", async () => {
  const es = await worker("es");
  assert.equal(es.api.rewrite("particion "), es.api.rewrite("partición "));
  assert.equal(es.api.rewrite("autodeploy "), es.api.rewrite("auto deploy "));
  assert.match(es.api.rewrite("autodeploy "), /deploy\^3/);
});

test("the other language's glossary term becomes this language's", async () => {
  const en = await worker("en");
  assert.equal(en.api.rewrite("bancos de arranque "), "boot^3 bank^3");
  assert.equal(locations(await en.search("bancos de arranque"))[0], "boot-banks/");
});

test("a result's ?h= terms hold every form the worker marked", async () => {
  const { api } = await worker("es");
  const result = {
    items: [[
      { location: "a/", title: "La <mark>partición</mark>", text: "(<mark>particiones</mark>",
        terms: { particion: true, otra: false } },
    ]],
  };
  const [[item]] = api.withMarkedForms(result).items;
  assert.deepEqual(list(Object.keys(item.terms)).slice(0, 2), ["particiones", "partición"]);
  assert.equal(item.terms.otra, false);
});

test("the separator is the one in mkdocs.yml", () => {
  assert.match(separator(), /\[\^0-9A-Za-z/);
});
