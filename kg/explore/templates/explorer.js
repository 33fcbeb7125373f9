/* tppo-kg explorer: runs offline from one file.
 * Every text that came from a source is put on the page with textContent or drawn on
 * the canvas by vis-network; nothing here parses data as HTML. */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("tppo-data").textContent);
  var FORMS = DATA.formColours;
  var DIM = "#e4e4e4";
  var state = {
    view: "flow", lang: "en", yearFrom: null, yearTo: null, undated: true, source: "",
    hiddenTypes: { flow: {}, entity: {} }, aggregate: true, direction: "both", selected: null
  };
  var views = {};
  var renderedAt = {};
  var BIG = 2000;  // edges above which a view is rebuilt, and highlighted by selection

  // ---------------------------------------------------------------- helpers
  function el(tag, props) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (key) {
        if (key === "text") { node.textContent = props[key]; }
        else if (key === "onclick") { node.addEventListener("click", props[key]); }
        else { node.setAttribute(key, props[key]); }
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) { continue; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function label(item) {
    return (state.lang === "id" ? item.label_id : item.label_en) || item.label_en || item.label || item.id;
  }
  function formName(form) { return form ? form.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase() : "unknown form"; }
  function formatCount(c) {
    var text;
    if (c.minimum === null && c.maximum === null) { text = "count unknown"; }
    else if (c.qualifier === "Exactly") { text = String(c.minimum); }
    else if (c.qualifier === "MoreThan") { text = "more than " + (c.minimum - 1); }
    else if (c.qualifier === "AtLeast") { text = "at least " + c.minimum; }
    else if (c.qualifier === "FewerThan") { text = "fewer than " + (c.maximum + 1); }
    else { text = (c.minimum === null ? "?" : c.minimum) + " to " + (c.maximum === null ? "?" : c.maximum); }
    return c.stated_as ? text + " (\u201c" + c.stated_as + "\u201d)" : text;
  }
  function inYears(year) {
    if (year === null || year === undefined) { return state.undated; }
    if (state.yearFrom !== null && year < state.yearFrom) { return false; }
    if (state.yearTo !== null && year > state.yearTo) { return false; }
    return true;
  }

  // ---------------------------------------------------------------- flow view
  function visibleClaims() {
    return DATA.views.flow.edges.filter(function (c) {
      return inYears(c.year) && (!state.source || c.document === state.source) &&
        !state.hiddenTypes.flow[c.form || "unknown"];
    });
  }
  function styleFor(claims) {
    var lows = claims.map(function (c) { return c.minimum; }).filter(function (n) { return n !== null; });
    var exact = claims.some(function (c) { return c.qualifier === "Exactly"; });
    var forms = {};
    claims.forEach(function (c) { forms[c.form || "unknown"] = true; });
    var formList = Object.keys(forms);
    var largest = lows.length ? Math.max.apply(null, lows) : null;
    return {
      width: largest === null ? 1 : Math.min(14, 1 + 2.2 * Math.log10(1 + largest)),
      dashes: largest === null ? [8, 6] : (exact ? false : [2, 4]),
      color: { color: formList.length === 1 ? (FORMS[formList[0]] || FORMS.unknown) : FORMS.mixed, opacity: 0.85 },
      largest: largest
    };
  }
  function flowEdges() {
    var claims = visibleClaims();
    var groups = {};
    claims.forEach(function (c) {
      var key = c.from + "\u2192" + c.to;
      (groups[key] = groups[key] || []).push(c);
    });
    if (!state.aggregate) {
      // A corridor with a single claim is the same edge in both modes: keep its id.
      return claims.map(function (c) {
        var s = styleFor([c]);
        var key = c.from + "\u2192" + c.to;
        return { id: groups[key].length === 1 ? key : c.id, from: c.from, to: c.to, width: s.width,
                 dashes: s.dashes, color: s.color, claims: [c.id], baseColor: s.color };
      });
    }
    return Object.keys(groups).sort().map(function (key) {
      var group = groups[key];
      var s = styleFor(group);
      return { id: key, from: group[0].from, to: group[0].to, width: s.width, dashes: s.dashes, color: s.color,
               claims: group.map(function (c) { return c.id; }), baseColor: s.color };
    });
  }

  // ---------------------------------------------------------------- entity view
  function entityNodeVisible(n) {
    if (state.hiddenTypes.entity[n.kind]) { return false; }
    if (state.source && n.sources && n.sources.length && n.sources.indexOf(state.source) < 0) { return false; }
    return inYears(n.year);
  }

  // ---------------------------------------------------------------- building views
  function nodeItem(name, n) {
    var item = Object.assign({}, n);
    item.label = label(n);
    item.baseColor = n.color;
    delete item.title;
    return item;
  }
  function makeView(name) {
    var spec = DATA.views[name];
    var container = document.getElementById("view-" + name);
    var nodes = new vis.DataSet(spec.nodes.map(function (n) { return nodeItem(name, n); }));
    var edges = new vis.DataSet([]);
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, spec.options);
    var view = { name: name, nodes: nodes, edges: edges, network: network, container: container, rendered: false };
    views[name] = view;
    network.once("afterDrawing", function () {
      view.rendered = true;
      renderedAt[name] = performance.now();
      document.body.setAttribute("data-rendered-" + name, "1");
    });
    if (spec.options.physics && spec.options.physics.enabled) {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });
        network.fit({ animation: false });
        document.body.setAttribute("data-stable-" + name, "1");
      });
    } else {
      document.body.setAttribute("data-stable-" + name, "1");
    }
    network.on("click", function (params) {
      if (params.nodes.length) { select(name, params.nodes[0]); }
      else if (params.edges.length) { selectEdge(name, params.edges[0]); }
      else { unselect(); }
    });
    network.on("hoverNode", function (params) { tip(name, nodes.get(params.node), params.pointer.DOM); });
    network.on("hoverEdge", function (params) { tipEdge(name, params.edge, params.pointer.DOM); });
    network.on("blurNode", hideTip);
    network.on("blurEdge", hideTip);
    refresh(name);
    network.fit({ animation: false });
    return view;
  }

  // Apply only what changed: at thousands of nodes and edges a full reset of the
  // DataSets takes seconds, a diff takes milliseconds.
  function sameEdge(a, b) {
    return a.from === b.from && a.to === b.to && a.width === b.width && String(a.dashes) === String(b.dashes) &&
      JSON.stringify(a.color) === JSON.stringify(b.color) && String(a.claims) === String(b.claims) &&
      a.label === b.label;
  }
  function syncEdges(view, items) {
    var wanted = {};
    items.forEach(function (e) { wanted[e.id] = e; });
    var gone = [], changed = [];
    view.edges.forEach(function (e) { if (!wanted[e.id]) { gone.push(e.id); } });
    items.forEach(function (e) {
      var old = view.edges.get(e.id);
      if (!old || !sameEdge(old, e)) { changed.push(e); }
    });
    if (gone.length) { view.edges.remove(gone); }
    if (changed.length) { view.edges.update(changed); }
  }
  function syncNodes(view, items) {
    var changed = items.filter(function (n) {
      var old = view.nodes.get(n.id);
      return !old || old.hidden !== n.hidden || old.label !== n.label;
    });
    if (changed.length) { view.nodes.update(changed); }
  }
  // Above BIG edges every single DataSet change costs tens of milliseconds in
  // vis-network (it re-indexes all edges), so a change of any size rebuilds the data
  // at once: about half a second at 5,000 nodes and 20,000 edges. Big views have
  // fixed positions (geography or a layout computed in Python), so nothing moves.
  function apply(view, nodeItems, edgeItems) {
    if (view.edges.length > BIG || edgeItems.length > BIG) {
      var at = view.network.getViewPosition(), scale = view.network.getScale();
      var byId = {};
      view.nodes.forEach(function (n) { byId[n.id] = n; });
      view.nodes = new vis.DataSet(nodeItems.map(function (n) { return Object.assign({}, byId[n.id], n); }));
      view.edges = new vis.DataSet(edgeItems);
      view.network.setData({ nodes: view.nodes, edges: view.edges });
      view.network.moveTo({ position: at, scale: scale, animation: false });
      return;
    }
    syncNodes(view, nodeItems);
    syncEdges(view, edgeItems);
  }

  function refresh(name) {
    var view = views[name];
    if (!view) { return; }
    if (state.selected && state.selected.view === name) { unhighlight(name); }
    if (name === "flow") {
      var edgeItems = flowEdges();
      var used = {};
      edgeItems.forEach(function (e) { used[e.from] = true; used[e.to] = true; });
      apply(view, DATA.views.flow.nodes.map(function (n) {
        return { id: n.id, hidden: !used[n.id], label: label(n) };
      }), edgeItems);
    } else {
      var shown = {};
      var nodeItems = DATA.views.entity.nodes.map(function (n) {
        var visible = entityNodeVisible(n);
        if (visible) { shown[n.id] = true; }
        return { id: n.id, hidden: !visible, label: label(n) };
      });
      apply(view, nodeItems, DATA.views.entity.edges.filter(function (e) {
        return shown[e.from] && shown[e.to];
      }).map(function (e) {
        return { id: e.id, from: e.from, to: e.to, label: e.relation, relation: e.relation, since: e.since,
                 until: e.until, color: { color: "#8a8a8a" }, baseColor: { color: "#8a8a8a" } };
      }));
    }
    if (state.selected && state.selected.view === name) { highlight(name, state.selected.id); }
    showCounts();
  }

  function counts(name) {
    var view = views[name];
    if (!view) { return null; }
    return {
      nodes: view.nodes.get({ filter: function (n) { return !n.hidden; } }).length,
      edges: view.edges.length,
      claims: name === "flow" ? visibleClaims().length : null
    };
  }
  function showCounts() {
    var c = counts(state.view);
    var box = document.getElementById("counts");
    if (!c) { box.textContent = ""; return; }
    box.textContent = state.view === "flow"
      ? c.nodes + " states \u00b7 " + c.edges + (state.aggregate ? " corridors" : " claims") + " \u00b7 " + c.claims + " claims"
      : c.nodes + " entities \u00b7 " + c.edges + " links";
  }

  // ---------------------------------------------------------------- neighbourhood
  function neighbours(name, id) {
    var out = {}, through = {};
    views[name].edges.forEach(function (e) {
      var outgoing = e.from === id && state.direction !== "in";
      var incoming = e.to === id && state.direction !== "out";
      if (outgoing) { out[e.to] = true; through[e.id] = true; }
      if (incoming) { out[e.from] = true; through[e.id] = true; }
    });
    out[id] = true;
    return { nodes: out, edges: through };
  }
  function highlight(name, id) {
    var view = views[name];
    var near = neighbours(name, id);
    document.body.setAttribute("data-highlight", Object.keys(near.nodes).sort().join(" "));
    if (view.edges.length > BIG) {
      view.network.setSelection({ nodes: Object.keys(near.nodes), edges: Object.keys(near.edges) },
                                { unselectAll: true, highlightEdges: false });
      return;
    }
    view.nodes.update(view.nodes.get().map(function (n) {
      return { id: n.id, color: near.nodes[n.id] ? n.baseColor : DIM,
               font: { color: near.nodes[n.id] ? "#222" : "#c8c8c8" } };
    }));
    view.edges.update(view.edges.get().map(function (e) {
      return { id: e.id, color: near.edges[e.id] ? e.baseColor : { color: DIM, opacity: 0.6 } };
    }));
  }
  function unhighlight(name) {
    var view = views[name];
    if (!view) { return; }
    document.body.removeAttribute("data-highlight");
    if (view.edges.length > BIG) { view.network.unselectAll(); return; }
    view.nodes.update(view.nodes.get().map(function (n) {
      return { id: n.id, color: n.baseColor, font: { color: "#222" } };
    }));
    view.edges.update(view.edges.get().map(function (e) { return { id: e.id, color: e.baseColor }; }));
  }

  // ---------------------------------------------------------------- the side panel
  var panel = document.getElementById("panel");
  function evidenceBlock(factId) {
    var items = DATA.evidence[factId] || [];
    var box = el("div", { "class": "evidence-list" });
    if (!items.length) {
      box.appendChild(el("p", { "class": "hint", text: "Background fact: see its reference source." }));
    }
    items.forEach(function (ev) {
      var meta = el("span", { "class": "meta" },
        (DATA.sources[ev.source] || ev.source) + " \u00b7 " + ev.source + " \u00b7 characters " + ev.start + "\u2013" + ev.end + " \u00b7 ",
        el("span", { "class": "badge" + (ev.method === "curated" ? "" : " machine"), text: ev.method }),
        " by " + ev.by);
      box.appendChild(el("blockquote", { "class": "evidence" }, el("span", { "class": "sentence", text: ev.sentence }), meta));
    });
    return box;
  }
  function facts(dl, pairs) {
    pairs.forEach(function (pair) {
      if (pair[1] === null || pair[1] === undefined || pair[1] === "") { return; }
      dl.appendChild(el("dt", { text: pair[0] }));
      dl.appendChild(el("dd", { text: String(pair[1]) }));
    });
    return dl;
  }
  function nodeButton(name, id) {
    var n = views[name].nodes.get(id) || { id: id };
    return el("button", { "class": "linklike", text: label(n), onclick: function () { focus(name, id); } });
  }
  function showNode(name, id) {
    clear(panel);
    var n = DATA.views[name].nodes.filter(function (x) { return x.id === id; })[0];
    if (!n) { return; }
    panel.appendChild(el("h2", { text: label(n) }));
    panel.appendChild(facts(el("dl"), [
      ["type", n.kind], ["id", n.id], ["English", n.label_en], ["Indonesian", n.label_id], ["ISO code", n.code],
      ["date", n.date], ["sources", (n.sources || []).join(", ")]
    ]));
    var links = el("ul", { "class": "links" });
    views[name].edges.forEach(function (e) {
      if (e.from !== id && e.to !== id) { return; }
      var other = e.from === id ? e.to : e.from;
      var what = name === "flow" ? (e.from === id ? "victims to" : "victims from") + " (" + e.claims.length + " claims)"
        : (e.from === id ? e.relation + " \u2192" : "\u2190 " + e.relation);
      var term = e.since ? " (" + e.since + " \u2013 " + (e.until || "") + ")" : "";
      links.appendChild(el("li", null, what + " ", nodeButton(name, other), term,
        name === "flow" ? el("button", { "class": "linklike", text: " [claims]", onclick: function () { showEdge(name, e.id); } }) : null));
    });
    panel.appendChild(el("h3", { text: name === "flow" ? "Corridors" : "Links" }));
    panel.appendChild(links);
    if (name === "entity") {
      panel.appendChild(el("h3", { text: "Evidence" }));
      panel.appendChild(evidenceBlock(id));
    }
  }
  function showEdge(name, edgeId) {
    clear(panel);
    var e = views[name].edges.get(edgeId);
    if (!e) { return; }
    var from = views[name].nodes.get(e.from) || { id: e.from };
    var to = views[name].nodes.get(e.to) || { id: e.to };
    if (name === "entity") {
      panel.appendChild(el("h2", null, label(from) + " \u2014 " + e.relation + " \u2192 " + label(to)));
      panel.appendChild(facts(el("dl"), [["from", e.from], ["relation", e.relation], ["to", e.to],
        ["since", e.since], ["until", e.until]]));
      panel.appendChild(el("h3", { text: "Evidence" }));
      panel.appendChild(evidenceBlock(e.from));
      return;
    }
    panel.appendChild(el("h2", null, label(from) + " \u2192 " + label(to)));
    var byId = {};
    DATA.views.flow.edges.forEach(function (c) { byId[c.id] = c; });
    panel.appendChild(el("p", { text: e.claims.length + " claim(s); figures from different claims are not added up." }));
    e.claims.forEach(function (claimId) {
      var c = byId[claimId];
      var box = el("div", { "class": "claim" });
      box.appendChild(el("h3", { text: label(c) }));
      box.appendChild(facts(el("dl"), [
        ["victims", formatCount(c)], ["form", formName(c.form)], ["period", c.period], ["as of", c.as_of],
        ["source", (DATA.sources[c.document] || "") + " " + c.document], ["claim", c.id]
      ]));
      box.appendChild(evidenceBlock(c.id));
      panel.appendChild(box);
    });
  }

  // ---------------------------------------------------------------- selection
  function select(name, id) {
    state.selected = { view: name, id: id };
    highlight(name, id);
    showNode(name, id);
  }
  function selectEdge(name, id) {
    state.selected = null;
    unhighlight(name);
    showEdge(name, id);
  }
  function unselect() {
    if (state.selected) { unhighlight(state.selected.view); }
    state.selected = null;
  }
  function focus(name, id) {
    if (state.view !== name) { switchView(name); }
    var view = views[name];
    var node = view.nodes.get(id);
    if (!node) { return; }
    if (node.hidden) { resetFilters(); }
    view.network.selectNodes([id]);
    view.network.focus(id, { scale: 1.2, animation: false });
    select(name, id);
  }

  // ---------------------------------------------------------------- tooltip
  var tipBox = el("div", { id: "tip", role: "tooltip" });
  tipBox.style.cssText = "position:absolute;pointer-events:none;background:#243447;color:#fff;padding:2px 6px;border-radius:3px;font-size:12px;display:none;z-index:5";
  document.getElementById("stage").appendChild(tipBox);
  function tip(name, item, at) {
    if (!item) { return; }
    tipBox.textContent = label(item) + (item.code ? " (" + item.code + ")" : "");
    tipBox.style.left = (at.x + 12) + "px";
    tipBox.style.top = (at.y + 12) + "px";
    tipBox.style.display = "block";
  }
  function tipEdge(name, id, at) {
    var e = views[name].edges.get(id);
    if (!e) { return; }
    var from = views[name].nodes.get(e.from), to = views[name].nodes.get(e.to);
    tipBox.textContent = label(from) + " \u2192 " + label(to) + (e.claims ? " \u00b7 " + e.claims.length + " claim(s)" : " \u00b7 " + e.relation);
    tipBox.style.left = (at.x + 12) + "px";
    tipBox.style.top = (at.y + 12) + "px";
    tipBox.style.display = "block";
  }
  function hideTip() { tipBox.style.display = "none"; }

  // ---------------------------------------------------------------- controls
  function typeOptions(name) {
    if (name === "flow") {
      var forms = {};
      DATA.views.flow.edges.forEach(function (c) { forms[c.form || "unknown"] = true; });
      return Object.keys(forms).sort().map(function (f) { return [f, formName(f)]; });
    }
    var kinds = {};
    DATA.views.entity.nodes.forEach(function (n) { kinds[n.kind] = true; });
    return Object.keys(kinds).sort().map(function (k) { return [k, k]; });
  }
  function buildTypeFilter() {
    var box = document.getElementById("type-filter");
    clear(box);
    box.appendChild(el("legend", { text: state.view === "flow" ? "Forms of exploitation" : "Types" }));
    typeOptions(state.view).forEach(function (opt) {
      var input = el("input", { type: "checkbox", value: opt[0], "data-type": opt[0] });
      input.checked = !state.hiddenTypes[state.view][opt[0]];
      input.addEventListener("change", function () {
        state.hiddenTypes[state.view][opt[0]] = !input.checked;
        refresh(state.view);
      });
      box.appendChild(el("label", null, input, " " + opt[1]));
    });
  }
  function buildLegend() {
    var box = document.getElementById("legend");
    clear(box);
    box.appendChild(el("h3", { text: "Legend" }));
    var list = el("ul");
    if (state.view === "flow") {
      Object.keys(FORMS).forEach(function (form) {
        var sw = el("span", { "class": "swatch" });
        sw.style.background = FORMS[form];
        list.appendChild(el("li", null, sw, form === "mixed" ? "several forms" : formName(form)));
      });
      list.appendChild(el("li", null, el("span", { "class": "line" }), "exact count"));
      list.appendChild(el("li", null, el("span", { "class": "line dotted" }), "bounded count (more than, at least, ...)"));
      list.appendChild(el("li", null, el("span", { "class": "line dashed" }), "count unknown"));
      list.appendChild(el("li", { text: "width grows with the largest lower bound (log scale)" }));
    } else {
      Object.keys(DATA.entityStyle).forEach(function (kind) {
        var sw = el("span", { "class": "swatch" });
        sw.style.background = DATA.entityStyle[kind].color;
        list.appendChild(el("li", null, sw, kind + " (" + DATA.entityStyle[kind].shape + ")"));
      });
    }
    box.appendChild(list);
  }
  function fillSources() {
    var select = document.getElementById("source-filter");
    Object.keys(DATA.sources).sort().forEach(function (id) {
      select.appendChild(el("option", { value: id, text: DATA.sources[id] + " \u2014 " + id }));
    });
  }
  function yearBounds() {
    var years = [];
    DATA.views.flow.edges.forEach(function (c) { if (c.year !== null && c.year !== undefined) { years.push(c.year); } });
    DATA.views.entity.nodes.forEach(function (n) { if (n.year !== null && n.year !== undefined) { years.push(n.year); } });
    return years.length ? [Math.min.apply(null, years), Math.max.apply(null, years)] : [null, null];
  }
  function resetFilters() {
    var bounds = yearBounds();
    state.yearFrom = null; state.yearTo = null; state.undated = true; state.source = "";
    state.hiddenTypes = { flow: {}, entity: {} };
    document.getElementById("year-from").value = bounds[0] === null ? "" : bounds[0];
    document.getElementById("year-to").value = bounds[1] === null ? "" : bounds[1];
    document.getElementById("undated").checked = true;
    document.getElementById("source-filter").value = "";
    buildTypeFilter();
    refresh("flow");
    refresh("entity");
  }
  function search(text) {
    var list = document.getElementById("search-results");
    clear(list);
    var q = fold(text).trim();
    if (!q) { return []; }
    var hits = [];
    ["flow", "entity"].forEach(function (name) {
      DATA.views[name].nodes.forEach(function (n) {
        var hay = [n.label_en, n.label_id, n.code, n.id].map(fold);
        if (hay.some(function (h) { return h.indexOf(q) >= 0; })) { hits.push([name, n]); }
      });
    });
    hits.sort(function (a, b) { return (a[0] === state.view ? 0 : 1) - (b[0] === state.view ? 0 : 1); });
    hits.slice(0, 25).forEach(function (hit) {
      var where = hit[0] === "flow" ? "flows" : "entities";
      list.appendChild(el("li", null, el("button", {
        "class": "result", "data-id": hit[1].id, "data-view": hit[0],
        text: label(hit[1]) + " \u00b7 " + (hit[1].kind || "") + " \u00b7 " + where,
        onclick: function () { focus(hit[0], hit[1].id); }
      })));
    });
    return hits;
  }
  function switchView(name) {
    state.view = name;
    ["flow", "entity"].forEach(function (v) {
      document.getElementById("view-" + v).hidden = v !== name;
      document.getElementById("tab-" + v).setAttribute("aria-selected", String(v === name));
    });
    if (!views[name]) { makeView(name); }
    else { views[name].network.redraw(); views[name].network.fit({ animation: false }); }
    document.getElementById("aggregate").disabled = name !== "flow";
    buildTypeFilter();
    buildLegend();
    showCounts();
  }
  function exportPng() {
    var view = views[state.view];
    var canvas = view.container.querySelector("canvas");
    var out = document.createElement("canvas");
    out.width = canvas.width; out.height = canvas.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    var link = el("a", { download: "tppo-kg-" + state.view + ".png", href: out.toDataURL("image/png") });
    document.body.appendChild(link);
    link.click();
    link.remove();
  }
  function analyticsTables() {
    var body = document.getElementById("analytics-body");
    function table(caption, head, rows) {
      var t = el("table", null, el("caption", { text: caption }));
      t.appendChild(el("tr", null, ...head.map(function (h) { return el("th", { text: h }); })));
      rows.forEach(function (cells) {
        t.appendChild(el("tr", null, ...cells.map(function (c) {
          return el("td", null, typeof c === "object" && c !== null ? c : String(c === null ? "" : c));
        })));
      });
      body.appendChild(t);
    }
    var a = DATA.analytics;
    table("Largest corridors", ["corridor", "claims", "sources", "victims at least"], a.corridors.map(function (r) {
      return [el("button", { "class": "linklike", text: r.origin_label + " \u2192 " + r.destination_label,
        onclick: function () { focus("flow", r.origin); showEdge("flow", state.aggregate ? r.origin + "\u2192" + r.destination : ""); } }),
        r.claims, r.sources, r.largest_lower_bound];
    }));
    table("Strength per state", ["state", "out corridors", "in corridors", "out victims \u2265", "in victims \u2265"], a.strength.map(function (r) {
      return [el("button", { "class": "linklike", text: r.label, onclick: function () { focus("flow", r.state); } }),
        r.out_corridors, r.in_corridors, r.out_victims_at_least, r.in_victims_at_least];
    }));
    table("Central actors", ["actor", "type", "degree", "betweenness"], a.centrality.map(function (r) {
      return [el("button", { "class": "linklike", text: r.label, onclick: function () { focus("entity", r.node); } }),
        r.kind, r.degree, r.betweenness];
    }));
  }

  function bind() {
    document.getElementById("tab-flow").addEventListener("click", function () { switchView("flow"); });
    document.getElementById("tab-entity").addEventListener("click", function () { switchView("entity"); });
    var box = document.getElementById("search");
    box.addEventListener("input", function () { search(box.value); });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        var hits = search(box.value);
        if (hits.length) { focus(hits[0][0], hits[0][1].id); }
      }
    });
    function years() {
      var from = document.getElementById("year-from").value, to = document.getElementById("year-to").value;
      state.yearFrom = from === "" ? null : parseInt(from, 10);
      state.yearTo = to === "" ? null : parseInt(to, 10);
      state.undated = document.getElementById("undated").checked;
      refresh("flow"); refresh("entity");
    }
    ["year-from", "year-to", "undated"].forEach(function (id) {
      document.getElementById(id).addEventListener("change", years);
    });
    document.getElementById("source-filter").addEventListener("change", function (event) {
      state.source = event.target.value;
      refresh("flow"); refresh("entity");
    });
    document.getElementById("aggregate").addEventListener("change", function (event) {
      state.aggregate = event.target.checked;
      refresh("flow");
    });
    document.getElementById("language").addEventListener("change", function (event) {
      state.lang = event.target.value;
      refresh("flow"); refresh("entity");
    });
    document.getElementById("direction").addEventListener("change", function (event) {
      state.direction = event.target.value;
      if (state.selected) { highlight(state.selected.view, state.selected.id); }
    });
    document.getElementById("reset").addEventListener("click", function () {
      unselect(); resetFilters(); views[state.view].network.fit({ animation: false });
    });
    document.getElementById("export-png").addEventListener("click", exportPng);
  }

  fillSources();
  bind();
  var bounds = yearBounds();
  document.getElementById("year-from").value = bounds[0] === null ? "" : bounds[0];
  document.getElementById("year-to").value = bounds[1] === null ? "" : bounds[1];
  switchView("flow");
  analyticsTables();

  window.tppoExplorer = {
    counts: counts,
    views: views,
    switchView: switchView,
    refresh: refresh,
    focus: focus,
    state: state,
    renderedAt: renderedAt
  };
})();
