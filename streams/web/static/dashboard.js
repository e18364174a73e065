// newsevents dashboard: polls the worker's JSON views every 2 s and redraws in place.
// Plain DOM + inline SVG. Every text from the data goes through textContent (articles are
// untrusted input); links are kept only for http(s) URLs.
"use strict";

const REFRESH_MS = 2000;
const TYPES = ["meeting", "clash", "casualty_update"];
const TYPE_LABEL = { meeting: "meeting", clash: "clash", casualty_update: "casualty update" };
const SVG_NS = "http://www.w3.org/2000/svg";
const MAP_EVENTS = 200;     // events fetched for the map
const TABLE_EVENTS = 20;    // rows of "Latest events"

const $ = (id) => document.getElementById(id);
const fmtInt = (n) => (n === null || n === undefined || Number.isNaN(n)) ? "—" : Math.round(n).toLocaleString("en-US");

// --- DOM helpers -----------------------------------------------------------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
}
function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}
function setText(id, text) {
  const node = $(id);
  if (node && node.textContent !== String(text)) node.textContent = text;
}
// The URL as the browser will resolve it, kept only when that is an absolute http(s) address
// (a record may hold anything: "javascript:", " javascript:", a relative path...).
function safeUrl(url) {
  if (typeof url !== "string") return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch (err) {
    return null;  // not an absolute URL
  }
}
function emptyRow(tbody, cols, text) {
  tbody.replaceChildren(el("tr", { class: "empty-row" }, el("td", { colspan: cols, text })));
}

async function getJSON(url) {
  try {
    const response = await fetch(url, { cache: "no-store", headers: { Accept: "application/json" } });
    if (!response.ok) return { status: response.status, data: null };
    return { status: response.status, data: await response.json() };
  } catch (err) {
    return { status: 0, data: null };
  }
}

// --- formatting of event records -------------------------------------------------------------
function fmtMs(seconds) {
  if (seconds === null || seconds === undefined) return "—";
  return seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${seconds.toFixed(1)} s`;
}
function humanDuration(seconds) {
  if (seconds === null || seconds === undefined) return "—";
  const s = Math.floor(seconds);
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  if (d) return `${d}d ${h}h`;
  if (h) return `${h}h ${m}m`;
  if (m) return `${m}m ${s % 60}s`;
  return `${s}s`;
}
function eventDate(ev) {
  if (ev.date) return ev.date;
  if (ev.date_start && ev.date_end && ev.date_start !== ev.date_end) return `${ev.date_start} – ${ev.date_end}`;
  return ev.date_start || ev.date_end || null;
}
function country(code) {
  return code ? el("span", { class: "cc", title: "ISO 3166-1 alpha-3", text: code }) : null;
}
function actorNode(name, code, role) {
  const span = el("div");
  span.append(name || (code ? "" : "unnamed"));
  if (role) span.append(el("span", { class: "muted", text: ` · ${role}` }));
  const cc = country(code);
  if (cc) span.append(cc);
  return span;
}
function actors(ev) {
  const box = el("div", { class: "stack" });
  if (ev.type === "meeting") {
    for (const p of ev.participants || []) box.append(actorNode(p.name, p.country, p.role));
  } else if (ev.type === "clash") {
    const sides = ev.sides || [];
    sides.forEach((s, i) => {
      if (i) box.append(el("div", { class: "muted small", text: "vs" }));
      box.append(actorNode(s.name, s.country));
    });
  } else if (ev.type === "casualty_update") {
    if (ev.party) box.append(actorNode(ev.party.name, ev.party.country));
    if (ev.reported_by) box.append(el("div", { class: "muted small", text: `reported by ${ev.reported_by}` }));
  }
  if (!box.childNodes.length) box.append(el("span", { class: "muted", text: "—" }));
  return box;
}
const QUALIFIER = { at_least: "≥ ", at_most: "≤ ", about: "~", exact: "" };
function figureText(f) {
  const outcome = (f.outcome || "").replace(/_/g, " ");
  const category = f.category && f.category !== "unknown" ? ` ${f.category}` : "";
  return [QUALIFIER[f.qualifier] ?? "", f.count, `${outcome}${category}`];
}
function figureNode(f) {
  const [q, count, rest] = figureText(f);
  return el("div", { class: "fig" }, q, el("b", { text: fmtInt(count) }), ` ${rest}`);
}
function figures(ev) {
  const box = el("div", { class: "stack" });
  if (ev.type === "casualty_update") for (const f of ev.figures || []) box.append(figureNode(f));
  if (ev.type === "clash" && ev.fatalities) {
    box.append(figureNode({ outcome: "killed", count: ev.fatalities.count, qualifier: ev.fatalities.qualifier }));
  }
  if (ev.type === "meeting" && ev.mode && ev.mode !== "in_person") box.append(el("div", { class: "muted", text: ev.mode.replace("_", " ") }));
  if (!box.childNodes.length) box.append(el("span", { class: "muted", text: "—" }));
  return box;
}
function place(ev) {
  const loc = ev.location || {};
  if (!loc.name && !loc.country) return el("span", { class: "muted", text: "—" });
  const box = el("div");
  box.append(loc.name || "");
  const cc = country(loc.country);
  if (cc) box.append(cc);
  if (typeof loc.latitude === "number" && typeof loc.longitude === "number") {
    box.append(el("div", { class: "muted small", text: `${loc.latitude.toFixed(2)}, ${loc.longitude.toFixed(2)}` }));
  }
  return box;
}
function sources(ev) {
  const list = Array.isArray(ev.sources) && ev.sources.length ? ev.sources : (ev.article ? [ev.article] : []);
  const box = el("div", { class: "stack" });
  for (const s of list.slice(0, 3)) {
    const label = s.source || s.id || "article";
    const url = safeUrl(s.url);
    box.append(el("div", {}, url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: label, title: s.id })
                                  : el("span", { title: s.url || "", text: label })));
  }
  if (list.length > 3) box.append(el("div", { class: "muted small", text: `+${list.length - 3} more` }));
  const published = ev.article && ev.article.published_at;
  if (published) box.append(el("div", { class: "muted small", text: `published ${published.slice(0, 10)}` }));
  if (typeof ev.mentions === "number" && ev.mentions > 1) box.append(el("div", { class: "muted small", text: `${ev.mentions} mentions` }));
  return box;
}

// --- cards and small tables ------------------------------------------------------------------
function renderStats(stats) {
  if (!stats) {
    for (const id of ["processed", "rejected-total", "duplicates", "events-total", "rate", "lag-total"]) setText(id, "—");
    return;
  }
  setText("app-id", stats.app_id || "—");
  setText("uptime", humanDuration(stats.uptime_s));
  setText("extractor-version", stats.extractor_version || "—");
  setText("w-app", stats.app_id || "—");
  const ex = stats.extraction || {};
  setText("w-latency", ex.count ? `${fmtMs(ex.mean_s)} mean · p95 ≤ ${ex.p95_s === null ? "—" : fmtMs(ex.p95_s)}` : "—");
  setText("processed", fmtInt(stats.articles_processed));
  setText("duplicates", fmtInt(stats.articles_duplicate));
  const reasons = stats.articles_rejected || {};
  const rejected = Object.values(reasons).reduce((a, b) => a + b, 0);
  setText("rejected-total", fmtInt(rejected));
  const ordered = Object.entries(reasons).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  setText("rejected-foot", ordered.length ? ordered.map(([r, n]) => `${r} ${fmtInt(n)}`).join(" · ") : "nothing rejected");
  const processed = stats.articles_processed || 0;
  setText("processed-foot", processed + rejected ? `${((100 * processed) / (processed + rejected)).toFixed(0)}% of inputs accepted` : "waiting for articles");

  const byType = stats.events_emitted || {};
  const total = Object.values(byType).reduce((a, b) => a + b, 0);
  setText("events-total", fmtInt(total));
  const split = $("events-split");
  split.replaceChildren(...TYPES.map((t) => el("span", { "data-type": t }, el("i", { class: `sw ${t}` }), fmtInt(byType[t] || 0))));
  const typesBody = $("types-table").tBodies[0];
  typesBody.replaceChildren(...[...TYPES, ...Object.keys(byType).filter((t) => !TYPES.includes(t))].map((t) =>
    el("tr", { "data-type": t }, el("td", {}, el("span", { class: `badge ${t}`, text: TYPE_LABEL[t] || t })),
       el("td", { class: "count", text: fmtInt(byType[t] || 0) }))));

  const reasonsBody = $("reasons-table").tBodies[0];
  if (ordered.length) {
    reasonsBody.replaceChildren(...ordered.map(([r, n]) =>
      el("tr", { "data-reason": r }, el("td", { class: "reason", text: r }), el("td", { class: "count", text: fmtInt(n) }))));
  } else emptyRow(reasonsBody, 2, "none");

  const minutes = stats.throughput || [];
  const last5 = minutes.slice(-5);
  const rate = last5.length ? last5.reduce((a, m) => a + (m.articles || 0), 0) / last5.length : null;
  setText("rate", rate === null ? "—" : rate >= 10 ? fmtInt(rate) : rate.toFixed(1));
  renderThroughput(minutes);

  const lag = stats.lag || [];
  const known = lag.filter((r) => typeof r.lag === "number");
  setText("lag-total", lag.length ? (known.length ? fmtInt(known.reduce((a, r) => a + r.lag, 0)) : "—") : "—");
  setText("lag-foot", lag.length ? `${lag.length} partition${lag.length > 1 ? "s" : ""} assigned` : "no partition assigned");
  const lagBody = $("lag-table").tBodies[0];
  if (lag.length) {
    const cell = (v) => el("td", { text: v === null || v === undefined ? "—" : fmtInt(v) });
    const prefix = commonPrefix((stats.lag_topics || []).length > 1 ? stats.lag_topics : []);
    // Partitions that never received a record are summed up in one line, not listed.
    const used = lag.filter((r) => (r.highwater || 0) > 0 || (r.lag || 0) > 0);
    const idle = lag.length - used.length;
    const rows = used.map((r) => el("tr", { "data-topic": r.topic, "data-partition": r.partition },
      el("td", { class: "topic", title: r.topic, text: r.topic.slice(prefix.length).replace(/^internal\./, "") || r.topic }),
      el("td", { text: String(r.partition) }), cell(r.position), cell(r.committed), cell(r.highwater),
      el("td", { class: r.lag ? "lagging" : "", text: r.lag === null || r.lag === undefined ? "—" : fmtInt(r.lag) })));
    if (idle) rows.push(el("tr", { class: "idle-row" }, el("td", { colspan: 6, text: `${idle} other assigned partition${idle > 1 ? "s" : ""}: empty` })));
    lagBody.replaceChildren(...rows);
  } else emptyRow(lagBody, 6, "no partition assigned");
}

function commonPrefix(names) {
  if (!names.length) return "";
  let p = names[0];
  for (const n of names) while (!n.startsWith(p)) p = p.slice(0, -1);
  return p.slice(0, p.lastIndexOf(".") + 1);  // cut at the namespace's dot: "t1.articles" -> "t1."
}
function renderReady(result) {
  const pill = $("ready-pill");
  const body = result.data || {};
  let cls = "pill-unknown", text = "offline";
  if (result.status === 200) { cls = "pill-ok"; text = "ready"; }
  else if (result.status === 503) { cls = "pill-bad"; text = body.rebalancing ? "rebalancing" : "not ready"; }
  pill.className = `pill ${cls}`;
  pill.textContent = text;
  pill.title = result.status ? `partitions: ${(body.assigned || []).length}, tables recovered: ${body.recovered}` : "the worker does not answer";
  setText("w-partitions", result.status ? fmtInt((body.assigned || []).length) : "—");
  setText("w-recovered", body.recovered === undefined ? "—" : body.recovered ? "yes" : "not yet");
  const broker = body.broker_reachable;
  setText("broker", broker === undefined ? "—" : broker ? "reachable" : "unreachable");
}

// --- charts ----------------------------------------------------------------------------------
function niceMax(v) {
  if (v <= 4) return 4;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}
// Grouped or stacked bars with a y axis: series = [{key, values}], labels = x labels.
function barChart(container, labels, series, { stacked = false, labelEvery = 1, title } = {}) {
  const W = 640, H = 210, L = 34, R = 8, T = 10, B = 24;
  const plotW = W - L - R, plotH = H - T - B;
  const totals = labels.map((_, i) => stacked ? series.reduce((a, s) => a + (s.values[i] || 0), 0)
                                               : Math.max(0, ...series.map((s) => s.values[i] || 0)));
  const max = niceMax(Math.max(0, ...totals));
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none", role: "img", "aria-label": title || "" });
  for (let k = 0; k <= 4; k++) {
    const y = T + plotH - (plotH * k) / 4;
    root.append(svg("line", { class: k ? "gridline" : "axis", x1: L, x2: W - R, y1: y, y2: y }));
    root.append(svg("text", { x: L - 6, y: y + 3.5, "text-anchor": "end" }, fmtInt((max * k) / 4)));
  }
  const slot = plotW / Math.max(labels.length, 1);
  const groupW = slot * 0.74;
  labels.forEach((label, i) => {
    const x0 = L + slot * i + (slot - groupW) / 2;
    let yBase = T + plotH;
    series.forEach((s, j) => {
      const v = s.values[i] || 0;
      const h = (plotH * v) / max;
      const w = stacked ? groupW : groupW / series.length;
      const x = stacked ? x0 : x0 + j * w;
      const y = stacked ? yBase - h : T + plotH - h;
      if (v > 0) {
        const rect = svg("rect", { class: `bar-${s.key}`, x: x.toFixed(1), y: y.toFixed(1), width: Math.max(w - 1, 1).toFixed(1),
                                   height: Math.max(h, 0.5).toFixed(1), rx: 1.5 });
        rect.append(svg("title", {}, `${label}: ${v} ${s.label || s.key}`));
        root.append(rect);
      }
      if (stacked) yBase -= h;
    });
    if (i % labelEvery === 0 || i === labels.length - 1) {
      root.append(svg("text", { x: (L + slot * i + slot / 2).toFixed(1), y: H - 7, "text-anchor": "middle" }, label));
    }
  });
  container.replaceChildren(root);
}
const hhmm = (iso) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toTimeString().slice(0, 5);
};
function renderThroughput(minutes) {
  const box = $("throughput-chart");
  if (!minutes.length) { box.replaceChildren(el("div", { class: "empty", text: "no throughput data" })); return; }
  box.dataset.articles = String(minutes.reduce((a, m) => a + (m.articles || 0), 0));
  barChart(box, minutes.map((m) => hhmm(m.minute)), [
    { key: "articles", label: "articles", values: minutes.map((m) => m.articles || 0) },
    { key: "events", label: "events", values: minutes.map((m) => m.events || 0) },
    { key: "rejected", label: "rejected", values: minutes.map((m) => m.rejected || 0) },
  ], { labelEvery: 3, title: "articles, events and rejections per minute" });
}
function renderHourly(result) {
  const box = $("hourly-chart");
  let hours = result.data && Array.isArray(result.data.hours) ? result.data.hours : null;
  if (!hours) {
    box.dataset.state = "unavailable";
    box.replaceChildren(el("div", { class: "empty", text: result.status === 404 ? "— hourly counts not served by this worker yet (/api/counts)" : "— hourly counts unavailable" }));
    return;
  }
  box.dataset.state = "ok";
  box.dataset.events = String(hours.reduce((a, h) => a + TYPES.reduce((b, t) => b + (h[t] || 0), 0), 0));
  if (!hours.length || !hours.some((h) => TYPES.some((t) => h[t]))) {
    box.replaceChildren(el("div", { class: "empty", text: "no events in the last 24 hours" }));
    return;
  }
  // The view may list only the hours that have events: lay them on the last 24 hour slots.
  const HOUR = 3600 * 1000;
  const byStart = new Map(hours.map((h) => [Math.floor(new Date(h.hour).getTime() / HOUR), h]));
  const current = Math.floor(Date.now() / HOUR);
  const first = Math.min(current - 23, ...byStart.keys());
  const slots = [];
  for (let k = Math.max(first, current - 47); k <= current; k++) slots.push(byStart.get(k) || { hour: new Date(k * HOUR).toISOString() });
  hours = slots;
  barChart(box, hours.map((h) => hhmm(h.hour)), TYPES.map((t) => ({ key: t, label: TYPE_LABEL[t], values: hours.map((h) => h[t] || 0) })),
           { stacked: true, labelEvery: Math.max(1, Math.ceil(hours.length / 8)), title: "events per type per hour" });
}

// --- latest events ---------------------------------------------------------------------------
// A listing row is either an event record or a merged record ({id, event, sources, mentions,
// evidence: [{article_id, text, ...}], first_seen, last_seen}): both read as one flat event.
function flatEvent(rec) {
  if (!rec || !rec.event) return rec;
  const ev = { ...rec.event, id: rec.id || rec.event.id };
  if (Array.isArray(rec.sources)) ev.sources = rec.sources;
  if (typeof rec.mentions === "number") ev.mentions = rec.mentions;
  if (rec.last_seen) ev.last_seen = rec.last_seen;
  if (Array.isArray(rec.evidence) && rec.evidence.length && !(ev.evidence && ev.evidence.text)) ev.evidence = rec.evidence[0];
  return ev;
}
const seenEvents = new Set();
let firstEventsRender = true;
function renderEvents(result) {
  const tbody = $("events-table").tBodies[0];
  if (!result.data) {
    setText("events-hint", result.status === 404 ? "— not served by this worker" : "—");
    if (!tbody.querySelector("tr[data-event-id]")) emptyRow(tbody, 7, "—");
    return;
  }
  const events = (result.data.events || []).slice(0, TABLE_EVENTS).map(flatEvent);
  setText("events-hint", `${fmtInt(result.data.total)} in this worker's tables · newest first`);
  if (!events.length) { emptyRow(tbody, 7, "no events yet"); return; }
  tbody.replaceChildren(...events.map((ev) => {
    const fresh = !firstEventsRender && !seenEvents.has(ev.id);
    seenEvents.add(ev.id);
    const evidence = ev.evidence && ev.evidence.text ? el("q", { text: ev.evidence.text }) : el("span", { class: "muted", text: "—" });
    return el("tr", { "data-event-id": ev.id, "data-type": ev.type, class: fresh ? "fresh" : null },
      el("td", {}, el("span", { class: `badge ${ev.type}`, text: TYPE_LABEL[ev.type] || ev.type }),
         ev.background ? el("div", { class: "muted small", text: "background" }) : null),
      el("td", { class: "date", text: eventDate(ev) || "—" }),
      el("td", { class: "place" }, place(ev)),
      el("td", { class: "actors" }, actors(ev)),
      el("td", { class: "figures" }, figures(ev)),
      el("td", { class: "evidence" }, evidence),
      el("td", { class: "source" }, sources(ev)));
  }));
  firstEventsRender = false;
}

// --- tallies ---------------------------------------------------------------------------------
function renderTallies(result) {
  const tbody = $("tallies-table").tBodies[0];
  const tallies = result.data && Array.isArray(result.data.tallies) ? result.data.tallies : null;
  if (!tallies) {
    setText("tallies-hint", result.status === 404 ? "— not served by this worker yet (/api/tallies)" : "—");
    emptyRow(tbody, 5, "—");
    return;
  }
  setText("tallies-hint", `${tallies.length} part${tallies.length === 1 ? "y" : "ies"} · latest figures per reporter`);
  if (!tallies.length) { emptyRow(tbody, 5, "no casualty figures yet"); return; }
  const rows = [];
  for (const t of tallies) {
    const reporters = t.reporters && t.reporters.length ? t.reporters : [{}];
    reporters.forEach((r, i) => {
      const party = t.party || {};
      const tr = el("tr", { "data-party": party.country || party.name || "" });
      if (i === 0) {
        tr.append(el("td", { rowspan: reporters.length, text: (t.parties || t.conflict || []).join(" – ") || "—" }));
        tr.append(el("td", { rowspan: reporters.length }, actorNode(party.name, party.country)));
      }
      tr.append(el("td", { text: r.reported_by || "unattributed" }));
      tr.append(el("td", { class: "date", text: r.as_of ? String(r.as_of).slice(0, 10) : "—" }));
      const figs = el("td", { class: "figures" }, el("div", { class: "stack" }, ...(r.figures || []).map(figureNode)));
      if (!(r.figures || []).length) figs.replaceChildren(el("span", { class: "muted", text: "—" }));
      tr.append(figs);
      rows.push(tr);
    });
  }
  tbody.replaceChildren(...rows);
}

// --- map -------------------------------------------------------------------------------------
// The outline (world.svg, built by deploy/world) is equirectangular: x = (lon + 180) * s,
// y = (90 - lat) * s, s = the svg's data-scale. Dots use the same formula.
let mapScale = 2;
let mapDots = null;
let mapReady = false;
async function loadMap() {
  const box = $("map");
  try {
    const response = await fetch("/static/world.svg");
    if (!response.ok) throw new Error(String(response.status));
    const text = await response.text();
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    const root = document.importNode(doc.documentElement, true);
    mapScale = Number(root.getAttribute("data-scale")) || 2;
    root.removeAttribute("width");
    root.removeAttribute("height");
    root.setAttribute("preserveAspectRatio", "xMidYMid meet");
    const grat = svg("g", { class: "graticule" });
    for (let lon = -150; lon <= 150; lon += 30) grat.append(svg("line", { x1: (lon + 180) * mapScale, x2: (lon + 180) * mapScale, y1: 0, y2: 180 * mapScale }));
    for (let lat = -60; lat <= 60; lat += 30) grat.append(svg("line", { x1: 0, x2: 360 * mapScale, y1: (90 - lat) * mapScale, y2: (90 - lat) * mapScale }));
    root.insertBefore(grat, root.firstChild);
    mapDots = svg("g", { id: "map-dots" });
    root.append(mapDots);
    box.replaceChildren(root);
    mapReady = true;
  } catch (err) {
    box.replaceChildren(el("div", { class: "empty", text: "— the world outline could not be loaded" }));
  }
}
function project(lon, lat) {
  return [(lon + 180) * mapScale, (90 - lat) * mapScale];
}
function renderMap(result) {
  if (!mapReady) return;
  const events = result.data ? (result.data.events || []).map(flatEvent) : [];
  const places = new Map();
  for (const ev of events) {
    const loc = ev.location || {};
    if (typeof loc.latitude !== "number" || typeof loc.longitude !== "number") continue;
    const key = `${loc.latitude.toFixed(2)},${loc.longitude.toFixed(2)}`;
    const p = places.get(key) || { lat: loc.latitude, lon: loc.longitude, name: loc.name || loc.country || key, count: 0, types: {} };
    p.count += 1;
    p.types[ev.type] = (p.types[ev.type] || 0) + 1;
    places.set(key, p);
  }
  const list = [...places.values()].sort((a, b) => b.count - a.count);
  const children = [];
  for (const p of list) {
    const [x, y] = project(p.lon, p.lat);
    const type = Object.entries(p.types).sort((a, b) => b[1] - a[1])[0][0];
    const r = 2.6 + Math.sqrt(p.count) * 1.4;
    children.push(svg("circle", { class: `halo ${type}`, cx: x.toFixed(1), cy: y.toFixed(1), r: (r + 2.5).toFixed(1) }));
    const dot = svg("circle", { class: `dot ${type}`, cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(1), "data-place": p.name, "data-count": p.count });
    const kinds = Object.entries(p.types).map(([t, n]) => `${n} ${TYPE_LABEL[t] || t}`).join(", ");
    dot.append(svg("title", {}, `${p.name} (${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}): ${kinds}`));
    children.push(dot);
  }
  for (const p of list.slice(0, 10)) {
    const [x, y] = project(p.lon, p.lat);
    children.push(svg("text", { class: "place-label", x: (x + 6).toFixed(1), y: (y + 2.5).toFixed(1) }, p.name));
  }
  mapDots.replaceChildren(...children);
  const located = list.reduce((a, p) => a + p.count, 0);
  setText("map-hint", result.data ? `${list.length} place${list.length === 1 ? "" : "s"} · ${located} of ${events.length} latest events located`
                                  : "— events not available");
}

// --- loop ------------------------------------------------------------------------------------
let refreshes = 0;
async function refresh() {
  const [stats, ready, events, tallies, counts] = await Promise.all([
    getJSON("/api/stats"), getJSON("/ready"), getJSON(`/api/events?limit=${MAP_EVENTS}`),
    getJSON("/api/tallies"), getJSON("/api/counts?hours=24"),
  ]);
  const steps = [() => renderStats(stats.data), () => renderReady(ready), () => renderEvents(events),
                 () => renderMap(events), () => renderTallies(tallies), () => renderHourly(counts)];
  for (const step of steps) {
    try { step(); } catch (err) { console.error(err); }  // one bad panel does not stop the others
  }
  refreshes += 1;
  document.body.dataset.refreshes = String(refreshes);
  setText("updated", stats.status ? new Date().toTimeString().slice(0, 8) : "worker unreachable");
}
async function loop() {
  await refresh();
  setTimeout(loop, REFRESH_MS);
}
loadMap().finally(loop);
