// Builds the world outline of the dashboard map: streams/web/static/world.svg.
//
// Source: world-atlas 2.0.2 `countries-110m.json` (Natural Earth 1:110m admin-0 countries,
// public domain; TopoJSON by Mike Bostock, ISC), converted with topojson-client 3.1.0.
// Projection: equirectangular (plate carrée), linear in lon/lat:
//     x = (lon + 180) * SCALE        y = (90 - lat) * SCALE        SCALE = 2 units per degree
// so the view box is 0 0 720 360. The dashboard places event dots with the same formula
// (streams/web/static/dashboard.js, `project`), and reads SCALE from the svg's data-scale.
//
// Usage: npm ci && node build-world-svg.mjs ../../streams/web/static/world.svg
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const SCALE = 2;                 // view-box units per degree
const DIGITS = 1;                // decimals kept: 0.05 degree
const MIN_STEP = 0.6;            // drop a vertex closer than this (view-box units) to the last kept one
const MIN_RING_AREA = 0.8;       // drop rings smaller than this (square units): specks at this size

const out = process.argv[2];
if (!out) {
  console.error("usage: node build-world-svg.mjs OUTPUT.svg");
  process.exit(2);
}
const topology = JSON.parse(readFileSync(require.resolve("world-atlas/countries-110m.json"), "utf8"));
const countries = feature(topology, topology.objects.countries);

const px = ([lon, lat]) => [(lon + 180) * SCALE, (90 - lat) * SCALE];
const fmt = (v) => {
  const s = v.toFixed(DIGITS);
  return s.endsWith(".0") ? s.slice(0, -2) : s;
};

// Rings that cross the antimeridian (Fiji, Russia's Chukotka) jump by ~360 degrees between two
// vertices; unwrap them into continuous longitudes and draw a second copy shifted by 360 on the
// other side (the view box clips the overflow). A ring around a pole (Antarctica) does not
// close after unwrapping: close it along the pole's latitude.
function unwrap(ring) {
  const pts = [ring[0].slice()];
  for (let i = 1; i < ring.length; i++) {
    let [lon, lat] = ring[i];
    const prev = pts[pts.length - 1][0];
    while (lon - prev > 180) lon -= 360;
    while (lon - prev < -180) lon += 360;
    pts.push([lon, lat]);
  }
  const first = pts[0], last = pts[pts.length - 1];
  if (Math.abs(last[0] - first[0]) > 180) {
    const pole = pts.reduce((s, p) => s + p[1], 0) < 0 ? -90 : 90;
    pts.push([last[0], pole], [first[0], pole]);
  }
  return pts;
}

function copies(pts) {
  const lons = pts.map((p) => p[0]);
  const min = Math.min(...lons), max = Math.max(...lons);
  const out = [pts];
  if (max > 180) out.push(pts.map(([lon, lat]) => [lon - 360, lat]));
  if (min < -180) out.push(pts.map(([lon, lat]) => [lon + 360, lat]));
  return out;
}

function simplify(xy) {
  const kept = [xy[0]];
  for (let i = 1; i < xy.length - 1; i++) {
    const [x0, y0] = kept[kept.length - 1];
    if (Math.hypot(xy[i][0] - x0, xy[i][1] - y0) >= MIN_STEP) kept.push(xy[i]);
  }
  kept.push(xy[xy.length - 1]);
  return kept;
}

function area(xy) {
  let a = 0;
  for (let i = 0, j = xy.length - 1; i < xy.length; j = i++) a += (xy[j][0] + xy[i][0]) * (xy[j][1] - xy[i][1]);
  return Math.abs(a / 2);
}

function ringPath(xy) {
  let d = "M" + fmt(xy[0][0]) + " " + fmt(xy[0][1]);
  let last = [xy[0][0], xy[0][1]].map((v) => Number(fmt(v)));
  for (const [x, y] of xy.slice(1)) {
    const p = [Number(fmt(x)), Number(fmt(y))];
    if (p[0] === last[0] && p[1] === last[1]) continue;
    // relative moves are shorter than absolute ones
    d += "l" + fmt(p[0] - last[0]) + " " + fmt(p[1] - last[1]);
    last = p;
  }
  return d + "z";
}

const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
const paths = [];
for (const f of countries.features) {
  if (!f.geometry) continue;
  const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  let d = "";
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const copy of copies(unwrap(ring))) {
        const xy = simplify(copy.map(px));
        if (xy.length < 4 || area(xy) < MIN_RING_AREA) continue;
        d += ringPath(xy);
      }
    }
  }
  if (!d) continue;
  const name = escape(f.properties.name);
  paths.push(`<path class="country" data-id="${f.id ?? ""}" data-name="${name}" d="${d}"><title>${name}</title></path>`);
}

const W = 360 * SCALE, H = 180 * SCALE;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" ` +
  `data-projection="equirectangular" data-scale="${SCALE}" fill-rule="evenodd">\n` +
  `<!-- Natural Earth 1:110m countries (public domain) via world-atlas 2.0.2; built by deploy/world/build-world-svg.mjs. ` +
  `x = (lon + 180) * ${SCALE}, y = (90 - lat) * ${SCALE}. -->\n` +
  `<g class="countries">\n${paths.join("\n")}\n</g>\n</svg>\n`;
writeFileSync(out, svg);
console.log(`${out}: ${paths.length} countries, ${svg.length} bytes`);
