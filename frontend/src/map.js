// The event map: Leaflet over bundled Natural Earth country outlines (world-atlas),
// so no tile server is needed. Online tiles only when the server is configured
// with a tile URL (off by default). Popups are DOM nodes, never HTML strings.
import L from 'leaflet';
import { feature } from 'topojson-client';
import { h } from './dom.js';
import { colorFor } from './colors.js';

let outlines = null; // the country GeoJSON, fetched once per page load

async function countryOutlines() {
  if (!outlines) {
    const res = await fetch('/static/countries-110m.json');
    const topo = await res.json();
    outlines = feature(topo, topo.objects.countries);
  }
  return outlines;
}

export function createMap(el, config) {
  const map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5 });
  map.setView([30, 30], 2);
  map.attributionControl.setPrefix(false);
  if (config && config.tiles_url) {
    L.tileLayer(config.tiles_url, { maxZoom: 12, attribution: 'map tiles: see server configuration' }).addTo(map);
  } else {
    map.attributionControl.addAttribution('Natural Earth (public domain) via world-atlas');
    countryOutlines().then((fc) => {
      L.geoJSON(fc, { interactive: false, style: () => ({ color: '#8a8f98', weight: 0.7, fillColor: '#eef0f3', fillOpacity: 1 }) })
        .addTo(map).bringToBack();
    }).catch(() => { /* outlines are decoration; markers still work */ });
  }
  const markers = L.layerGroup().addTo(map);
  return { map, markers };
}

export function showEvents(view, geojson, hrefFor) {
  view.markers.clearLayers();
  const pts = [];
  for (const f of geojson.features || []) {
    const [lon, lat] = f.geometry.coordinates;
    const p = f.properties || {};
    pts.push([lat, lon]);
    const m = L.circleMarker([lat, lon], {
      radius: 5 + Math.min(8, Math.sqrt(p.fatalities || 0)), color: colorFor(p.sub_event_type), weight: 1,
      fillOpacity: 0.7,
    });
    m.bindPopup(() => h('div', { class: 'popup' },
      h('strong', {}, p.sub_event_type || 'Event'), h('br'),
      `${p.date || 'undated'} — ${p.location || 'unknown place'}`, h('br'),
      p.actor1 ? `${p.actor1}${p.actor2 ? ` vs ${p.actor2}` : ''}` : '', p.actor1 ? h('br') : null,
      h('a', { href: hrefFor(p.id) }, 'Open event')));
    m.addTo(view.markers);
  }
  if (pts.length) view.map.fitBounds(L.latLngBounds(pts).pad(0.3), { maxZoom: 7 });
}

export function bboxOf(view) {
  const b = view.map.getBounds();
  const c = (v, lo, hi) => Math.max(lo, Math.min(hi, v)).toFixed(3);
  return [c(b.getWest(), -180, 180), c(b.getSouth(), -90, 90), c(b.getEast(), -180, 180), c(b.getNorth(), -90, 90)].join(',');
}
