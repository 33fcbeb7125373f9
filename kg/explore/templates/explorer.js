/* tppo-kg explorer: runs offline from one file.
 * Every text that came from a source is put on the page with textContent or drawn on
 * the canvas; nothing here parses data as HTML. The data travels gzip-compressed (base64)
 * and is inflated with the browser's own DecompressionStream. */
(function () {
  "use strict";

  function inflate() {
    var bin = atob(document.getElementById("tppo-data").textContent.trim());
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    if (typeof DecompressionStream === "undefined") {
      return Promise.reject(new Error("this browser cannot read the page's data (it needs DecompressionStream: " +
        "Chrome or Edge 80, Firefox 113, Safari 16.4 or newer)"));
    }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }
  var VIS = { Network: vis.Network, DataSet: vis.DataSet, Timeline: vis.Timeline };
  inflate().then(boot).catch(function (error) {
    var box = document.getElementById("loading");
    box.textContent = "The explorer could not start: " + error.message;
    box.className = "error";
    throw error;
  });

  function boot(DATA) {
  document.getElementById("loading").remove();
  var FORMS = DATA.formColours;
  var DIM = "#d5d9df";
  var SCALE = DATA.flow.scale;
  var state = {
    view: "flow", lang: "en", yearFrom: null, yearTo: null, undated: true, source: "",
    hiddenTypes: { flow: {}, entity: {}, timeline: {} }, aggregate: true, direction: "both", selected: null,
    official: false, domestic: false, unknown: false, measure: "", sort: "size", background: false
  };
  var views = {};
  var renderedAt = {};
  var BIG = 2000;  // entity edges above which a view is rebuilt at once instead of diffed

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
    if (!item) { return ""; }
    return (state.lang === "id" ? item.label_id : item.label_en) || item.label_en || item.text || item.id;
  }
  function num(n) { return Number(n).toLocaleString("en-US"); }
  function plural(n, one, many) { return num(n) + " " + (n === 1 ? one : (many || one + "s")); }
  function formName(form) { return form && form !== "unknown" ? form.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase() : "form not stated"; }
  var MEASURES = { detected: "victims detected", repatriated: "victims repatriated" };
  function figure(c) {
    if (c.minimum === null && c.maximum === null) { return "count unknown"; }
    if (c.qualifier === "Exactly") { return num(c.minimum); }
    if (c.qualifier === "MoreThan") { return "more than " + num(c.minimum - 1); }
    if (c.qualifier === "AtLeast") { return "at least " + num(c.minimum); }
    if (c.qualifier === "FewerThan") { return "fewer than " + num(c.maximum + 1); }
    return (c.minimum === null ? "?" : num(c.minimum)) + " to " + (c.maximum === null ? "?" : num(c.maximum));
  }
  function formatCount(c) {
    var text = figure(c);
    return c.stated_as && c.stated_as !== text && c.stated_as !== String(c.minimum)
      ? text + " (\u201c" + c.stated_as + "\u201d)" : text;
  }
  function inYears(year) {
    if (year === null || year === undefined) { return state.undated; }
    if (state.yearFrom !== null && year < state.yearFrom) { return false; }
    if (state.yearTo !== null && year > state.yearTo) { return false; }
    return true;
  }
  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = el("a", { download: name, href: url });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // ---------------------------------------------------------------- the flow model
  var STATES = {};
  DATA.flow.states.forEach(function (s) {
    if (s.id === "unknown") { s.lat = -45; s.lon = 62; s.unplaced = true; }  // the southern Indian Ocean
    s.x = s.lon === undefined ? 0 : s.lon * SCALE;
    s.y = s.lat === undefined ? 0 : -s.lat * SCALE;
    STATES[s.id] = s;
  });
  var CLAIMS = DATA.flow.claims;
  var CLAIM = {};
  var NEWS_PAIRS = {}, REGION = {};
  ["minimum", "maximum", "qualifier", "stated_as", "period", "as_of", "year", "form", "measure", "row"].forEach(function (k) {
    CLAIMS.forEach(function (c) { if (c[k] === undefined) { c[k] = null; } });
  });
  CLAIMS.forEach(function (c) {
    CLAIM[c.id] = c;
    c.official = c.row !== null;
    c.key = c.from + "\u2192" + c.to;
    if (!c.official) { NEWS_PAIRS[c.key] = true; REGION[c.from] = true; REGION[c.to] = true; }
  });
  delete REGION.unknown;

  function claimShown(c) {
    if (!inYears(c.year) || (state.source && c.document !== state.source)) { return false; }
    if (state.hiddenTypes.flow[c.form || "unknown"]) { return false; }
    if (state.measure && c.measure && c.measure !== state.measure) { return false; }
    if (c.from === c.to && !state.domestic) { return false; }
    if (c.from === "unknown" && !state.unknown) { return false; }
    if (!state.official && c.official && !NEWS_PAIRS[c.key]) {
      // The story: the news' corridors with UNODC's figures for them, UNODC's corridors
      // between the states they concern (the region), and (when switched on) the domestic
      // and unknown-origin figures of those states.
      if (!REGION[c.to] || !(REGION[c.from] || c.from === "unknown")) { return false; }
    }
    return true;
  }
  function visibleClaims() { return CLAIMS.filter(claimShown); }

  function styleFor(claims) {
    var lows = [], forms = {}, exact = false, news = false;
    claims.forEach(function (c) {
      if (c.minimum !== null) { lows.push(c.minimum); }
      if (c.qualifier === "Exactly") { exact = true; }
      if (!c.official) { news = true; }
      forms[c.form || "unknown"] = true;
    });
    var known = Object.keys(forms).filter(function (f) { return f !== "unknown"; });
    var form = known.length > 1 ? "mixed" : (known.length ? known[0] : "unknown");
    var largest = lows.length ? Math.max.apply(null, lows) : null;
    return {
      width: largest === null ? 1.5 : Math.min(12, 1.2 + 1.7 * Math.log10(1 + largest)),
      dashed: largest === null, exact: exact, form: form, color: FORMS[form] || FORMS.unknown,
      news: news, largest: largest
    };
  }
  var FLOW = { edges: [], byId: {}, scale: SCALE };
  function flowEdges() {
    var claims = visibleClaims();
    var groups = {}, order = [];
    claims.forEach(function (c) {
      if (!groups[c.key]) { groups[c.key] = []; order.push(c.key); }
      groups[c.key].push(c);
    });
    var edges = [];
    if (!state.aggregate) {
      // A corridor with a single claim is the same edge in both modes: keep its id.
      order.forEach(function (key) {
        groups[key].forEach(function (c, i) {
          edges.push(Object.assign({ id: groups[key].length === 1 ? key : c.id, from: c.from, to: c.to,
            claims: [c.id], bend: 0.15 + 0.06 * i }, styleFor([c])));
        });
      });
    } else {
      order.sort().forEach(function (key) {
        var group = groups[key];
        edges.push(Object.assign({ id: key, from: group[0].from, to: group[0].to, bend: 0.15,
          claims: group.map(function (c) { return c.id; }) }, styleFor(group)));
      });
    }
    // News corridors last, so that they are drawn on top of the official figures.
    edges.sort(function (a, b) { return (a.news ? 1 : 0) - (b.news ? 1 : 0) || (a.largest || 0) - (b.largest || 0); });
    FLOW.claims = claims.length;
    return edges;
  }

  // ---------------------------------------------------------------- the basemap
  var BASEMAP = [];
  function buildBasemap() {
    var world = DATA.basemap;
    var land = topojson.feature(world, world.objects.countries).features;
    land.forEach(function (f) {
      if (f.id === "010") { return; }  // Antarctica: no capital, no flow, a third of the map's height
      var path = new Path2D();
      var polys = f.geometry ? (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates) : [];
      polys.forEach(function (poly) {
        poly.forEach(function (ring) {
          ring.forEach(function (p, i) {
            var x = p[0] * SCALE, y = -p[1] * SCALE;
            if (i === 0) { path.moveTo(x, y); } else { path.lineTo(x, y); }
          });
          path.closePath();
        });
      });
      BASEMAP.push(path);
    });
  }
  function drawBasemap(ctx, scale) {
    ctx.save();
    ctx.fillStyle = "#f4f1ea";
    ctx.strokeStyle = "#b9b2a2";
    ctx.lineWidth = 0.8 / scale;
    BASEMAP.forEach(function (path) { ctx.fill(path); ctx.stroke(path); });
    ctx.restore();
  }

  // ---------------------------------------------------------------- drawing corridors
  function nodeRadius(id) { var s = STATES[id]; return s ? s.radius || 5 : 5; }
  function via(a, b, bend) {  // vis-network's curvedCW control point
    var dx = b.x - a.x, dy = a.y - b.y, r = Math.sqrt(dx * dx + dy * dy);
    var g = (Math.atan2(dy, dx) + (0.5 * bend + 0.5) * Math.PI) % (2 * Math.PI);
    return { x: a.x + (0.5 * bend + 0.5) * r * Math.sin(g), y: a.y + (0.5 * bend + 0.5) * r * Math.cos(g) };
  }
  function geometry(e) {
    var a = STATES[e.from], b = STATES[e.to];
    if (!a || !b) { return null; }
    if (a === b) { return { loop: true, a: a }; }
    return { a: a, b: b, c: via(a, b, e.bend) };
  }
  // Corridors are drawn in batches of one style (colour, width, opacity, dashes): one path
  // stroked and one filled per batch instead of one per corridor.
  function tracePath(ctx, e, scale, width) {
    var g = geometry(e);
    if (!g) { return; }
    if (g.loop) {
      var r = (nodeRadius(e.from) + 7) / scale;
      ctx.moveTo(g.a.x + r * 0.7 + r, g.a.y - r * 0.7);
      ctx.arc(g.a.x + r * 0.7, g.a.y - r * 0.7, r, 0, 2 * Math.PI);
      return;
    }
    ctx.moveTo(g.a.x, g.a.y);
    ctx.quadraticCurveTo(g.c.x, g.c.y, g.b.x, g.b.y);
  }
  function traceArrow(ctx, e, scale, width) {  // the arrow head, at the rim of the destination's circle
    var g = geometry(e);
    if (!g || g.loop) { return; }
    var tx = g.b.x - g.c.x, ty = g.b.y - g.c.y, len = Math.sqrt(tx * tx + ty * ty) || 1;
    tx /= len; ty /= len;
    var back = (nodeRadius(e.to) + 1) / scale, size = (5 + width * 1.2) / scale;
    var px = g.b.x - tx * back, py = g.b.y - ty * back;
    ctx.moveTo(px, py);
    ctx.lineTo(px - tx * size - ty * size * 0.55, py - ty * size + tx * size * 0.55);
    ctx.lineTo(px - tx * size + ty * size * 0.55, py - ty * size - tx * size * 0.55);
    ctx.closePath();
  }
  function drawBatch(ctx, edges, scale, color, width, alpha, dashed) {
    ctx.globalAlpha = alpha;
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = width / scale;
    ctx.setLineDash(dashed ? [5 / scale, 4 / scale] : []);
    ctx.beginPath();
    edges.forEach(function (e) { tracePath(ctx, e, scale, width); });
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.beginPath();
    edges.forEach(function (e) { traceArrow(ctx, e, scale, width); });
    ctx.fill();
  }
  function drawEdge(ctx, e, scale, color, width, alpha) { drawBatch(ctx, [e], scale, color, width, alpha, e.dashed); }
  function drawStyled(ctx, edges, scale, style) {
    var batches = {}, order = [];
    edges.forEach(function (e) {
      var s = style(e), key = s.join("|");
      if (!batches[key]) { batches[key] = { style: s, edges: [] }; order.push(key); }
      batches[key].edges.push(e);
    });
    order.forEach(function (key) {
      var b = batches[key];
      drawBatch(ctx, b.edges, scale, b.style[0], b.style[1], b.style[2], b.style[3]);
    });
  }
  // The selection's neighbourhood, computed once per change of the selection or of the edges.
  function selection() {
    var s = state.selected;
    if (!s || s.view !== "flow") { return null; }
    var key = s.kind + " " + s.id + " " + state.direction;
    if (FLOW.sel && FLOW.selKey === key && FLOW.selEdges === FLOW.edges) { return FLOW.sel; }
    var sel;
    if (s.kind === "edge") { sel = { edges: {}, nodes: {} }; sel.edges[s.id] = true; }
    else { sel = neighbours("flow", s.id); }
    FLOW.sel = sel; FLOW.selKey = key; FLOW.selEdges = FLOW.edges;
    return sel;
  }
  function bucket(width) { return Math.round(width * 2) / 2; }
  function drawCorridors(ctx) {
    var scale = views.flow.network.getScale();
    var sel = selection();
    ctx.save();
    if (sel) {
      drawStyled(ctx, FLOW.edges.filter(function (e) { return !sel.edges[e.id]; }), scale, function (e) {
        return ["#a7afba", Math.min(bucket(e.width), 3), 0.35, e.dashed];
      });
    }
    drawStyled(ctx, sel ? FLOW.edges.filter(function (e) { return sel.edges[e.id]; }) : FLOW.edges, scale, function (e) {
      return [e.color, bucket(e.width), sel ? 0.95 : (e.news ? 0.95 : 0.55), e.dashed];
    });
    ctx.restore();
  }
  // Above the states: their labels, then the selected corridor (and its two ends' labels again).
  function drawOnTop(ctx) {
    var view = views.flow, scale = view.network.getScale();
    var s = state.selected;
    drawLabels(ctx, scale);
    if (s && s.view === "flow" && s.kind === "edge" && FLOW.byId[s.id]) {
      var e = FLOW.byId[s.id];
      ctx.save();
      drawEdge(ctx, e, scale, "#ffffff", Math.max(e.width, 4) + 6, 0.9);
      drawEdge(ctx, e, scale, e.color, Math.max(e.width, 4) + 1, 1);
      ctx.restore();
      drawLabels(ctx, scale, [e.from, e.to]);
    }
  }
  var WIDTHS = {};
  function textWidth(ctx, text, strong) {  // in pixels at 12 px (13 px bold), measured once
    var key = (strong ? "b" : "") + text;
    if (WIDTHS[key] === undefined) {
      var font = ctx.font;
      ctx.font = (strong ? "600 13px" : "12px") + " system-ui, sans-serif";
      WIDTHS[key] = ctx.measureText(text).width;
      ctx.font = font;
    }
    return WIDTHS[key];
  }
  function drawLabels(ctx, scale, only) {
    var sel = selection();
    var weight = {};
    FLOW.edges.forEach(function (e) {
      var w = (e.news ? 1e9 : 0) + (e.largest || 1);
      weight[e.from] = Math.max(weight[e.from] || 0, w);
      weight[e.to] = Math.max(weight[e.to] || 0, w);
    });
    var ids = (only || Object.keys(FLOW.shown || {})).sort(function (a, b) {
      var sa = sel && sel.nodes[a] ? 1 : 0, sb = sel && sel.nodes[b] ? 1 : 0;
      return sb - sa || (weight[b] || 0) - (weight[a] || 0) || (a < b ? -1 : 1);
    });
    var boxes = [];
    var size = 12 / scale, pad = 2 / scale;
    ctx.save();
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    ids.forEach(function (id) {
      var s = STATES[id];
      var strong = sel && sel.nodes[id];
      var dim = sel && !strong;
      var text = label(s);
      ctx.font = (strong ? "600 " : "") + (strong ? 13 / scale : size) + "px system-ui, sans-serif";
      var w = textWidth(ctx, text, strong) / scale, h = size * 1.2;
      var x = s.x + (nodeRadius(id) + 3) / scale, y = s.y;
      var box = [x - pad, y - h / 2 - pad, x + w + pad, y + h / 2 + pad];
      if (boxes.some(function (b) { return box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1]; })) { return; }
      boxes.push(box);
      ctx.lineWidth = 3 / scale;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.strokeText(text, x, y);
      ctx.fillStyle = dim ? "#9aa3ad" : "#1d2733";
      ctx.fillText(text, x, y);
    });
    ctx.restore();
    if (!only) { FLOW.labelled = boxes.length; }
  }
  function pointOnCurve(g, t) {
    var u = 1 - t;
    return { x: u * u * g.a.x + 2 * u * t * g.c.x + t * t * g.b.x, y: u * u * g.a.y + 2 * u * t * g.c.y + t * t * g.b.y };
  }
  FLOW.label = function (id) { return label(STATES[id]); };
  FLOW.midpoint = function (e) { var g = geometry(e); return g.loop ? { x: g.a.x, y: g.a.y } : pointOnCurve(g, 0.5); };
  function edgeAt(point) {  // the corridor under a point of the canvas (network coordinates)
    var scale = views.flow.network.getScale(), best = null, bestD = Infinity;
    FLOW.edges.forEach(function (e) {
      var g = geometry(e);
      if (!g || g.loop) { return; }
      var tol = (Math.max(e.width, 2) / 2 + 4) / scale;
      for (var i = 1; i < 24; i++) {
        var p = pointOnCurve(g, i / 24);
        var d = Math.hypot(p.x - point.x, p.y - point.y);
        if (d < tol && d < bestD) { bestD = d; best = e; }
      }
    });
    return best;
  }

  // ---------------------------------------------------------------- the flow view
  function makeFlowView() {
    var container = document.getElementById("view-flow");
    buildBasemap();
    var nodes = new VIS.DataSet(DATA.flow.states.map(function (s) {
      return { id: s.id, x: s.x, y: s.y, hidden: true, fixed: true, physics: false };
    }));
    var edges = new VIS.DataSet([]);
    var network = new VIS.Network(container, { nodes: nodes, edges: edges }, {
      physics: { enabled: false }, layout: { improvedLayout: false },
      interaction: { hover: false, dragNodes: false, multiselect: false, tooltipDelay: 3600000 },
      nodes: { shape: "dot", font: { size: 0 }, color: { border: "#ffffff" } }
    });
    var view = { name: "flow", nodes: nodes, edges: edges, network: network, container: container };
    views.flow = view;
    network.on("beforeDrawing", function (ctx) {
      var scale = network.getScale();
      drawBasemap(ctx, scale);
      drawCorridors(ctx);
      drawStates(ctx, scale);
    });
    network.on("afterDrawing", drawOnTop);
    network.once("afterDrawing", function () {
      renderedAt.flow = performance.now();
      document.body.setAttribute("data-rendered-flow", "1");
    });
    document.body.setAttribute("data-stable-flow", "1");
    network.on("click", function (params) {
      var id = stateAt(params.pointer.canvas);
      if (id) { select("flow", id); return; }
      var e = edgeAt(params.pointer.canvas);
      if (e) { selectEdge("flow", e.id); } else { unselect(); }
    });
    var pending = false;
    container.addEventListener("mousemove", function (event) {
      if (pending) { return; }
      pending = true;
      requestAnimationFrame(function () {
        pending = false;
        var box = container.getBoundingClientRect();
        var dom = { x: event.clientX - box.left, y: event.clientY - box.top };
        var at = network.DOMtoCanvas(dom), id = stateAt(at);
        if (id) { tip(label(STATES[id]) + " (" + (STATES[id].code || "?") + ")", dom); return; }
        var e = edgeAt(at);
        if (e) { tip(edgeTitle(e), dom); } else { hideTip(); }
      });
    });
    container.addEventListener("mouseleave", hideTip);
    refresh("flow");
    return view;
  }
  function edgeTitle(e) {
    return label(STATES[e.from]) + " \u2192 " + label(STATES[e.to]) + " \u00b7 " + plural(e.claims.length, "claim") +
      (e.largest !== null ? " \u00b7 at least " + num(e.largest) : "");
  }
  function refreshFlow() {
    var edges = flowEdges();
    FLOW.edges = edges;
    FLOW.byId = {};
    var shown = {}, degree = {};
    edges.forEach(function (e) {
      FLOW.byId[e.id] = e;
      shown[e.from] = true; shown[e.to] = true;
      degree[e.from] = (degree[e.from] || 0) + e.claims.length;
      degree[e.to] = (degree[e.to] || 0) + e.claims.length;
    });
    FLOW.shown = shown;
    DATA.flow.states.forEach(function (s) { s.radius = Math.min(9, 3.5 + 0.9 * Math.sqrt(degree[s.id] || 0)); });
    restyleStates();
  }
  // The states are drawn with the corridors (no vis-network node changes: updating 200 nodes
  // there costs about 100 ms, a redraw 20 ms); vis-network's nodes stay hidden, for positions.
  function restyleStates() {
    if (views.flow) { views.flow.network.redraw(); }
  }
  function drawStates(ctx, scale) {
    var sel = selection(), s = state.selected;
    ctx.save();
    Object.keys(FLOW.shown || {}).forEach(function (id) {
      var st = STATES[id], r = st.radius / scale;
      var chosen = s && s.view === "flow" && s.kind === "node" && s.id === id;
      ctx.globalAlpha = 1;
      ctx.fillStyle = sel && !sel.nodes[id] ? DIM : (st.unplaced ? "#8a8f96" : (REGION[id] ? "#1f3b57" : "#3b5b7d"));
      ctx.strokeStyle = chosen ? "#f2a900" : "#ffffff";
      ctx.lineWidth = (chosen ? 3 : 1) / scale;
      ctx.beginPath();
      if (st.unplaced) { ctx.rect(st.x - r, st.y - r, 2 * r, 2 * r); } else { ctx.arc(st.x, st.y, r, 0, 2 * Math.PI); }
      ctx.fill();
      ctx.stroke();
    });
    ctx.restore();
  }
  function stateAt(point) {  // the state under a point of the canvas (network coordinates)
    var scale = views.flow.network.getScale(), best = null, bestD = Infinity;
    Object.keys(FLOW.shown || {}).forEach(function (id) {
      var st = STATES[id], d = Math.hypot(st.x - point.x, st.y - point.y);
      if (d <= (st.radius + 3) / scale && d < bestD) { best = id; bestD = d; }
    });
    return best;
  }
  function fitFlow() {
    var view = views.flow;
    if (!view) { return; }
    var ids = Object.keys(FLOW.shown || {});
    var s = state.selected;
    if (s && s.view === "flow") {
      var near = s.kind === "edge" && FLOW.byId[s.id] ? [FLOW.byId[s.id].from, FLOW.byId[s.id].to]
        : Object.keys(neighbours("flow", s.id).nodes);
      if (near.length) { ids = near; }
    }
    var pts = ids.map(function (id) { return STATES[id]; }).filter(Boolean);
    if (!pts.length) { pts = Object.keys(REGION).map(function (id) { return STATES[id]; }); }
    if (!pts.length) { view.network.fit({ animation: false }); return; }
    var xs = pts.map(function (p) { return p.x; }), ys = pts.map(function (p) { return p.y; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
    var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var w = Math.max(x1 - x0, 16 * SCALE), h = Math.max(y1 - y0, 10 * SCALE);
    var box = view.container.getBoundingClientRect();
    var scale = Math.min((box.width || 800) / (w * 1.15 + 160), (box.height || 600) / (h * 1.15 + 60), 3);
    view.network.moveTo({ position: { x: (x0 + x1) / 2 + 0.04 * w, y: (y0 + y1) / 2 }, scale: scale, animation: false });
  }

  // ---------------------------------------------------------------- the entity view
  function entityNodeVisible(n) {
    if (state.hiddenTypes.entity[n.kind]) { return false; }
    if (n.background && !state.background) { return false; }
    if (state.source && n.sources && n.sources.length && n.sources.indexOf(state.source) < 0) { return false; }
    return inYears(n.year);
  }
  var ENTITY = {};
  DATA.entity.nodes.forEach(function (n) { ENTITY[n.id] = n; });
  function makeEntityView() {
    var spec = DATA.entity;
    var container = document.getElementById("view-entity");
    var nodes = new VIS.DataSet(spec.nodes.map(function (n) {
      var item = Object.assign({}, n);
      item.label = label(n);
      item.baseColor = n.color;
      delete item.title;
      return item;
    }));
    var edges = new VIS.DataSet([]);
    // vis-network hides labels under 5 px; zoomed out on a hundred entities they all vanish.
    // Below its threshold the labels are drawn here at 11 px, as many as fit, people first.
    var options = Object.assign({}, spec.options, { nodes: { scaling: { label: { drawThreshold: 9 } } } });
    var network = new VIS.Network(container, { nodes: nodes, edges: edges }, options);
    var view = { name: "entity", nodes: nodes, edges: edges, network: network, container: container };
    network.on("afterDrawing", function (ctx) { entityLabels(view, ctx); });
    views.entity = view;
    network.once("afterDrawing", function () {
      renderedAt.entity = performance.now();
      document.body.setAttribute("data-rendered-entity", "1");
    });
    if (spec.options.physics && spec.options.physics.enabled) {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });
        network.fit({ animation: false });
        document.body.setAttribute("data-stable-entity", "1");
      });
    } else {
      document.body.setAttribute("data-stable-entity", "1");
    }
    network.on("click", function (params) {
      if (params.nodes.length) { select("entity", params.nodes[0]); }
      else if (params.edges.length) { selectEdge("entity", params.edges[0]); }
      else { unselect(); }
    });
    network.on("hoverNode", function (params) {
      var n = nodes.get(params.node);
      tip(label(n) + (n.code ? " (" + n.code + ")" : ""), params.pointer.DOM);
    });
    network.on("hoverEdge", function (params) {
      var e = edges.get(params.edge);
      if (e) { tip(label(ENTITY[e.from]) + " \u00b7 " + e.relation + " \u00b7 " + label(ENTITY[e.to]), params.pointer.DOM); }
    });
    network.on("blurNode", hideTip);
    network.on("blurEdge", hideTip);
    refresh("entity");
    network.fit({ animation: false });
    return view;
  }
  var RANK = { person: 0, agreement: 1, meeting: 2, "press-conference": 2, country: 3, office: 4, organisation: 5, source: 6, summit: 7 };
  function entityLabels(view, ctx) {
    var scale = view.network.getScale();
    if (14 * scale >= 9) { return; }  // vis-network draws them itself
    var box = view.container.getBoundingClientRect();
    var a = view.network.DOMtoCanvas({ x: 0, y: 0 }), b = view.network.DOMtoCanvas({ x: box.width, y: box.height });
    var positions = view.network.getPositions();
    var sel = state.selected && state.selected.view === "entity" && state.selected.kind === "node"
      ? neighbours("entity", state.selected.id).nodes : null;
    var ids = [];
    view.nodes.forEach(function (n) {
      var p = positions[n.id];
      if (!n.hidden && p && p.x >= a.x && p.x <= b.x && p.y >= a.y && p.y <= b.y) { ids.push(n.id); }
    });
    ids.sort(function (x, y) {
      var sx = sel && sel[x] ? 0 : 1, sy = sel && sel[y] ? 0 : 1;
      return sx - sy || (RANK[ENTITY[x].kind] || 9) - (RANK[ENTITY[y].kind] || 9) || (x < y ? -1 : 1);
    });
    var size = 11 / scale, boxes = [];
    ctx.save();
    ctx.font = size + "px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ids.slice(0, 400).forEach(function (id) {
      if (boxes.length >= 120) { return; }
      var text = label(ENTITY[id]);
      if (text.length > 42) { text = text.slice(0, 40) + "\u2026"; }
      var w = textWidth(ctx, text, false) * (11 / 12) / scale, p = positions[id];
      var y = p.y + 9 / scale;
      var r = [p.x - w / 2, y, p.x + w / 2, y + size * 1.2];
      if (boxes.some(function (q) { return r[0] < q[2] && r[2] > q[0] && r[1] < q[3] && r[3] > q[1]; })) { return; }
      boxes.push(r);
      ctx.lineWidth = 3 / scale;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.strokeText(text, p.x, y);
      ctx.fillStyle = sel && !sel[id] ? "#b0b6bd" : "#1d2733";
      ctx.fillText(text, p.x, y);
    });
    ctx.restore();
  }
  // Apply only what changed: at thousands of nodes and edges a full reset of the
  // DataSets takes seconds, a diff takes milliseconds.
  function sameEdge(a, b) {
    return a.from === b.from && a.to === b.to && JSON.stringify(a.color) === JSON.stringify(b.color) && a.label === b.label;
  }
  function applyEntity(view, nodeItems, edgeItems) {
    if (view.edges.length > BIG || edgeItems.length > BIG) {
      var byId = {};
      view.nodes.forEach(function (n) { byId[n.id] = n; });
      view.nodes = new VIS.DataSet(nodeItems.map(function (n) { return Object.assign({}, byId[n.id], n); }));
      view.edges = new VIS.DataSet(edgeItems);
      var at = view.network.getViewPosition(), scale = view.network.getScale();
      view.network.setData({ nodes: view.nodes, edges: view.edges });
      view.network.moveTo({ position: at, scale: scale, animation: false });
      return;
    }
    var changed = nodeItems.filter(function (n) {
      var old = view.nodes.get(n.id);
      return !old || old.hidden !== n.hidden || old.label !== n.label;
    });
    if (changed.length) { view.nodes.update(changed); }
    var wanted = {}, gone = [], fresh = [];
    edgeItems.forEach(function (e) { wanted[e.id] = e; });
    view.edges.forEach(function (e) { if (!wanted[e.id]) { gone.push(e.id); } });
    edgeItems.forEach(function (e) { var old = view.edges.get(e.id); if (!old || !sameEdge(old, e)) { fresh.push(e); } });
    if (gone.length) { view.edges.remove(gone); }
    if (fresh.length) { view.edges.update(fresh); }
  }
  function entityEdges() {
    var shown = {};
    DATA.entity.nodes.forEach(function (n) { if (entityNodeVisible(n)) { shown[n.id] = true; } });
    return { shown: shown, edges: DATA.entity.edges.filter(function (e) { return shown[e.from] && shown[e.to]; }) };
  }
  function refreshEntity() {
    var view = views.entity;
    if (!view) { return; }
    var visible = entityEdges();
    applyEntity(view, DATA.entity.nodes.map(function (n) {
      return { id: n.id, hidden: !visible.shown[n.id], label: label(n) };
    }), visible.edges.map(function (e) {
      return { id: e.id, from: e.from, to: e.to, label: e.relation, relation: e.relation, since: e.since,
               until: e.until, color: { color: "#8a8a8a" }, baseColor: { color: "#8a8a8a" } };
    }));
  }

  // ---------------------------------------------------------------- the timeline
  var GROUPS = [
    ["meetings", "Summits & meetings"], ["agreements", "Agreements & ratifications"],
    ["statements", "Statements"], ["figures", "Figures (as of / period)"], ["terms", "Terms of office"]
  ];
  function toDate(text, end) {
    var p = String(text).slice(0, 10).split("-").map(Number);
    if (!end) { return new Date(Date.UTC(p[0], (p[1] || 1) - 1, p[2] || 1)); }
    if (p.length === 1) { return new Date(Date.UTC(p[0] + 1, 0, 1)); }
    if (p.length === 2) { return new Date(Date.UTC(p[0], p[1], 1)); }
    return new Date(Date.UTC(p[0], p[1] - 1, p[2] + 1));
  }
  function timelineShown(item) {
    if (state.hiddenTypes.timeline[item.group]) { return false; }
    if (item.background && !state.background) { return false; }
    if (state.source && item.sources && item.sources.length && item.sources.indexOf(state.source) < 0) { return false; }
    var first = parseInt(String(item.start).slice(0, 4), 10);
    var last = item.end ? parseInt(String(item.end).slice(0, 4), 10) : (item.end === "" ? new Date().getFullYear() : first);
    if (state.yearFrom !== null && last < state.yearFrom) { return false; }
    if (state.yearTo !== null && first > state.yearTo) { return false; }
    return true;
  }
  var TIMELINE = { items: [] };
  function timelineItems() {
    return DATA.timeline.filter(timelineShown).map(function (item) {
      var text = label(item) || item.id;
      var content = el("span", { text: text });
      var out = { id: item.id, group: item.group, start: toDate(item.start), content: content,
                  className: "tl-" + item.group, type: "point" };
      if (item.end !== undefined) {
        out.type = "range";
        out.end = item.end ? toDate(item.end, true) : new Date();
      }
      return out;
    });
  }
  function makeTimelineView() {
    var container = el("div", { id: "timeline-box" });  // vis-timeline makes its container position: relative
    document.getElementById("view-timeline").appendChild(container);
    TIMELINE.items = timelineItems();
    var story = storyWindow();
    var view = { name: "timeline", container: container };
    // vis-timeline fits every item on its first drawing (and, given a start and an end, stays
    // hidden until the range changes): the news' years are set once that drawing is done.
    var timeline = new VIS.Timeline(container, TIMELINE.items,
      GROUPS.map(function (g) { return { id: g[0], content: g[1] }; }), {
        stack: true, zoomKey: "ctrlKey", orientation: "top", height: "100%", margin: { item: 6 },
        tooltip: { followMouse: false }, selectable: true,
        onInitialDrawComplete: function () {
          view.timeline.setWindow(story[0], story[1], { animation: false });
          renderedAt.timeline = performance.now();
          document.body.setAttribute("data-rendered-timeline", "1");
        }
      });
    view.timeline = timeline;
    views.timeline = view;
    timeline.on("select", function (props) { if (props.items.length) { openItem(props.items[0]); } });
    return view;
  }
  // The timeline opens on the years of the news' own items (and the decade before them).
  function storyWindow() {
    var years = DATA.timeline.filter(function (i) { return i.sources && i.sources.length && timelineShown(i); })
      .map(function (i) { return parseInt(String(i.start).slice(0, 4), 10); });
    if (!years.length) { years = DATA.timeline.map(function (i) { return parseInt(String(i.start).slice(0, 4), 10); }); }
    if (!years.length) { years = [new Date().getFullYear()]; }
    return [new Date(Date.UTC(Math.min.apply(null, years) - 9, 0, 1)),
            new Date(Date.UTC(Math.max.apply(null, years) + 3, 0, 1))];
  }
  function refreshTimeline() {
    var view = views.timeline;
    if (!view) { return; }
    TIMELINE.items = timelineItems();
    view.timeline.setItems(TIMELINE.items);
    if (TIMELINE.items.length) { view.timeline.fit({ animation: false }); }
  }
  var ITEM = {};
  DATA.timeline.forEach(function (item) { ITEM[item.id] = item; });
  function openItem(id) {
    var item = ITEM[id];
    if (!item) { return; }
    state.selected = { view: "timeline", kind: "item", id: id };
    renderSelection(true);
  }

  // ---------------------------------------------------------------- refresh
  function refresh(name) {
    if (name === "flow") { refreshFlow(); }
    else if (name === "entity") { refreshEntity(); if (state.selected && state.selected.view === "entity") { highlight("entity", state.selected.id); } }
    else if (name === "timeline") { refreshTimeline(); }
  }
  function refreshAll(fit) {
    refresh("flow"); refresh("entity"); refresh("timeline");
    if (fit !== false && state.view === "flow") { fitFlow(); }
    if (fit !== false && state.view === "entity" && views.entity) { views.entity.network.fit({ animation: false }); }
    buildLegend();
    showCounts();
    renderSelection(false);
  }

  function counts(name) {
    if (name === "flow") {
      return {
        nodes: Object.keys(FLOW.shown || {}).filter(function (id) { return id !== "unknown"; }).length,
        edges: FLOW.edges.length,
        claims: FLOW.claims
      };
    }
    if (name === "timeline") { return { nodes: null, edges: null, claims: null, items: TIMELINE.items.length }; }
    var view = views[name];
    if (!view) { return null; }
    return { nodes: view.nodes.get({ filter: function (n) { return !n.hidden; } }).length, edges: view.edges.length, claims: null };
  }
  function showCounts() {
    var box = document.getElementById("counts");
    var c = counts(state.view);
    if (!c) { box.textContent = ""; return; }
    if (state.view === "flow") {
      box.textContent = plural(c.nodes, "state") + " \u00b7 " + plural(c.edges, state.aggregate ? "corridor" : "edge") +
        " \u00b7 " + plural(c.claims, "claim") + (state.official ? "" : " \u00b7 the news' corridors");
    } else if (state.view === "timeline") {
      box.textContent = plural(c.items, "item");
    } else {
      box.textContent = plural(c.nodes, "entity", "entities") + " \u00b7 " + plural(c.edges, "link");
    }
  }

  // ---------------------------------------------------------------- neighbourhood
  function neighbours(name, id) {
    var out = {}, through = {};
    var edges = name === "flow" ? FLOW.edges : views[name].edges.get();
    edges.forEach(function (e) {
      var outgoing = e.from === id && state.direction !== "in";
      var incoming = e.to === id && state.direction !== "out";
      if (outgoing) { out[e.to] = true; through[e.id] = true; }
      if (incoming) { out[e.from] = true; through[e.id] = true; }
    });
    out[id] = true;
    return { nodes: out, edges: through };
  }
  function highlight(name, id) {
    var near = neighbours(name, id);
    document.body.setAttribute("data-highlight", Object.keys(near.nodes).sort().join(" "));
    if (name === "flow") { restyleStates(); return; }
    var view = views[name];
    if (view.edges.length > BIG) {
      view.network.setSelection({ nodes: Object.keys(near.nodes), edges: Object.keys(near.edges) },
                                { unselectAll: true, highlightEdges: false });
      return;
    }
    view.nodes.update(view.nodes.get().map(function (n) {
      return { id: n.id, color: near.nodes[n.id] ? n.baseColor : DIM, font: { color: near.nodes[n.id] ? "#222" : "#c8c8c8" } };
    }));
    view.edges.update(view.edges.get().map(function (e) {
      return { id: e.id, color: near.edges[e.id] ? e.baseColor : { color: DIM, opacity: 0.6 } };
    }));
  }
  function unhighlight(name) {
    document.body.removeAttribute("data-highlight");
    if (name === "flow") { restyleStates(); return; }
    var view = views[name];
    if (!view) { return; }
    if (view.edges.length > BIG) { view.network.unselectAll(); return; }
    view.nodes.update(view.nodes.get().map(function (n) { return { id: n.id, color: n.baseColor, font: { color: "#222" } }; }));
    view.edges.update(view.edges.get().map(function (e) { return { id: e.id, color: e.baseColor }; }));
  }

  // ---------------------------------------------------------------- the side panel
  var panel = document.getElementById("panel");
  function evidenceBlock(factId) {
    var items = DATA.evidence[factId] || [];
    var box = el("div", { "class": "evidence-list" });
    var c = CLAIM[factId];
    if (!items.length && c && c.official) {
      box.appendChild(rowBlock(c));
      return box;
    }
    if (!items.length) { box.appendChild(el("p", { "class": "hint", text: "Background fact: see its reference source." })); }
    items.forEach(function (ev) {
      var meta = el("span", { "class": "meta" },
        (DATA.sources[ev.source] || ev.source) + " \u00b7 " + ev.source + " \u00b7 characters " + ev.start + "\u2013" + ev.end + " \u00b7 ",
        el("span", { "class": "badge" + (ev.method === "curated" ? "" : " machine"), text: ev.method }),
        " by " + ev.by);
      box.appendChild(el("blockquote", { "class": "evidence" }, el("span", { "class": "sentence", text: ev.sentence }), meta));
    });
    return box;
  }
  function rowBlock(c) {
    var dl = facts(el("dl", { "class": "row" }), [
      ["spreadsheet row", num(c.row)], ["indicator", c.row_indicator], ["dimension", c.row_dimension],
      ["category", c.row_category], ["value as stated", c.stated_as], ["year", c.period]
    ]);
    return el("div", { "class": "source-row" }, el("span", { "class": "meta", text: (DATA.sources[c.document] || "") + " \u00b7 " + c.document + " \u00b7 " }),
      el("span", { "class": "badge imported", text: "imported" }), dl);
  }
  function facts(dl, pairs) {
    pairs.forEach(function (pair) {
      if (pair[1] === null || pair[1] === undefined || pair[1] === "") { return; }
      dl.appendChild(el("dt", { text: pair[0] }));
      dl.appendChild(el("dd", { text: String(pair[1]) }));
    });
    return dl;
  }
  function linkTo(name, id, text) {
    return el("button", { "class": "linklike", text: text, onclick: function () { focus(name, id); } });
  }
  function sortSwitch(rerender) {
    var box = el("span", { "class": "sort" }, "sort: ");
    [["size", "by size"], ["name", "by name"]].forEach(function (opt) {
      var b = el("button", { "class": "linklike" + (state.sort === opt[0] ? " on" : ""), "data-sort": opt[0], text: opt[1],
        onclick: function () { state.sort = opt[0]; rerender(); } });
      box.appendChild(b);
      box.appendChild(document.createTextNode(" "));
    });
    return box;
  }
  function sortEdges(edges, nameOf) {
    return edges.slice().sort(function (a, b) {
      if (state.sort === "name") { return nameOf(a).localeCompare(nameOf(b)); }
      return (b.largest === null ? -1 : b.largest) - (a.largest === null ? -1 : a.largest) || b.claims.length - a.claims.length ||
        nameOf(a).localeCompare(nameOf(b));
    });
  }
  function corridorList(edges, nameOf, rerender) {
    var box = el("div", { "class": "corridors" });
    box.appendChild(sortSwitch(rerender));
    var list = el("ol", { "class": "links" });
    sortEdges(edges, nameOf).slice(0, 300).forEach(function (e) {
      list.appendChild(el("li", null, el("button", { "class": "linklike corridor", "data-edge": e.id, text: nameOf(e),
        onclick: function () { selectEdge("flow", e.id); } }),
        " \u00b7 " + plural(e.claims.length, "claim") + (e.largest !== null ? " \u00b7 at least " + num(e.largest) : "")));
    });
    box.appendChild(list);
    if (edges.length > 300) { box.appendChild(el("p", { "class": "hint", text: "and " + num(edges.length - 300) + " more" })); }
    return box;
  }
  function overview() {
    clear(panel);
    if (state.view === "flow") {
      panel.appendChild(el("h2", { text: state.official ? "Corridors in UNODC's figures and the news" : "The news' corridors and their region" }));
      panel.appendChild(el("p", { "class": "hint", text: state.official
        ? "Every corridor UNODC's figures give, with the news' claims. Figures from different claims are never added up."
        : "The corridors the news sources report (bold), with UNODC's figures for them and for the corridors between the same states (paler). Tick \u201cofficial statistics\u201d for every corridor UNODC gives." }));
      var international = FLOW.edges.filter(function (e) { return e.from !== e.to && e.from !== "unknown"; });
      panel.appendChild(el("h3", { text: plural(international.length, "corridor") + " between states on the map" }));
      panel.appendChild(corridorList(international, function (e) { return label(STATES[e.from]) + " \u2192 " + label(STATES[e.to]); }, overview));
    } else if (state.view === "timeline") {
      panel.appendChild(el("p", { "class": "hint", text: "Click an item of the timeline to see what it rests on." }));
    } else {
      panel.appendChild(el("p", { "class": "hint", text: "Click a person, an event or an agreement to see its properties and the sentences it rests on." }));
    }
  }
  function exportBar(what, claimIds) {
    var bar = el("div", { "class": "export" });
    bar.appendChild(el("button", { id: "export-csv", text: "Download claims (CSV)", onclick: function () {
      download("tppo-kg-" + what.replace(/[^A-Za-z0-9]+/g, "-") + ".csv", "text/csv;charset=utf-8", claimsCsv(claimIds));
    } }));
    bar.appendChild(el("button", { id: "show-citation", text: "Citation", onclick: function () {
      var old = panel.querySelector("#citation");
      if (old) { old.remove(); return; }
      var area = el("textarea", { id: "citation", rows: "8", readonly: "readonly" });
      area.value = citation(what, claimIds);
      bar.after(area);
      area.select();
    } }));
    return bar;
  }
  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    return /[",\n\r]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
  }
  function claimsCsv(ids) {
    var head = ["claim", "origin", "destination", "figure", "minimum", "maximum", "measure", "form", "period", "as_of",
                "source", "publisher", "sentence", "spreadsheet_row", "indicator", "dimension", "category", "stated_as"];
    var lines = [head.join(",")];
    ids.forEach(function (id) {
      var c = CLAIM[id];
      var ev = DATA.evidence[id] || [];
      var sentences = ev.map(function (x) { return x.sentence; }).join(" / ");
      lines.push([c.id, STATES[c.from] ? STATES[c.from].label_en : c.from, STATES[c.to].label_en, figure(c), c.minimum, c.maximum,
        c.measure, c.form, c.period, c.as_of, c.document, DATA.sources[c.document], sentences, c.row, c.row_indicator,
        c.row_dimension, c.row_category, c.stated_as].map(csvCell).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }
  function citation(what, ids) {
    var lines = [what + " (tppo-kg " + DATA.version + ", " + plural(ids.length, "claim") + "; figures from different claims are not added up):"];
    ids.forEach(function (id) {
      var c = CLAIM[id];
      var when = c.as_of ? "by " + c.as_of : (c.period ? "in " + c.period : "undated");
      var who = DATA.sources[c.document] || c.document;
      var line = "- " + figure(c) + (c.measure ? " " + MEASURES[c.measure] : "") + ", " + when + ". ";
      if (c.official) {
        line += who + ", GLOTIP data export, row " + c.row + " (" + [c.row_indicator, c.row_dimension, c.row_category].join(", ") + ": \u201c" + c.stated_as + "\u201d).";
      } else {
        var ev = DATA.evidence[id] || [];
        line += who + (ev.length ? ": \u201c" + ev[0].sentence + "\u201d" : "") + " (" + c.document + ").";
      }
      lines.push(line);
    });
    return lines.join("\n");
  }
  function showNode(name, id) {
    clear(panel);
    if (name === "flow") { return showState(id); }
    var n = ENTITY[id];
    if (!n) { return; }
    panel.appendChild(el("h2", { text: label(n) }));
    panel.appendChild(facts(el("dl"), [
      ["type", n.kind], ["id", n.id], ["English", n.label_en], ["Indonesian", n.label_id], ["ISO code", n.code],
      ["date", n.date], ["sources", (n.sources || []).join(", ")]
    ]));
    var links = el("ul", { "class": "links" });
    entityEdges().edges.forEach(function (e) {
      if (e.from !== id && e.to !== id) { return; }
      var other = e.from === id ? e.to : e.from;
      var what = e.from === id ? e.relation + " \u2192" : "\u2190 " + e.relation;
      var term = e.since ? " (" + e.since + " \u2013 " + (e.until || "") + ")" : "";
      links.appendChild(el("li", null, what + " ", linkTo("entity", other, label(ENTITY[other])), term));
    });
    panel.appendChild(el("h3", { text: "Links" }));
    panel.appendChild(links);
    var others = (DATA.alternatives || {})[id] || [];
    if (others.length) {
      // Where pages disagree: the value the graph holds, and another page's, with the reason.
      var list = el("ul", { "class": "alternatives" });
      others.forEach(function (a) {
        list.appendChild(el("li", null,
          el("strong", { text: a.thing + ", " + a.aspect + ": " }),
          "the graph holds " + a.preferred + "; " + (DATA.sources[a.source] || a.source) + " (" + a.source + ") gives " + a.alternative + ". ",
          el("span", { "class": "meta", text: a.why })));
      });
      panel.appendChild(el("h3", { text: "Where pages disagree (" + plural(others.length, "other value") + ")" }));
      panel.appendChild(list);
    }
    panel.appendChild(el("h3", { text: "Evidence" }));
    panel.appendChild(evidenceBlock(id));
  }
  function showState(id) {
    var s = STATES[id];
    if (!s) { return; }
    panel.appendChild(el("h2", { text: label(s) }));
    panel.appendChild(facts(el("dl"), [["type", s.kind === "unknown" ? "unknown origin (not a state)" : "state"], ["id", s.id],
      ["English", s.label_en], ["Indonesian", s.label_id], ["ISO code", s.code]]));
    var mine = FLOW.edges.filter(function (e) { return e.from === id || e.to === id; });
    var ids = [];
    mine.forEach(function (e) { ids = ids.concat(e.claims); });
    panel.appendChild(exportBar(label(s), ids));
    panel.appendChild(el("h3", { text: "Corridors (" + plural(mine.length, "corridor") + ", " + plural(ids.length, "claim") + ")" }));
    panel.appendChild(corridorList(mine, function (e) {
      return e.from === id ? "victims to " + label(STATES[e.to]) : "victims from " + label(STATES[e.from]);
    }, function () { clear(panel); showState(id); }));
  }
  function claimBox(c) {
    var box = el("div", { "class": "claim" + (c.official ? " official" : "") });
    box.appendChild(el("h3", { text: label(c) || c.id }));
    box.appendChild(facts(el("dl"), [
      ["victims", formatCount(c)], ["measure", c.measure ? MEASURES[c.measure] : null], ["form", formName(c.form)],
      ["period", c.period], ["as of", c.as_of], ["source", (DATA.sources[c.document] || "") + " " + c.document], ["claim", c.id]
    ]));
    box.appendChild(evidenceBlock(c.id));
    return box;
  }
  function showEdge(name, edgeId) {
    clear(panel);
    if (name === "entity") {
      var e = views.entity.edges.get(edgeId);
      if (!e) { return; }
      panel.appendChild(el("h2", null, label(ENTITY[e.from]) + " \u2014 " + e.relation + " \u2192 " + label(ENTITY[e.to])));
      panel.appendChild(facts(el("dl"), [["from", e.from], ["relation", e.relation], ["to", e.to], ["since", e.since], ["until", e.until]]));
      panel.appendChild(el("h3", { text: "Evidence" }));
      panel.appendChild(evidenceBlock(e.from));
      return;
    }
    var f = FLOW.byId[edgeId];
    if (!f) { return; }
    var title = label(STATES[f.from]) + " \u2192 " + label(STATES[f.to]);
    panel.appendChild(el("h2", { text: title }));
    panel.appendChild(el("p", { text: plural(f.claims.length, "claim") + "; figures from different claims are not added up." }));
    panel.appendChild(exportBar(title, f.claims));
    var news = f.claims.map(function (id) { return CLAIM[id]; }).filter(function (c) { return !c.official; });
    var official = f.claims.map(function (id) { return CLAIM[id]; }).filter(function (c) { return c.official; });
    if (news.length) { panel.appendChild(el("h3", { "class": "group", text: "What the news reports" })); }
    news.forEach(function (c) { panel.appendChild(claimBox(c)); });
    if (official.length) {
      panel.appendChild(el("h3", { "class": "group", text: "UNODC's figures for this corridor (" + plural(official.length, "row") + ")" }));
      official.sort(function (a, b) { return (a.year || 0) - (b.year || 0) || String(a.measure).localeCompare(String(b.measure)); });
      official.forEach(function (c) { panel.appendChild(claimBox(c)); });
    }
  }
  function showItem(id) {
    clear(panel);
    var item = ITEM[id];
    if (!item) { return; }
    panel.appendChild(el("h2", { text: label(item) }));
    panel.appendChild(facts(el("dl"), [["kind", (GROUPS.filter(function (g) { return g[0] === item.group; })[0] || [])[1]],
      ["date", item.start + (item.end !== undefined ? " \u2013 " + (item.end || "in office") : "")], ["id", item.ref],
      ["sources", (item.sources || []).join(", ")]]));
    if (item.view === "flow" && item.claim) {
      panel.appendChild(exportBar(label(item), [item.claim]));
      panel.appendChild(claimBox(CLAIM[item.claim]));
      return;
    }
    if (item.view === "entity" && ENTITY[item.ref]) {
      panel.appendChild(el("p", null, linkTo("entity", item.ref, "Show " + label(ENTITY[item.ref]) + " in the network")));
    }
    panel.appendChild(el("h3", { text: "Evidence" }));
    panel.appendChild(evidenceBlock(item.ref));
  }
  // The panel follows what is done: a new selection starts at its top, a change of view or
  // filter renders it again (or the overview when the selection is no longer shown).
  function renderSelection(fresh) {
    var s = state.selected, top = panel.scrollTop;
    if (s && s.view === "flow" && state.view === "flow") {
      if (s.kind === "edge" && FLOW.byId[s.id]) { showEdge("flow", s.id); }
      else if (s.kind === "node" && FLOW.shown[s.id]) { showNode("flow", s.id); }
      else { state.selected = null; overview(); }
    } else if (s && s.view === "entity" && (state.view === "entity" || state.view === "timeline")) {
      if (s.kind === "edge") { showEdge("entity", s.id); } else { showNode("entity", s.id); }
    } else if (s && s.view === "timeline" && (state.view === "timeline")) {
      showItem(s.id);
    } else {
      overview();
    }
    panel.scrollTop = fresh ? 0 : top;
    document.body.setAttribute("data-panel", String((Number(document.body.getAttribute("data-panel")) || 0) + 1));
  }

  // ---------------------------------------------------------------- selection
  function select(name, id) {
    state.selected = { view: name, kind: "node", id: id };
    highlight(name, id);
    renderSelection(true);
  }
  function selectEdge(name, id) {
    if (state.selected && state.selected.view === "entity") { unhighlight("entity"); }
    state.selected = { view: name, kind: "edge", id: id };
    document.body.setAttribute("data-selected-edge", id);
    if (name === "flow") { restyleStates(); }
    renderSelection(true);
  }
  function unselect() {
    var s = state.selected;
    state.selected = null;
    document.body.removeAttribute("data-selected-edge");
    if (s && (s.view === "flow" || s.view === "entity")) { unhighlight(s.view); }
    renderSelection(true);
  }
  function focus(name, id) {
    if (state.view !== name) { switchView(name); }
    if (name === "flow") {
      if (!FLOW.shown[id]) { resetFilters(); }
      if (!FLOW.shown[id]) { state.official = true; document.getElementById("official").checked = true; refreshAll(false); }
      if (!FLOW.shown[id]) { return; }
      select("flow", id);
      fitFlow();
      return;
    }
    var view = views[name];
    var node = view.nodes.get(id);
    if (!node) { return; }
    if (node.hidden) { resetFilters(); }
    var wanted = ENTITY[id] || ITEM[id];
    if (wanted && wanted.background && !state.background) {
      state.background = true; document.getElementById("background").checked = true; refreshAll(false);
    }
    view.network.selectNodes([id]);
    view.network.focus(id, { scale: 1.2, animation: false });
    select(name, id);
  }

  // ---------------------------------------------------------------- tooltip
  var tipBox = el("div", { id: "tip", role: "tooltip" });
  document.getElementById("stage").appendChild(tipBox);
  function tip(text, at) {
    tipBox.textContent = text;
    tipBox.style.left = (at.x + 12) + "px";
    tipBox.style.top = (at.y + 12) + "px";
    tipBox.style.display = "block";
  }
  function hideTip() { tipBox.style.display = "none"; }

  // ---------------------------------------------------------------- controls
  function typeOptions(name) {
    if (name === "flow") {
      var forms = {};
      CLAIMS.forEach(function (c) { forms[c.form || "unknown"] = true; });
      return Object.keys(forms).sort().map(function (f) { return [f, formName(f)]; });
    }
    if (name === "timeline") { return GROUPS; }
    var kinds = {};
    DATA.entity.nodes.forEach(function (n) { kinds[n.kind] = true; });
    return Object.keys(kinds).sort().map(function (k) { return [k, k]; });
  }
  function buildTypeFilter() {
    var box = document.getElementById("type-filter");
    clear(box);
    box.appendChild(el("legend", { text: state.view === "flow" ? "Forms of exploitation" : (state.view === "timeline" ? "Kinds" : "Types") }));
    typeOptions(state.view).forEach(function (opt) {
      var input = el("input", { type: "checkbox", value: opt[0], "data-type": opt[0] });
      input.checked = !state.hiddenTypes[state.view][opt[0]];
      var view = state.view;
      input.addEventListener("change", function () {
        state.hiddenTypes[view][opt[0]] = !input.checked;
        refreshAll();
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
      var forms = {}, dashed = false, solid = false, news = false, official = false, loops = false;
      FLOW.edges.forEach(function (e) {
        forms[e.form] = true;
        if (e.dashed) { dashed = true; } else { solid = true; }
        if (e.news) { news = true; } else { official = true; }
        if (e.from === e.to) { loops = true; }
      });
      Object.keys(FORMS).forEach(function (form) {
        if (!forms[form]) { return; }
        var sw = el("span", { "class": "swatch", "data-form": form });
        sw.style.background = FORMS[form];
        list.appendChild(el("li", null, sw, form === "mixed" ? "several forms" : formName(form)));
      });
      if (solid) { list.appendChild(el("li", null, el("span", { "class": "line" }), "a figure: width grows with the largest lower bound")); }
      if (dashed) { list.appendChild(el("li", null, el("span", { "class": "line dashed" }), "count unknown")); }
      if (news && official) { list.appendChild(el("li", null, el("span", { "class": "line faint" }), "UNODC's figures only (paler)")); }
      if (loops) { list.appendChild(el("li", { text: "\u25cb a ring: victims detected in their own country" })); }
      if (FLOW.shown && FLOW.shown.unknown) { list.appendChild(el("li", { text: "\u25a0 grey square: unknown origin" })); }
      if (!FLOW.edges.length) { list.appendChild(el("li", { text: "nothing matches the filters" })); }
    } else if (state.view === "timeline") {
      GROUPS.forEach(function (g) {
        if (state.hiddenTypes.timeline[g[0]]) { return; }
        if (!TIMELINE.items.some(function (i) { return i.group === g[0]; })) { return; }
        list.appendChild(el("li", null, el("span", { "class": "swatch tl-" + g[0] }), g[1]));
      });
    } else {
      var kinds = {};
      DATA.entity.nodes.forEach(function (n) { if (entityNodeVisible(n)) { kinds[n.kind] = true; } });
      Object.keys(DATA.entityStyle).forEach(function (kind) {
        if (!kinds[kind]) { return; }
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
    CLAIMS.forEach(function (c) { if (c.year !== null) { years.push(c.year); } });
    DATA.entity.nodes.forEach(function (n) { if (n.year !== null && n.year !== undefined) { years.push(n.year); } });
    return years.length ? [Math.min.apply(null, years), Math.max.apply(null, years)] : [null, null];
  }
  function resetFilters() {
    var bounds = yearBounds();
    state.yearFrom = null; state.yearTo = null; state.undated = true; state.source = "";
    state.hiddenTypes = { flow: {}, entity: {}, timeline: {} };
    state.official = false; state.domestic = false; state.unknown = false; state.measure = "";
    state.background = false; document.getElementById("background").checked = false;
    document.getElementById("year-from").value = bounds[0] === null ? "" : bounds[0];
    document.getElementById("year-to").value = bounds[1] === null ? "" : bounds[1];
    document.getElementById("undated").checked = true;
    document.getElementById("source-filter").value = "";
    ["official", "domestic", "unknown"].forEach(function (id) { document.getElementById(id).checked = false; });
    document.getElementById("measure").value = "";
    buildTypeFilter();
    refreshAll();
  }
  function search(text) {
    var list = document.getElementById("search-results");
    clear(list);
    var q = fold(text).trim();
    if (!q) { return []; }
    var hits = [];
    DATA.flow.states.forEach(function (n) {
      if ([n.label_en, n.label_id, n.code, n.id].map(fold).some(function (h) { return h.indexOf(q) >= 0; })) { hits.push(["flow", n]); }
    });
    DATA.entity.nodes.forEach(function (n) {
      if ([n.label_en, n.label_id, n.code, n.id].map(fold).some(function (h) { return h.indexOf(q) >= 0; })) { hits.push(["entity", n]); }
    });
    hits.sort(function (a, b) {
      var va = a[0] === state.view ? 0 : 1, vb = b[0] === state.view ? 0 : 1;
      var sa = a[0] === "flow" && !FLOW.shown[a[1].id] ? 1 : 0, sb = b[0] === "flow" && !FLOW.shown[b[1].id] ? 1 : 0;
      return va - vb || sa - sb;
    });
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
    ["flow", "entity", "timeline"].forEach(function (v) {
      document.getElementById("view-" + v).hidden = v !== name;
      document.getElementById("tab-" + v).setAttribute("aria-selected", String(v === name));
    });
    if (!views[name]) {
      if (name === "flow") { makeFlowView(); fitFlow(); }
      else if (name === "entity") { makeEntityView(); }
      else { makeTimelineView(); }
    } else if (name === "flow") { views.flow.network.redraw(); fitFlow(); }
    else if (name === "entity") { views.entity.network.redraw(); views.entity.network.fit({ animation: false }); }
    else { views.timeline.timeline.redraw(); }
    document.getElementById("aggregate").disabled = name !== "flow";
    document.getElementById("flow-switches").hidden = name !== "flow";
    document.getElementById("entity-switches").hidden = name !== "entity" && name !== "timeline";
    document.getElementById("direction").disabled = name === "timeline";
    document.getElementById("export-png").disabled = name === "timeline";
    buildTypeFilter();
    buildLegend();
    showCounts();
    renderSelection(false);
  }
  function exportPng() {
    var view = views[state.view];
    var canvas = view.container.querySelector("canvas");
    var out = document.createElement("canvas");
    out.width = canvas.width; out.height = canvas.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = state.view === "flow" ? "#dfe9f1" : "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    var link = el("a", { download: "tppo-kg-" + state.view + ".png", href: out.toDataURL("image/png") });
    document.body.appendChild(link);
    link.click();
    link.remove();
  }
  function analyticsTables() {
    var body = document.getElementById("analytics-body");
    clear(body);
    function table(caption, head, rows) {
      var t = el("table", null, el("caption", { text: caption }));
      t.appendChild(el("tr", null, ...head.map(function (h) { return el("th", { text: h }); })));
      rows.forEach(function (cells) {
        t.appendChild(el("tr", null, ...cells.map(function (c) {
          return el("td", null, typeof c === "object" && c !== null ? c : (typeof c === "number" ? num(c) : String(c === null ? "" : c)));
        })));
      });
      body.appendChild(t);
    }
    var shown = FLOW.edges.filter(function (e) { return e.from !== e.to && e.from !== "unknown"; });
    table("Largest corridors (between states, as shown)", ["corridor", "claims", "victims at least"], sortEdges(shown, function (e) {
      return label(STATES[e.from]) + " \u2192 " + label(STATES[e.to]);
    }).slice(0, 50).map(function (e) {
      return [el("button", { "class": "linklike", text: label(STATES[e.from]) + " \u2192 " + label(STATES[e.to]),
        onclick: function () { if (state.view !== "flow") { switchView("flow"); } selectEdge("flow", e.id); fitFlow(); } }),
        e.claims.length, e.largest];
    }));
    var a = DATA.analytics;
    table("Strength per state (all sources, between states)", ["state", "out corridors", "in corridors", "out victims \u2265", "in victims \u2265"], a.strength.map(function (r) {
      return [linkTo("flow", r.state, r.label), r.out_corridors, r.in_corridors, r.out_victims_at_least, r.in_victims_at_least];
    }));
    table("Central actors", ["actor", "type", "degree", "betweenness"], a.centrality.map(function (r) {
      return [linkTo("entity", r.node, r.label), r.kind, r.degree, r.betweenness];
    }));
  }

  function bind() {
    ["flow", "entity", "timeline"].forEach(function (v) {
      document.getElementById("tab-" + v).addEventListener("click", function () { switchView(v); });
    });
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
      refreshAll();
    }
    ["year-from", "year-to", "undated"].forEach(function (id) { document.getElementById(id).addEventListener("change", years); });
    document.getElementById("source-filter").addEventListener("change", function (event) { state.source = event.target.value; refreshAll(); });
    ["official", "domestic", "unknown"].forEach(function (id) {
      document.getElementById(id).addEventListener("change", function (event) { state[id] = event.target.checked; refreshAll(); analyticsTables(); });
    });
    document.getElementById("measure").addEventListener("change", function (event) { state.measure = event.target.value; refreshAll(); });
    document.getElementById("background").addEventListener("change", function (event) { state.background = event.target.checked; refreshAll(); });
    document.getElementById("aggregate").addEventListener("change", function (event) { state.aggregate = event.target.checked; refreshAll(false); });
    document.getElementById("language").addEventListener("change", function (event) {
      state.lang = event.target.value;
      if (views.entity) { refreshEntity(); }
      refreshAll(false);
    });
    document.getElementById("direction").addEventListener("change", function (event) {
      state.direction = event.target.value;
      if (state.selected && state.selected.kind === "node") { highlight(state.selected.view, state.selected.id); renderSelection(false); }
    });
    document.getElementById("reset").addEventListener("click", function () { unselect(); resetFilters(); });
    document.getElementById("export-png").addEventListener("click", exportPng);
  }

  fillSources();
  bind();
  var bounds = yearBounds();
  document.getElementById("year-from").value = bounds[0] === null ? "" : bounds[0];
  document.getElementById("year-to").value = bounds[1] === null ? "" : bounds[1];
  if (/(^#|&)official\b/.test(location.hash)) {  // a link to the world view: explorer.html#official
    state.official = true;
    document.getElementById("official").checked = true;
  }
  refreshFlow();
  switchView("flow");
  analyticsTables();
  openFromLink();

  // explorer.html#focus=country/KHM (or an entity, a timeline item, a flow claim): what the
  // query editor's links open.
  function openFromLink() {
    var match = /(?:^#|&)focus=([^&]+)/.exec(location.hash);
    if (!match) { return; }
    var target = decodeURIComponent(match[1]);
    if (STATES[target]) { focus("flow", target); }
    else if (CLAIM[target]) {
      if (!claimShown(CLAIM[target])) { state.official = state.domestic = state.unknown = true; refreshAll(false); }
      selectEdge("flow", state.aggregate ? CLAIM[target].key : target);
      fitFlow();
    } else if (ENTITY[target]) { focus("entity", target); }
    else if (ITEM[target]) { switchView("timeline"); openItem(target); }
  }

  window.tppoExplorer = {
    counts: counts,
    views: views,
    flow: FLOW,
    switchView: switchView,
    refresh: refreshAll,
    focus: focus,
    selectEdge: selectEdge,
    openItem: openItem,
    timelineItems: function () { return DATA.timeline.filter(timelineShown); },
    state: state,
    renderedAt: renderedAt
  };
  }
})();
