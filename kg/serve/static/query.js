// The query editor of `tppo-kg serve`: YASGUI, bound to this server's endpoint, one tab per
// query of the library. Nothing here talks to any other host: the completers that call
// prefix.cc and LOV are switched off, and nothing is kept in the browser's storage.
(function () {
  "use strict";
  const queries = JSON.parse(document.getElementById("queries").textContent);
  const endpoint = new URL("/sparql", window.location.href).href;
  const questionEl = document.getElementById("question");
  const select = document.getElementById("question-select");

  Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    persistenceId: null,
    autoAddOnInit: false,
    populateFromUrl: false,
    autofocus: false,
  });

  const tabs = new Map();
  for (const [i, q] of queries.entries()) {
    // The first tab is added as the active one: YASGUI switches tabs only from an active tab.
    const tab = yasgui.addTab(i === 0, {
      name: q.name,
      yasqe: { value: q.text },
      requestConfig: { endpoint: endpoint, method: "POST" },
    });
    tabs.set(tab.getId(), q);
  }

  function show(tabId) {
    const q = tabs.get(tabId);
    questionEl.textContent = q ? q.question : "";
    if (q) select.value = q.name;
  }

  yasgui.on("tabSelect", (_instance, tabId) => show(tabId));
  select.addEventListener("change", () => {
    for (const [id, q] of tabs) {
      if (q.name === select.value) {
        yasgui.selectTabId(id);
        show(id);
      }
    }
  });
  // -- a form for the question's parameters ----------------------------------------------
  const ID = "https://w3id.org/tppo-kg/id/";
  const ONTOLOGY = "https://w3id.org/tppo-kg/ontology#";
  const XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer";
  const form = document.getElementById("params");
  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  const choices = {};
  for (const kind of ["country", "person"]) {
    choices[kind] = Array.from(document.querySelectorAll(`#choices-${kind} option`)).map((o) => {
      const m = /^(.*) \(([^()]+)\)$/.exec(o.value);
      return { text: o.value, value: m[2], names: m[1].split(" \u00b7 ").map(fold) };
    });
  }
  // A country or a person as picked or typed: its code or slug, by the picked option, a name in
  // English or Indonesian, or the code itself.
  function picked(kind, text) {
    const folded = fold(text);
    const found = choices[kind].find((c) => c.text === text || c.names.includes(folded) || fold(c.value) === folded);
    return found ? found.value : null;
  }
  function term(p, raw) {
    const value = raw.trim();
    const slug = /^[a-z0-9][a-z0-9-]*$/;
    if (p.kind === "country" || p.kind === "person") {
      const code = picked(p.kind, value);
      if (!code) throw new Error(`no ${p.kind} named \u201c${value}\u201d`);
      return `<${ID}${p.kind}/${code}>`;
    }
    if (p.kind === "org" && slug.test(value)) return `<${ID}org/${value}>`;
    if (p.kind === "thing" && /^[a-z][a-z-]*\/[A-Za-z0-9][A-Za-z0-9./-]*$/.test(value) && !value.includes("..")) {
      return `<${ID}${value}>`;
    }
    if (p.kind === "term" && /^[A-Za-z][A-Za-z0-9]*$/.test(value.replace(/^tppo:/, ""))) {
      return `<${ONTOLOGY}${value.replace(/^tppo:/, "")}>`;
    }
    if ((p.kind === "integer" || p.kind === "year") && /^-?\d+$/.test(value)) return `"${value}"^^<${XSD_INTEGER}>`;
    if (p.kind === "text") return JSON.stringify(value);
    throw new Error(`\u201c${value}\u201d is not a valid ${p.kind}`);
  }
  function shownDefault(p) {
    if (!p.default) return "";
    if (p.kind === "country" || p.kind === "person") {
      const c = choices[p.kind].find((x) => x.value === p.default);
      return c ? c.text : p.default;
    }
    return p.default;
  }
  function bound(q) {
    const names = [], terms = [];
    for (const input of form.querySelectorAll("input[data-param]")) {
      input.classList.remove("bad");
      if (!input.value.trim()) continue; // left open: answers for all
      const p = q.parameters.find((x) => x.name === input.dataset.param);
      try {
        terms.push(term(p, input.value));
        names.push("?" + p.name);
      } catch (error) {
        input.classList.add("bad");
        input.setCustomValidity(error.message);
        input.reportValidity();
        return null;
      }
      input.setCustomValidity("");
    }
    if (!names.length) return q.text;
    const block = `VALUES (${names.join(" ")}) { (${terms.join(" ")}) }`;
    return q.after ? `${q.before}\n  ${block}\n${q.after}` : `${q.text}\n${block}\n`;
  }
  function buildForm(q) {
    while (form.firstChild) form.removeChild(form.firstChild);
    form.hidden = !q || !q.parameters.length;
    if (form.hidden) return;
    for (const p of q.parameters) {
      const input = document.createElement("input");
      input.dataset.param = p.name;
      input.name = p.name;
      input.value = shownDefault(p);
      input.placeholder = p.kind === "country" || p.kind === "person" ? `a ${p.kind} by name` : p.kind;
      if (choices[p.kind]) input.setAttribute("list", `choices-${p.kind}`);
      const label = document.createElement("label");
      label.append(p.name, input);
      const hint = document.createElement("span");
      hint.textContent = p.description + (p.default ? "" : " (empty: all)");
      label.append(hint);
      form.append(label);
    }
    const run = document.createElement("button");
    run.type = "submit";
    run.id = "run-with-values";
    run.textContent = "Run with these values";
    form.append(run);
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const tab = yasgui.getTab();
    const q = tabs.get(tab.getId());
    if (!q) return;
    const text = bound(q);
    if (text === null) return;
    tab.getYasqe().setValue(text);
    tab.getYasqe().query();
  });
  yasgui.on("tabSelect", (_instance, tabId) => buildForm(tabs.get(tabId)));

  // -- results people read: labels for IRIs, numbers as numbers, links that work offline ---
  const labels = new Map();
  function local(iri) {
    if (iri.startsWith(ONTOLOGY)) return "/ontology#" + iri.slice(ONTOLOGY.length);
    if (iri.startsWith(ID)) return "/explorer#focus=" + iri.slice(ID.length);
    return null;
  }
  async function fetchLabels(iris) {
    const wanted = iris.filter((i) => !labels.has(i) && /^[^\s<>"{}|\\^`]+$/.test(i)).slice(0, 2000);
    if (!wanted.length) return;
    wanted.forEach((i) => labels.set(i, null));
    const query = `PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?l WHERE { VALUES ?s { ${wanted.map((i) => `<${i}>`).join(" ")} } ?s rdfs:label ?l . FILTER(LANG(?l) = "en" || LANG(?l) = "") }`;
    const response = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", Accept: "application/sparql-results+json" },
      body: query,
    });
    if (!response.ok) return;
    const doc = await response.json();
    for (const b of doc.results.bindings) if (!labels.get(b.s.value)) labels.set(b.s.value, b.l.value);
  }
  const NUMERIC = /#(integer|decimal|double|float|int|long|nonNegativeInteger|positiveInteger)$/;
  async function readable(root) {
    const links = Array.from(root.querySelectorAll(".yasr td a.iri:not([data-read])"));
    await fetchLabels(links.map((a) => a.href));
    for (const a of links) {
      const iri = a.getAttribute("href");
      a.dataset.read = "1";
      a.title = iri;
      const name = labels.get(iri);
      if (name) a.textContent = name;
      const target = local(iri);
      if (target) { a.href = target; a.removeAttribute("target"); }
      const span = a.parentElement;
      for (const node of Array.from(span.childNodes)) {
        if (node.nodeType === Node.TEXT_NODE && /^[<>]$/.test(node.textContent.trim())) node.remove();
      }
    }
    for (const span of root.querySelectorAll(".yasr td span.nonIri:not([data-read])")) {
      span.dataset.read = "1";
      const sup = span.querySelector("sup");
      const value = (span.firstChild && span.firstChild.nodeType === Node.TEXT_NODE ? span.firstChild.textContent : "").replace(/^"|"$/g, "");
      const type = sup ? (sup.querySelector("a") ? sup.querySelector("a").href : sup.textContent) : "";
      if (sup && NUMERIC.test(type.replace(/^\^\^xsd:/, "#")) && value !== "" && !Number.isNaN(Number(value))) {
        span.textContent = Number(value).toLocaleString("en-US", { maximumFractionDigits: 20 });
        span.classList.add("num");
        span.title = `${value} (${type.replace(/^\^\^/, "")})`;
        span.closest("td").style.textAlign = "right";
      } else if (sup && sup.textContent.startsWith("^^")) {
        span.textContent = value; // a date or another typed value: the value, its type on hover
        span.title = `${value} (${sup.textContent.slice(2)})`;
      } else if (sup && sup.textContent.startsWith("@")) {
        span.textContent = value;
        const lang = document.createElement("span");
        lang.className = "lang";
        lang.textContent = sup.textContent.slice(1);
        span.append(lang);
      }
    }
    document.body.dataset.readable = String(Number(document.body.dataset.readable || 0) + 1);
  }
  let pending = null;
  new MutationObserver(() => {
    clearTimeout(pending);
    pending = setTimeout(() => readable(document.getElementById("yasgui")), 30);
  }).observe(document.getElementById("yasgui"), { childList: true, subtree: true });

  const first = tabs.keys().next();
  if (!first.done) { show(first.value); buildForm(tabs.get(first.value)); }
  window.tppoYasgui = yasgui; // for the browser tests and the console
})();
