// Small hand-drawn SVG charts (no chart library: a few hundred bytes beat 200 kB).
import { s, h } from './dom.js';
import { colorFor } from './colors.js';

const DAY = 86400000;
const iso = (t) => new Date(t).toISOString().slice(0, 10);
const parse = (d) => Date.parse(`${d.slice(0, 10)}T00:00:00Z`);

/** Stacked bars: events per day by type. byDayType = {day: {type: n}}. onPick(day) on click. */
export function timelineChart(byDayType, onPick) {
  const days = Object.keys(byDayType).filter((d) => !Number.isNaN(parse(d))).sort();
  const wrap = h('figure', { class: 'chart timeline' });
  if (!days.length) {
    wrap.appendChild(h('p', { class: 'muted' }, 'No dated events for these filters.'));
    return wrap;
  }
  let first = parse(days[0]);
  const last = parse(days[days.length - 1]);
  const maxDays = 366;
  if ((last - first) / DAY > maxDays) first = last - maxDays * DAY;
  const n = Math.round((last - first) / DAY) + 1;
  const W = 900; const H = 160; const padL = 32; const padB = 22; const padT = 8;
  const bw = (W - padL) / n;
  const totals = days.map((d) => Object.values(byDayType[d]).reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'timeline-svg', role: 'img', 'aria-label': 'Events per day by type' });
  const y = (v) => padT + (H - padT - padB) * (1 - v / max);
  svg.appendChild(s('line', { x1: padL, x2: W, y1: H - padB, y2: H - padB, class: 'axis' }));
  svg.appendChild(s('text', { x: padL - 4, y: y(max) + 4, class: 'tick', 'text-anchor': 'end' }, String(max)));
  svg.appendChild(s('text', { x: padL - 4, y: H - padB, class: 'tick', 'text-anchor': 'end' }, '0'));
  const types = new Set();
  for (const d of days) {
    const t = parse(d);
    if (t < first) continue;
    const x = padL + ((t - first) / DAY) * bw;
    let acc = 0;
    const g = s('g', { class: 'bar', 'data-day': d });
    for (const [type, count] of Object.entries(byDayType[d]).sort()) {
      types.add(type);
      const rect = s('rect', {
        x: x + 0.5, width: Math.max(1, bw - 1), y: y(acc + count), height: y(acc) - y(acc + count), fill: colorFor(type),
      }, s('title', {}, `${d} — ${type}: ${count}`));
      acc += count;
      g.appendChild(rect);
    }
    if (onPick) g.addEventListener('click', () => onPick(d));
    svg.appendChild(g);
  }
  const ticks = Math.min(6, n);
  for (let i = 0; i < ticks; i++) {
    const t = first + Math.round((i * (n - 1)) / Math.max(1, ticks - 1)) * DAY;
    const x = padL + ((t - first) / DAY) * bw + bw / 2;
    svg.appendChild(s('text', { x, y: H - 6, class: 'tick', 'text-anchor': 'middle' }, iso(t)));
  }
  wrap.appendChild(svg);
  wrap.appendChild(legend([...types].sort()));
  return wrap;
}

export function legend(types) {
  return h('ul', { class: 'legend' }, types.map((t) => h('li', {},
    s('svg', { width: 10, height: 10, class: 'swatch' }, s('rect', { width: 10, height: 10, fill: colorFor(t) })), ' ', t)));
}

/** Dots on a time axis: the events of a storyline. events = [{id, date, label, type}]. */
export function dotTimeline(events, hrefFor) {
  const dated = events.filter((e) => e.date && !Number.isNaN(parse(e.date)));
  const wrap = h('figure', { class: 'chart dots' });
  if (!dated.length) return wrap;
  const first = parse(dated[0].date);
  const last = parse(dated[dated.length - 1].date);
  const span = Math.max(DAY, last - first);
  const W = 900; const rowH = 22; const padL = 16; const labelW = 340; const H = 30 + rowH * dated.length;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'dots-svg', role: 'img', 'aria-label': 'Storyline timeline' });
  const x = (t) => padL + ((W - padL - labelW) * (t - first)) / span;
  svg.appendChild(s('line', { x1: padL, x2: W - labelW, y1: 14, y2: 14, class: 'axis' }));
  svg.appendChild(s('text', { x: padL, y: 10, class: 'tick', 'text-anchor': 'start' }, iso(first)));
  svg.appendChild(s('text', { x: W - labelW, y: 10, class: 'tick', 'text-anchor': 'end' }, iso(last)));
  dated.forEach((e, i) => {
    const cx = x(parse(e.date));
    const cy = 30 + i * rowH;
    svg.appendChild(s('line', { x1: cx, x2: cx, y1: 14, y2: cy, class: 'guide' }));
    const a = s('a', { href: hrefFor(e) });
    a.appendChild(s('circle', { cx, cy, r: 6, fill: colorFor(e.type) }, s('title', {}, `${e.date} ${e.label}`)));
    a.appendChild(s('text', { x: W - labelW + 12, y: cy + 4, class: 'dot-label' }, `${e.date.slice(0, 10)}  ${e.label}`));
    svg.appendChild(a);
  });
  wrap.appendChild(svg);
  return wrap;
}

/** Line chart of tally series: [{label, points: [{as_of, count, source, flags}]}]. */
export function tallyChart(series) {
  const pts = series.flatMap((se) => se.points.filter((p) => p.as_of && p.count !== null));
  const wrap = h('figure', { class: 'chart tallies' });
  if (!pts.length) {
    wrap.appendChild(h('p', { class: 'muted' }, 'No dated tallies.'));
    return wrap;
  }
  const times = pts.map((p) => parse(p.as_of));
  const t0 = Math.min(...times); const t1 = Math.max(...times);
  const max = Math.max(1, ...pts.map((p) => p.count));
  const W = 900; const H = 220; const padL = 40; const padB = 24; const padT = 10; const padR = 20;
  const x = (t) => padL + ((W - padL - padR) * (t - t0)) / Math.max(DAY, t1 - t0);
  const y = (v) => padT + (H - padT - padB) * (1 - v / max);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'tally-svg', role: 'img', 'aria-label': 'Tally series' });
  svg.appendChild(s('line', { x1: padL, x2: W - padR, y1: H - padB, y2: H - padB, class: 'axis' }));
  svg.appendChild(s('text', { x: padL - 4, y: y(max) + 4, class: 'tick', 'text-anchor': 'end' }, String(max)));
  svg.appendChild(s('text', { x: padL, y: H - 6, class: 'tick' }, iso(t0)));
  svg.appendChild(s('text', { x: W - padR, y: H - 6, class: 'tick', 'text-anchor': 'end' }, iso(t1)));
  series.forEach((se) => {
    const color = colorFor(`tally:${se.label}`);
    const p = se.points.filter((q) => q.as_of && q.count !== null);
    if (p.length > 1) {
      svg.appendChild(s('polyline', {
        points: p.map((q) => `${x(parse(q.as_of))},${y(q.count)}`).join(' '), fill: 'none', stroke: color, class: 'series',
      }));
    }
    for (const q of p) {
      const flags = (q.flags || []).map((f) => (typeof f === 'string' ? f : f.flag || JSON.stringify(f)));
      const flagged = flags.length > 0;
      svg.appendChild(s('circle', { cx: x(parse(q.as_of)), cy: y(q.count), r: flagged ? 6 : 4, fill: color,
        class: flagged ? 'flagged' : null },
      s('title', {}, `${q.as_of}: ${q.qualifier ? `${q.qualifier} ` : ''}${q.count} (${q.source || 'unknown source'})${flagged ? ` — ${flags.join(', ')}` : ''}`)));
    }
  });
  wrap.appendChild(svg);
  wrap.appendChild(h('ul', { class: 'legend' }, series.map((se) => h('li', {},
    s('svg', { width: 10, height: 10, class: 'swatch' }, s('rect', { width: 10, height: 10, fill: colorFor(`tally:${se.label}`) })),
    ' ', se.label))));
  return wrap;
}
