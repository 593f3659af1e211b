// Render a stretch of article text with labelled spans as <mark> elements.
// Spans may nest or overlap (the evidence sentence contains the actor, the
// place, ...), so the text is cut at every span boundary and each piece is
// marked with all the fields that cover it. Text always goes in as text nodes.
import { h } from './dom.js';

/**
 * @param {string} text   the excerpt
 * @param {number} base   offset of text[0] in the article
 * @param {{field: string, start: number, end: number}[]} spans  absolute offsets
 * @param {{background?: string}} opts  spans named `background` shade without a mark
 */
export function highlighted(text, base, spans, opts = {}) {
  const bg = opts.background || 'evidence';
  const end = base + text.length;
  const inside = spans
    .map((sp) => ({ field: sp.field, start: Math.max(sp.start, base), end: Math.min(sp.end, end) }))
    .filter((sp) => sp.end > sp.start);
  const cuts = new Set([base, end]);
  for (const sp of inside) { cuts.add(sp.start); cuts.add(sp.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = h('div', { class: 'hl-text' });
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const piece = text.slice(a - base, b - base);
    const cover = inside.filter((sp) => sp.start <= a && sp.end >= b);
    const fields = [...new Set(cover.filter((sp) => sp.field !== bg).map((sp) => sp.field))];
    const inBg = cover.some((sp) => sp.field === bg);
    if (fields.length) {
      const starts = [...new Set(cover.filter((sp) => sp.start === a && sp.field !== bg).map((sp) => sp.field))];
      out.appendChild(h('mark', {
        class: `hl f-${cssName(fields[fields.length - 1])}${inBg ? ' in-ev' : ''}`,
        'data-fields': fields.join(' '),
        'data-label': starts.length ? starts.join('+') : null,
        title: fields.join(', '),
      }, piece));
    } else if (inBg) {
      out.appendChild(h('span', { class: 'ev', 'data-fields': bg }, piece));
    } else {
      out.appendChild(document.createTextNode(piece));
    }
  }
  return out;
}

export function cssName(field) {
  return String(field).toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
