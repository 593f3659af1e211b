// Storylines: the list, and one storyline with its timeline and tally series.
import { h, clear, fmt } from '../dom.js';
import { getJSON, enc } from '../api.js';
import { dotTimeline, tallyChart } from '../charts.js';
import { eventHref, swatch } from './events.js';

export async function storylinesPage(root) {
  const [data, tallies] = await Promise.all([getJSON('/api/storylines'), getJSON('/api/tallies')]);
  clear(root).append(
    h('h1', {}, 'Storylines'),
    h('section', { class: 'panel' }, data.items.length ? h('table', { class: 'storylines' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Storyline'), h('th', {}, 'From'), h('th', {}, 'To'), h('th', {}, 'Events'))),
      h('tbody', {}, data.items.map((s) => h('tr', {},
        h('td', {}, h('a', { href: `/storyline?id=${enc(s.id)}` }, s.title || s.id)),
        h('td', {}, fmt(s.first_date)), h('td', {}, fmt(s.last_date)),
        h('td', { class: 'num' }, String((s.event_ids || []).length))))))
      : h('p', { class: 'muted' }, 'No storylines yet.')),
    h('section', { class: 'panel' }, h('h2', {}, 'Running tallies (all sources)'), tallyChart(tallies.series || [])));
}

export async function storylinePage(root) {
  const id = new URLSearchParams(location.search).get('id') || '';
  const s = await getJSON(`/api/storylines/${enc(id)}`);
  document.title = `${s.title || 'Storyline'} — eventwire`;
  const events = (s.events || []).map((e) => ({
    id: e.id, date: e.date && e.date.value, type: e.sub_event_type,
    label: `${e.sub_event_type || 'Event'} — ${(e.location && e.location.name) || 'unknown place'}`,
  }));
  clear(root).append(
    h('p', {}, h('a', { href: '/storylines' }, '← all storylines')),
    h('h1', { id: 'storyline-title' }, s.title || s.id),
    (s.reasons || []).length ? h('ul', { class: 'reasons' }, s.reasons.map((r) => h('li', {}, fmt(r)))) : null,
    h('section', { class: 'panel' }, h('h2', {}, 'Timeline'), dotTimeline(events, (e) => eventHref(e.id))),
    h('section', { class: 'panel' }, h('h2', {}, 'Events'), h('ol', { class: 'story-events' }, (s.events || []).map((e) =>
      h('li', {}, swatch(e.sub_event_type), ' ', fmt(e.date && e.date.value), ' ',
        h('a', { href: eventHref(e.id) }, e.sub_event_type || 'Event'), ' — ', fmt(e.location && e.location.name))))),
    h('section', { class: 'panel' }, h('h2', {}, 'Tallies reported along this storyline'), tallyChart(s.tallies || [])),
    h('p', {}, h('a', { href: `/?storyline_id=${enc(s.id)}` }, 'Show these events on the map')));
}
