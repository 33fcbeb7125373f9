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
  const first = tabs.keys().next();
  if (!first.done) show(first.value);
  window.tppoYasgui = yasgui; // for the browser tests and the console
})();
