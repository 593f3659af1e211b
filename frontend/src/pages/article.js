// One article: its full text with every extracted span (mentions, places, times, event evidence).
import { h, clear, fmt } from '../dom.js';
import { getJSON, enc } from '../api.js';
import { highlighted, cssName } from '../highlight.js';

export async function articlePage(root) {
  const id = new URLSearchParams(location.search).get('id') || '';
  const a = await getJSON(`/api/articles/${enc(id)}`);
  document.title = `${a.title || a.id} — eventwire`;
  const spans = [];
  for (const m of a.mentions || []) spans.push({ field: m.label || 'mention', start: m.start, end: m.end });
  for (const p of a.places || []) spans.push({ field: 'place', start: p.start, end: p.end });
  for (const t of a.times || []) spans.push({ field: 'time', start: t.start, end: t.end });
  for (const x of a.event_highlights || []) spans.push({ field: x.field, start: x.start, end: x.end });
  for (const r of a.removed || []) spans.push({ field: 'removed', start: r.start, end: r.end });
  const labels = [...new Set(spans.map((x) => x.field))].filter((x) => x !== 'evidence');
  const text = a.text || '';
  clear(root).append(
    h('h1', { id: 'article-title' }, a.title || a.id),
    h('p', { class: 'muted' }, fmt(a.source), ' · ', fmt(a.published_at),
      a.url ? [' · ', h('a', { href: a.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'original')] : null),
    h('ul', { class: 'legend fields-legend' }, labels.map((x) => h('li', {}, h('mark', { class: `hl f-${cssName(x)}` }, x)))),
    h('section', { class: 'panel article-text' }, highlighted(text, 0, spans)),
    h('section', { class: 'panel' }, h('h2', {}, `Event reports (${(a.events || []).length})`),
      h('ul', {}, (a.events || []).map((e) => h('li', {}, `${e.sub_event_type || 'Event'} — ${fmt(e.modality)}${e.background ? ' (background)' : ''}`)))));
}
