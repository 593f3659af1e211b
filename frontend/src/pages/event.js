// One event: canonical fields, each report's article text with the evidence for
// every field highlighted, the discrepancies between sources and why reports merged.
import { h, clear, fmt } from '../dom.js';
import { getJSON, enc } from '../api.js';
import { highlighted, cssName } from '../highlight.js';
import { swatch } from './events.js';

const FIELD_ORDER = ['event_type', 'sub_event_type', 'date', 'location', 'actor1', 'actor2', 'target', 'weapons',
  'fatalities', 'injuries', 'modality', 'background', 'attribution', 'plover', 'confidence'];

function show(field, v) {
  if (v === null || v === undefined) return '—';
  if (typeof v !== 'object') return fmt(v);
  if (Array.isArray(v) && field !== 'weapons' && field !== 'attribution') return fmt(v);
  if (field === 'date') return [v.value, v.precision && `(${v.precision})`].filter(Boolean).join(' ') || '—';
  if (field === 'location') {
    return [v.name, v.country_code && `(${v.country_code})`, v.lat != null && `${v.lat}, ${v.lon}`,
      v.geo_precision && `precision ${v.geo_precision}`].filter(Boolean).join(' ') || '—';
  }
  if (field === 'actor1' || field === 'actor2') return v.canonical && v.canonical !== v.name ? `${v.name} → ${v.canonical}` : (v.name || '—');
  if (field === 'weapons' && Array.isArray(v)) {
    return v.length ? v.map((w) => (typeof w === 'object' && w ? `${w.count ? `${w.count}× ` : ''}${w.name}${w.category ? ` (${w.category})` : ''}` : fmt(w))).join('; ') : '—';
  }
  if (field === 'fatalities' || field === 'injuries') {
    return v.value == null ? 'unknown' : `${v.qualifier ? `${v.qualifier} ` : ''}${v.value}${v.side ? ` ${v.side}` : ''}`;
  }
  if (field === 'attribution' && Array.isArray(v)) {
    return v.length ? v.map((a) => (typeof a === 'object' && a ? `${a.source}${a.kind ? ` (${a.kind}${a.stance ? `, ${a.stance}` : ''})` : ''}` : fmt(a))).join('; ') : '—';
  }
  if (field === 'plover') return [v.category, v.mode].filter(Boolean).join(' / ') || '—';
  return fmt(v);
}

export async function eventPage(root) {
  const id = new URLSearchParams(location.search).get('id') || '';
  const ev = await getJSON(`/api/events/${enc(id)}`);
  const f = ev.fields || {};
  document.title = `${f.sub_event_type || 'Event'} — eventwire`;
  const fieldRows = FIELD_ORDER.filter((k) => k in f).map((k) => h('tr', {}, h('th', {}, k), h('td', { 'data-field': k }, show(k, f[k]))));
  clear(root).append(
    h('p', {}, h('a', { href: '/' }, '← all events')),
    h('h1', { id: 'event-title' }, swatch(f.sub_event_type), ' ', f.sub_event_type || 'Event', ' — ',
      (f.location && f.location.name) || 'unknown place', ', ', (f.date && f.date.value) || 'undated'),
    ev.storyline ? h('p', {}, 'Storyline: ', h('a', { href: `/storyline?id=${enc(ev.storyline.id)}`, id: 'storyline-link' }, ev.storyline.title || ev.storyline.id)) : null,
    h('section', { class: 'panel' }, h('h2', {}, 'Resolved fields'), h('table', { class: 'fields' }, h('tbody', {}, fieldRows))),
    h('section', { class: 'panel', id: 'reports' }, h('h2', {}, `Reports (${ev.reports.length})`),
      ev.reports.map(reportCard)),
    h('section', { class: 'panel', id: 'discrepancies' }, h('h2', {}, 'Discrepancies between sources'), discrepancyTable(ev.discrepancies || [])),
    h('section', { class: 'panel', id: 'merge-reasons' }, h('h2', {}, 'Why these reports are one event'), mergeList(ev.merge_reasons || [])));
}

function reportCard(r) {
  const ex = r.excerpt || { start: 0, end: 0, text: '' };
  const fields = [...new Set((r.highlights || []).map((x) => x.field))];
  return h('article', { class: 'report', 'data-article': r.article_id },
    h('header', {},
      h('strong', { class: 'source' }, r.source || 'unknown source'), ' · ', fmt(r.published_at), ' · ',
      h('a', { href: `/article?id=${enc(r.article_id)}` }, r.title || r.article_id),
      r.url ? [' · ', h('a', { href: r.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'original')] : null,
      r.report && r.report.modality && r.report.modality !== 'asserted' ? h('span', { class: 'badge' }, r.report.modality) : null,
      r.report && r.report.background ? h('span', { class: 'badge' }, 'background') : null),
    h('ul', { class: 'legend fields-legend' }, fields.map((x) => h('li', {}, h('mark', { class: `hl f-${cssName(x)}` }, x)))),
    h('blockquote', { class: 'excerpt' },
      ex.start > 0 ? '… ' : '', highlighted(ex.text, ex.start, r.highlights || []), ex.end < r.text_length ? ' …' : ''));
}

function discrepancyTable(rows) {
  if (!rows.length) return h('p', { class: 'muted' }, 'The reports agree on every field (or there is one report).');
  return h('table', { class: 'discrepancies' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Field'), h('th', {}, 'Values by source'), h('th', {}, 'Canonical'), h('th', {}, 'Rule'))),
    h('tbody', {}, rows.map((d) => h('tr', {},
      h('td', {}, d.field),
      h('td', {}, h('ul', {}, (d.values || []).map((v) => h('li', {}, h('strong', {}, v.source || v.article_id || '?'), ': ', show(d.field, v.value))))),
      h('td', {}, show(d.field, d.canonical)),
      h('td', {}, fmt(d.rule))))));
}

function mergeList(reasons) {
  if (!reasons.length) return h('p', { class: 'muted' }, 'Single report: nothing was merged.');
  return h('ul', { class: 'merge' }, reasons.map((m) => h('li', {}, Object.entries(m).map(([k, v]) =>
    h('span', { class: 'kv' }, h('b', {}, k), ' ', typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : fmt(v), ' ')))));
}
