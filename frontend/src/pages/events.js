// Home: map + timeline + filterable event list. Every filter lives in the query
// string, so a view can be bookmarked, shared and navigated with Back/Forward.
import { h, s, clear, fmt } from '../dom.js';
import { getJSON, enc } from '../api.js';
import { timelineChart } from '../charts.js';
import { createMap, showEvents, bboxOf } from '../map.js';
import { seedColors, colorFor } from '../colors.js';

const FILTERS = ['q', 'sub_event_type', 'event_type', 'date_from', 'date_to', 'country', 'actor', 'storyline_id', 'bbox'];
const PAGE = 50;
export const eventHref = (id) => `/event?id=${enc(id)}`;

function current() {
  const qs = new URLSearchParams(location.search);
  const f = {};
  for (const k of FILTERS) if (qs.get(k)) f[k] = qs.get(k);
  return { filters: f, offset: Math.max(0, parseInt(qs.get('offset') || '0', 10) || 0) };
}

export function go(filters, offset, navigate) {
  const qs = new URLSearchParams();
  for (const k of FILTERS) if (filters[k]) qs.set(k, filters[k]);
  if (offset) qs.set('offset', String(offset));
  const q = qs.toString();
  navigate(q ? `/?${q}` : '/');
}

export async function eventsPage(root, navigate, config) {
  const { filters, offset } = current();
  const stats = await getJSON('/api/stats', filters).catch(() => ({}));
  seedColors(Object.keys(stats.by_type || {}));
  const form = filterForm(filters, stats, navigate);
  const mapEl = h('div', { id: 'map', class: 'map' });
  const timeline = h('section', { class: 'panel' }, h('h2', {}, 'Events per day by type'),
    timelineChart(stats.by_day_type || {}, (day) => go({ ...filters, date_from: day, date_to: day }, 0, navigate)),
    stats.truncated ? h('p', { class: 'muted' }, `Timeline of the newest ${stats.scanned} events; narrow the filters to see all.`) : null);
  const listEl = h('section', { class: 'panel', id: 'event-list' }, h('p', { class: 'muted' }, 'Loading events…'));
  clear(root).append(
    h('section', { class: 'panel filters' }, form),
    h('div', { class: 'grid2' },
      h('section', { class: 'panel' }, h('h2', {}, 'Map'), mapEl,
        h('button', { type: 'button', id: 'bbox-btn', onclick: () => go({ ...filters, bbox: bboxOf(view) }, 0, navigate) },
          'Filter to map view')),
      timeline),
    listEl);
  const view = createMap(mapEl, config);
  const [page, geo] = await Promise.all([
    getJSON('/api/events', { ...filters, limit: PAGE, offset }),
    getJSON('/api/events.geojson', { ...filters, limit: 2000 }),
  ]);
  showEvents(view, geo, eventHref);
  clear(listEl).append(eventTable(page, filters, offset, navigate));
}

function filterForm(filters, stats, navigate) {
  const types = Object.keys(stats.by_type || {}).filter((t) => t && t !== 'null').sort();
  const input = (name, label, attrs = {}) => h('label', {}, label,
    h('input', { name, value: filters[name] || '', ...attrs }));
  const select = h('select', { name: 'sub_event_type' }, h('option', { value: '' }, 'any type'),
    types.map((t) => h('option', { value: t, selected: t === filters.sub_event_type }, t)));
  if (filters.sub_event_type && !types.includes(filters.sub_event_type)) {
    select.appendChild(h('option', { value: filters.sub_event_type, selected: true }, filters.sub_event_type));
  }
  const form = h('form', { id: 'filters', class: 'filter-form' },
    input('q', 'Search evidence', { type: 'search', placeholder: 'e.g. drone' }),
    h('label', {}, 'Type', select),
    input('date_from', 'From', { type: 'date' }),
    input('date_to', 'To', { type: 'date' }),
    input('country', 'Country (ISO-2)', { size: 3, maxlength: 2, pattern: '[A-Za-z]{2}' }),
    input('actor', 'Actor'),
    filters.bbox ? input('bbox', 'Map box') : null,
    filters.storyline_id ? input('storyline_id', 'Storyline') : null,
    h('button', { type: 'submit' }, 'Apply'),
    h('a', { href: '/', class: 'reset' }, 'Reset'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
    go({ ...filters, ...data }, 0, navigate);
  });
  return form;
}

function eventTable(page, filters, offset, navigate) {
  const rows = page.items.map((e) => {
    const loc = e.location || {};
    return h('tr', { 'data-id': e.id },
      h('td', {}, fmt(e.date && e.date.value)),
      h('td', {}, swatch(e.sub_event_type), ' ',
        h('a', { href: eventHref(e.id), class: 'event-link' }, e.sub_event_type || 'Event')),
      h('td', {}, fmt(loc.name), loc.country_code ? ` (${loc.country_code})` : ''),
      h('td', {}, fmt(e.actor1 && (e.actor1.canonical || e.actor1.name))),
      h('td', {}, fmt(e.actor2 && (e.actor2.canonical || e.actor2.name))),
      h('td', { class: 'num' }, fmt(e.fatalities && e.fatalities.value)),
      h('td', { class: 'num' }, fmt(e.n_reports)));
  });
  const end = Math.min(page.total, offset + page.items.length);
  const nav = h('div', { class: 'pager' },
    h('span', { id: 'total' }, `${page.total} events${page.total ? ` — showing ${offset + 1}–${end}` : ''}`),
    offset > 0 ? h('button', { type: 'button', onclick: () => go(filters, Math.max(0, offset - PAGE), navigate) }, '← Newer') : null,
    end < page.total ? h('button', { type: 'button', onclick: () => go(filters, offset + PAGE, navigate) }, 'Older →') : null);
  return h('div', {}, h('h2', {}, 'Events'), nav, downloads(filters),
    h('table', { class: 'events' },
      h('thead', {}, h('tr', {}, ['Date', 'Type', 'Place', 'Actor 1', 'Actor 2', 'Fatalities', 'Reports'].map((t) => h('th', {}, t)))),
      h('tbody', {}, rows)));
}

// The same filters as the list, every matching event (not just this page), from GET /api/export/{format}.
function downloads(filters) {
  const qs = new URLSearchParams();
  for (const k of FILTERS) if (filters[k]) qs.set(k, filters[k]);
  const q = qs.toString() ? `?${qs}` : '';
  const link = (format, label) => h('a', { href: `/api/export/${format}${q}`, download: '', class: 'download' }, label);
  return h('p', { class: 'downloads muted', id: 'downloads' }, 'Download these events: ',
    link('csv', 'CSV (ACLED columns)'), ' · ', link('geojson', 'GeoJSON'), ' · ', link('jsonl', 'JSON Lines'),
    ' · ', link('plover', 'PLOVER'), ' · ', link('parquet', 'Parquet'));
}

export function swatch(type) {
  return s('svg', { width: 10, height: 10, class: 'swatch' }, s('circle', { cx: 5, cy: 5, r: 5, fill: colorFor(type) }));
}
