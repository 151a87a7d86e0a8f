// The actorgraph web view: the network as of a date, drawn in SVG with a
// small force layout, over the read-only JSON API beside it (api/...).
//
// Every string from the data reaches the page through textContent or an
// SVG attribute, never through HTML parsing: a name "<script>" is text.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const W = 1000, H = 700;

// Colours, assigned in the order of the vocabulary's kinds and relations.
const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
  "#ff9da7", "#9c755f", "#bab0ac", "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e",
  "#e6ab02", "#a6761d", "#666666", "#1f78b4", "#b2df8a"];

const state = {
  vocab: null,          // api/vocabulary
  kindColour: {}, kindRoot: {}, relColour: {}, relEvent: {},
  valid: [], reported: [], // api/dates
  asOf: "", knownAt: "", ended: true,
  network: null,        // api/network
  pos: {},              // entity id -> {x, y}, kept across dates
  selected: null,       // {type: "entity", id} or {type: "edge", key}
  path: null,           // keys of the edges and ids of the entities on the path
  seq: 0,               // the latest network request, so that a late answer is dropped
  pending: null,        // the entity being read after a click
};

// el makes an HTML element with text; attrs are attributes, never HTML.
function el(tag, text, attrs) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}

function svg(tag, attrs) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  return e;
}

function status(msg, isError) {
  const s = document.getElementById("status");
  s.textContent = msg;
  s.className = isError ? "error" : "";
}

// api fetches api/NAME with params (empty ones left out) and returns its
// results, or throws the server's error message.
async function api(name, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (Array.isArray(v)) v.forEach((x) => q.append(k, x));
    else if (v !== "" && v !== undefined && v !== null && v !== false) q.set(k, v === true ? "1" : v);
  }
  const resp = await fetch("api/" + name + (q.toString() ? "?" + q : ""), { headers: { Accept: "application/json" } });
  const body = await resp.json();
  if (!resp.ok) throw new Error(body.error || resp.statusText);
  return body.results;
}

function filters() {
  return { asOf: state.asOf, knownAt: state.knownAt };
}

function edgeKey(subject, relation, object) {
  return subject + " " + relation + " " + object;
}

// --- time controls --------------------------------------------------------

// The as-of slider runs over the valid dates of the data; the known-at slider
// over the reported dates, its last stop being "everything reported".
function setupTime() {
  const a = document.getElementById("asof-slider");
  a.max = Math.max(0, state.valid.length - 1);
  a.addEventListener("input", () => { setAsOf(state.valid[a.value] || ""); });
  const k = document.getElementById("known-slider");
  k.max = state.reported.length; // the last stop: no report-time filter
  k.addEventListener("input", () => { setKnownAt(state.reported[k.value] || ""); });
  const at = document.getElementById("asof");
  at.addEventListener("change", () => setAsOf(at.value.trim()));
  const kt = document.getElementById("known");
  kt.addEventListener("change", () => setKnownAt(kt.value.trim()));
  document.getElementById("ended").addEventListener("change", (ev) => {
    state.ended = ev.target.checked;
    refresh();
  });
}

// stopOf is the slider stop of date d among dates: the last one not after d.
function stopOf(dates, d) {
  let i = 0;
  for (let j = 0; j < dates.length; j++) if (dates[j] <= d) i = j;
  return i;
}

function syncTime() {
  document.getElementById("asof").value = state.asOf;
  document.getElementById("asof-slider").value = stopOf(state.valid, state.asOf);
  document.getElementById("known").value = state.knownAt || "all reports";
  document.getElementById("known-slider").value = state.knownAt ? stopOf(state.reported, state.knownAt) : state.reported.length;
}

function setAsOf(d) { state.asOf = d; refresh(); }
function setKnownAt(d) { state.knownAt = d === "all reports" ? "" : d; refresh(); }

function writeURL() {
  const q = new URLSearchParams();
  if (state.asOf) q.set("asOf", state.asOf);
  if (state.knownAt) q.set("knownAt", state.knownAt);
  if (!state.ended) q.set("ended", "0");
  if (state.selected && state.selected.type === "entity") q.set("entity", state.selected.id);
  if (state.selected && state.selected.type === "edge") q.set("edge", state.selected.key);
  history.replaceState(null, "", "?" + q.toString());
}

// --- the network ----------------------------------------------------------

async function refresh() {
  syncTime();
  writeURL();
  const seq = ++state.seq;
  status("loading the network" + (state.asOf ? " as of " + state.asOf : "") + "…");
  try {
    const net = await api("network", { ...filters(), ended: state.ended });
    if (seq !== state.seq) return;
    state.network = net;
    draw();
    legend();
    status(net.edges.length + " edges between " + net.entities.length + " entities" +
      (state.asOf ? ", as of " + state.asOf : "") + (state.knownAt ? ", known at " + state.knownAt : "") +
      (net.truncated ? " (truncated: narrow the dates)" : ""));
    if (state.selected) await reselect();
  } catch (e) {
    if (seq !== state.seq) return;
    status(e.message, true);
  }
}

// layout runs a force simulation: entities repel, edges pull their ends
// together, a weak pull keeps all near the centre. It starts from the last
// positions, so that moving in time does not reshuffle the picture, and from
// positions derived from the ids for new entities, so that it is the same
// picture on every load.
function layout(nodes, links) {
  const n = nodes.length;
  if (n === 0) return;
  nodes.forEach((nd, i) => {
    const p = state.pos[nd.id];
    if (p) { nd.x = p.x; nd.y = p.y; return; }
    const h = hash(nd.id);
    const angle = (h % 3600) / 3600 * 2 * Math.PI;
    const r = 120 + (h >> 12) % 200;
    nd.x = W / 2 + r * Math.cos(angle);
    nd.y = H / 2 + r * Math.sin(angle);
  });
  const k = Math.sqrt((W * H) / (n + 1)) * 0.62;
  const index = new Map(nodes.map((nd, i) => [nd.id, i]));
  // Each iteration compares every pair: bound the work, so that a network
  // of thousands of entities is drawn in a second or two, roughly laid out,
  // rather than hanging the page.
  const iterations = Math.max(5, Math.min(300, Math.floor(3e7 / (n * n))));
  for (let it = 0; it < iterations; it++) {
    const t = 40 * (1 - it / iterations) + 1;
    const dx = new Float64Array(n), dy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
        let d2 = x * x + y * y;
        if (d2 < 0.01) { x = 0.1 * (i - j); y = 0.1; d2 = x * x + y * y; }
        const f = (k * k) / d2;
        dx[i] += x * f; dy[i] += y * f; dx[j] -= x * f; dy[j] -= y * f;
      }
    }
    for (const l of links) {
      const a = index.get(l.s), b = index.get(l.o);
      if (a === undefined || b === undefined || a === b) continue;
      const x = nodes[a].x - nodes[b].x, y = nodes[a].y - nodes[b].y;
      const d = Math.sqrt(x * x + y * y) || 0.1;
      const f = d / k;
      dx[a] -= x * f; dy[a] -= y * f; dx[b] += x * f; dy[b] += y * f;
    }
    for (let i = 0; i < n; i++) {
      dx[i] += (W / 2 - nodes[i].x) * 0.06 * k / 10;
      dy[i] += (H / 2 - nodes[i].y) * 0.09 * k / 10;
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      nodes[i].x = Math.min(W - 130, Math.max(40, nodes[i].x + (dx[i] / d) * Math.min(d, t)));
      nodes[i].y = Math.min(H - 30, Math.max(30, nodes[i].y + (dy[i] / d) * Math.min(d, t)));
    }
  }
  nodes.forEach((nd) => { state.pos[nd.id] = { x: nd.x, y: nd.y }; });
}

function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
  return h;
}

function kindOf(e) { return (e.kinds && e.kinds[0]) || ""; }

// shape draws an entity's mark by its root kind: actors are circles, places
// squares, documents triangles, anything else a diamond.
function shape(e) {
  const root = state.kindRoot[kindOf(e)] || "";
  const fill = state.kindColour[kindOf(e)] || "#90a4ae";
  let s;
  if (root === "Actor") s = svg("circle", { r: 9 });
  else if (root === "Place") s = svg("rect", { x: -8, y: -8, width: 16, height: 16 });
  else if (root === "Document") s = svg("path", { d: "M0,-10 L9,7 L-9,7 Z" });
  else s = svg("path", { d: "M0,-10 L10,0 L0,10 L-10,0 Z" });
  s.setAttribute("class", "shape");
  s.setAttribute("fill", fill);
  return s;
}

function draw() {
  const root = document.getElementById("network");
  root.replaceChildren();
  const net = state.network;
  const byId = new Map(net.entities.map((e) => [e.id, e]));
  const nodes = net.entities.map((e) => ({ id: e.id }));
  const links = net.edges.map((e) => ({ s: e.subject.id, o: e.object.id }));
  layout(nodes, links);
  const defs = svg("defs");
  const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 22, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" });
  marker.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 Z", fill: "#78909c" }));
  defs.appendChild(marker);
  root.appendChild(defs);

  // Edges between the same two entities are bent apart.
  const pairs = new Map();
  const edgeLayer = svg("g", { class: "edges" });
  for (const e of net.edges) {
    const pk = [e.subject.id, e.object.id].sort().join(" ");
    const nth = pairs.get(pk) || 0;
    pairs.set(pk, nth + 1);
    const a = state.pos[e.subject.id], b = state.pos[e.object.id];
    const mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const bend = nth === 0 ? 0 : (nth % 2 ? 1 : -1) * Math.ceil(nth / 2) * 26;
    const cx = mx - ((b.y - a.y) / len) * bend, cy = my + ((b.x - a.x) / len) * bend;
    const d = "M" + a.x.toFixed(1) + "," + a.y.toFixed(1) + " Q" + cx.toFixed(1) + "," + cy.toFixed(1) + " " + b.x.toFixed(1) + "," + b.y.toFixed(1);
    const key = edgeKey(e.subject.id, e.relation, e.object.id);
    const cls = ["edge"];
    if (e.contested) cls.push("contested");
    if (e.denied) cls.push("denied");
    if (e.ended) cls.push("ended");
    if (e.event) cls.push("event");
    const g = svg("g", { class: cls.join(" "), "data-key": key, "data-relation": e.relation, "data-subject": e.subject.id, "data-object": e.object.id });
    const title = svg("title");
    title.textContent = e.subject.name + " " + e.relation + " " + e.object.name +
      (e.contested ? " [contested]" : "") + (e.denied ? " [denied]" : "") + (e.ended ? " [ended]" : "");
    g.appendChild(title);
    g.appendChild(svg("path", { d: d, class: "line", stroke: state.relColour[e.relation] || "#78909c", "marker-end": "url(#arrow)" }));
    g.appendChild(svg("path", { d: d, class: "hit" }));
    const label = svg("text", { x: (0.25 * a.x + 0.5 * cx + 0.25 * b.x).toFixed(1), y: (0.25 * a.y + 0.5 * cy + 0.25 * b.y - 3).toFixed(1), "text-anchor": "middle" });
    label.textContent = e.relation + (e.contested ? " (contested)" : "");
    g.appendChild(label);
    g.addEventListener("click", () => selectEdge(key));
    edgeLayer.appendChild(g);
  }
  root.appendChild(edgeLayer);

  const nodeLayer = svg("g", { class: "nodes" });
  for (const nd of nodes) {
    const e = byId.get(nd.id);
    const g = svg("g", { class: "node", "data-id": e.id, "data-kind": kindOf(e), transform: "translate(" + nd.x.toFixed(1) + "," + nd.y.toFixed(1) + ")", tabindex: 0 });
    const title = svg("title");
    title.textContent = e.name + " (" + e.kinds.join(", ") + ")";
    g.appendChild(title);
    g.appendChild(shape(e));
    const label = svg("text", { x: 12, y: 4 });
    label.textContent = e.name;
    g.appendChild(label);
    g.addEventListener("click", () => { state.pending = selectEntity(e.id); });
    g.addEventListener("keydown", (ev) => { if (ev.key === "Enter") state.pending = selectEntity(e.id); });
    nodeLayer.appendChild(g);
  }
  root.appendChild(nodeLayer);
  mark();
}

// mark shows the selection and the path on the drawing.
function mark() {
  const sel = state.selected;
  for (const g of document.querySelectorAll("#network .node")) {
    g.classList.toggle("selected", !!sel && sel.type === "entity" && g.dataset.id === sel.id);
    g.classList.toggle("onpath", !!state.path && state.path.ids.has(g.dataset.id));
  }
  for (const g of document.querySelectorAll("#network .edge")) {
    g.classList.toggle("selected", !!sel && sel.type === "edge" && g.dataset.key === sel.key);
    g.classList.toggle("onpath", !!state.path && state.path.keys.has(g.dataset.key));
  }
}

function legend() {
  const box = document.getElementById("legend");
  box.replaceChildren();
  const used = new Set(), rels = new Set();
  for (const e of state.network ? state.network.entities : []) used.add(kindOf(e));
  for (const e of state.network ? state.network.edges : []) rels.add(e.relation);
  for (const k of state.vocab.kinds) {
    if (!used.has(k.name)) continue;
    const item = el("span");
    const icon = svg("svg", { width: 22, height: 22, viewBox: "-11 -11 22 22" });
    icon.appendChild(shape({ kinds: [k.name] }));
    item.appendChild(icon);
    item.appendChild(document.createTextNode(k.name));
    box.appendChild(item);
  }
  for (const r of state.vocab.relations) {
    if (!rels.has(r.name)) continue;
    const item = el("span");
    const icon = svg("svg", { width: 22, height: 10 });
    icon.appendChild(svg("line", { x1: 0, y1: 5, x2: 22, y2: 5, stroke: state.relColour[r.name], "stroke-width": 2, "stroke-dasharray": r.event ? "5 2" : "" }));
    item.appendChild(icon);
    item.appendChild(document.createTextNode(r.name));
    box.appendChild(item);
  }
  box.appendChild(el("span", "red: contested · dotted: denied · grey: ended or superseded · dashed: event"));
}

// --- details --------------------------------------------------------------

function details() {
  const d = document.getElementById("details");
  d.replaceChildren();
  return d;
}

function entityButton(ref) {
  const b = el("button", ref.name, { type: "button", class: "link" });
  b.addEventListener("click", () => selectEntity(ref.id));
  return b;
}

// claimBox shows one claim: its source and medium, stance, dates, marks,
// quote and note.
function claimBox(c) {
  const box = el("div", null, { class: "claim", "data-claim": c.id });
  const meta = el("div", null, { class: "meta" });
  meta.appendChild(el("strong", c.source.name, { class: "source" }));
  if (c.via) meta.appendChild(document.createTextNode(" via " + c.via.name));
  const parts = [];
  parts.push(c.stance);
  parts.push("reported " + c.reported);
  if (c.validFrom || c.validUntil) parts.push("valid " + c.validFrom + ".." + c.validUntil);
  if (c.confidence) parts.push("confidence " + c.confidence);
  meta.appendChild(document.createTextNode(" · " + parts.join(" · ")));
  if (c.derived) meta.appendChild(el("span", "derived", { class: "mark" }));
  if (c.endedBy) meta.appendChild(el("span", "ended " + c.endedOn, { class: "mark ended" }));
  for (const r of c.retractions || []) meta.appendChild(el("span", "retracted " + r.reported, { class: "mark ended" }));
  box.appendChild(meta);
  if (c.quote) box.appendChild(el("blockquote", c.quote, { class: "quote" }));
  if (c.note) box.appendChild(el("div", "Note: " + c.note, { class: "note" }));
  return box;
}

function marks(parent, e) {
  if (e.contested) parent.appendChild(el("span", "contested", { class: "mark contested" }));
  if (e.denied) parent.appendChild(el("span", "denied", { class: "mark denied" }));
  if (e.ended) parent.appendChild(el("span", "ended", { class: "mark ended" }));
  for (const r of e.rivals || []) parent.appendChild(el("span", "rival: " + r.name, { class: "mark contested" }));
}

function selectEdge(key) {
  state.selected = { type: "edge", key: key };
  writeURL();
  mark();
  const e = state.network && state.network.edges.find((x) => edgeKey(x.subject.id, x.relation, x.object.id) === key);
  const d = details();
  if (!e) {
    d.appendChild(el("p", "This edge is not in the network at these dates.", { class: "hint" }));
    return;
  }
  const h = el("h2", null, { class: "edge-title" });
  h.appendChild(entityButton(e.subject));
  h.appendChild(document.createTextNode(" " + e.relation + " "));
  h.appendChild(entityButton(e.object));
  marks(h, e);
  d.appendChild(h);
  d.appendChild(el("h3", e.evidence.length === 1 ? "Its claim" : "Its " + e.evidence.length + " claims"));
  for (const c of e.evidence) d.appendChild(claimBox(c));
}

async function selectEntity(id) {
  state.selected = { type: "entity", id: id };
  writeURL();
  mark();
  const d = details();
  d.appendChild(el("p", "loading…", { class: "hint" }));
  try {
    const [ents, lineage] = await Promise.all([
      api("entity", { id: id, ...filters() }),
      api("lineage", { id: id, ...filters() }).catch(() => []),
    ]);
    if (!state.selected || state.selected.id !== id) return;
    showEntity(ents[0], lineage);
  } catch (e) {
    details().appendChild(el("p", e.message, { class: "error" }));
  }
}

function showEntity(e, lineage) {
  const d = details();
  d.appendChild(el("h2", e.name, { class: "entity-name" }));
  d.appendChild(el("div", e.kinds.join(", "), { class: "meta" }));
  if (e.description) d.appendChild(el("p", e.description));
  if (e.aliases.length) {
    d.appendChild(el("h3", "Also known as"));
    const ul = el("ul", null, { class: "aliases" });
    for (const a of e.aliases) ul.appendChild(el("li", a.name + (a.lang ? " (" + a.lang + ")" : "")));
    d.appendChild(ul);
  }
  if (e.sameAs.length) {
    d.appendChild(el("h3", "The same in other datasets"));
    const ul = el("ul");
    for (const s of e.sameAs) {
      const li = el("li");
      // Only web links are links: a javascript: IRI stays text.
      if (/^https?:\/\//i.test(s)) li.appendChild(el("a", s, { href: s, rel: "noreferrer noopener", target: "_blank" }));
      else li.textContent = s;
      ul.appendChild(li);
    }
    d.appendChild(ul);
  }
  if (lineage.length) {
    d.appendChild(el("h3", "Lineage"));
    const ul = el("ul", null, { class: "lineage" });
    for (const s of lineage) {
      const li = el("li");
      li.appendChild(entityButton(s.from));
      li.appendChild(document.createTextNode(s.reverse ? " ← " + s.relation + " ← " : " → " + s.relation + " → "));
      li.appendChild(entityButton(s.to));
      if (s.former) li.appendChild(el("span", "former", { class: "mark" }));
      ul.appendChild(li);
    }
    d.appendChild(ul);
  }
  if (e.attributes.length) {
    d.appendChild(el("h3", "Attributes"));
    for (const a of e.attributes) {
      d.appendChild(el("div", a.attribute + ": " + a.value));
      for (const c of a.evidence) d.appendChild(claimBox(c));
    }
  }
  const facts = (state.network ? state.network.edges : []).filter((x) => x.subject.id === e.id || x.object.id === e.id);
  d.appendChild(el("h3", facts.length ? "Facts at these dates" : "No facts at these dates"));
  const ul = el("ul", null, { class: "facts" });
  for (const f of facts) {
    const li = el("li");
    const b = el("button", f.subject.name + " " + f.relation + " " + f.object.name, { type: "button", class: "link" });
    b.addEventListener("click", () => selectEdge(edgeKey(f.subject.id, f.relation, f.object.id)));
    li.appendChild(b);
    marks(li, f);
    ul.appendChild(li);
  }
  d.appendChild(ul);
}

async function reselect() {
  const s = state.selected;
  if (s.type === "edge") selectEdge(s.key);
  else await selectEntity(s.id);
}

// --- search and path --------------------------------------------------------

async function search(name) {
  const ul = document.getElementById("results");
  ul.replaceChildren();
  if (!name) return;
  try {
    const es = await api("resolve", { name: name });
    if (es.length === 0) ul.appendChild(el("li", "no actor is named " + JSON.stringify(name)));
    for (const e of es) {
      const li = el("li");
      const b = el("button", e.name + " (" + e.kinds.join(", ") + ")", { type: "button" });
      b.addEventListener("click", () => selectEntity(e.id));
      li.appendChild(b);
      ul.appendChild(li);
    }
    if (es.length === 1) await selectEntity(es[0].id);
  } catch (e) {
    ul.appendChild(el("li", e.message, { class: "error" }));
  }
}

// one resolves a name to one entity, or throws saying why not.
async function one(name) {
  const es = await api("resolve", { name: name });
  if (es.length === 0) throw new Error("no actor is named " + JSON.stringify(name));
  if (es.length > 1) throw new Error(JSON.stringify(name) + " names " + es.map((e) => e.name).join(", "));
  return es[0];
}

async function connect(fromName, toName) {
  const d = details();
  try {
    const [a, b] = await Promise.all([one(fromName), one(toName)]);
    const steps = await api("path", { from: a.id, to: b.id, ...filters() });
    state.path = { keys: new Set(), ids: new Set([a.id, b.id]) };
    d.appendChild(el("h2", "How " + a.name + " is connected to " + b.name, { class: "path-title" }));
    const ol = el("ol", null, { class: "path" });
    for (const s of steps) {
      const subj = s.reverse ? s.to : s.from, obj = s.reverse ? s.from : s.to;
      const key = edgeKey(subj.id, s.relation, obj.id);
      state.path.keys.add(key);
      state.path.ids.add(s.from.id); state.path.ids.add(s.to.id);
      const li = el("li");
      const btn = el("button", subj.name + " " + s.relation + " " + obj.name, { type: "button", class: "link" });
      btn.addEventListener("click", () => selectEdge(key));
      li.appendChild(btn);
      for (const c of s.evidence) li.appendChild(claimBox(c));
      ol.appendChild(li);
    }
    d.appendChild(ol);
    mark();
  } catch (e) {
    d.appendChild(el("p", e.message, { class: "error" }));
  }
}

// --- start ------------------------------------------------------------------

async function start() {
  const params = new URLSearchParams(location.search);
  try {
    // The dates read the whole store; on one too large to read in the
    // server's time, the sliders stay empty and the text boxes still work.
    const [vocab, dates] = await Promise.all([api("vocabulary"),
      api("dates").catch((e) => { status("no dates for the sliders: " + e.message, true); return { valid: [], reported: [] }; })]);
    state.vocab = vocab;
    vocab.kinds.forEach((k, i) => { state.kindColour[k.name] = PALETTE[i % PALETTE.length]; state.kindRoot[k.name] = k.root; });
    vocab.relations.forEach((r, i) => { state.relColour[r.name] = PALETTE[(i * 7) % PALETTE.length]; state.relEvent[r.name] = r.event; });
    state.valid = dates.valid;
    state.reported = dates.reported;
  } catch (e) {
    status(e.message, true);
    document.body.dataset.state = "error";
    return;
  }
  state.asOf = params.get("asOf") || state.valid[state.valid.length - 1] || "";
  state.knownAt = params.get("knownAt") || "";
  state.ended = params.get("ended") !== "0";
  document.getElementById("ended").checked = state.ended;
  setupTime();
  document.getElementById("search").addEventListener("submit", (ev) => { ev.preventDefault(); search(document.getElementById("q").value.trim()); });
  document.getElementById("path").addEventListener("submit", (ev) => {
    ev.preventDefault();
    connect(document.getElementById("path-from").value.trim(), document.getElementById("path-to").value.trim());
  });
  document.getElementById("path-clear").addEventListener("click", () => { state.path = null; mark(); details(); });
  await refresh();
  // A link may name what to show: an edge or an entity to click, a name to
  // look up, two actors to connect. The page clicks them as a reader would.
  if (params.get("edge")) {
    const g = [...document.querySelectorAll("#network .edge")].find((x) => x.dataset.key === params.get("edge"));
    if (g) g.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    else selectEdge(params.get("edge"));
  } else if (params.get("entity")) {
    const g = [...document.querySelectorAll("#network .node")].find((x) => x.dataset.id === params.get("entity"));
    if (g) g.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    else state.pending = selectEntity(params.get("entity"));
    await state.pending;
  }
  if (params.get("q")) {
    document.getElementById("q").value = params.get("q");
    await search(params.get("q"));
  }
  if (params.get("pathFrom") && params.get("pathTo")) {
    document.getElementById("path-from").value = params.get("pathFrom");
    document.getElementById("path-to").value = params.get("pathTo");
    await connect(params.get("pathFrom"), params.get("pathTo"));
  }
  document.body.dataset.state = "ready";
}

document.addEventListener("DOMContentLoaded", start);
