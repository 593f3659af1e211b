// Safe DOM building. Data only ever reaches the page through text nodes and
// attribute values set with setAttribute: never innerHTML, never a string that
// the browser parses as markup. This is what keeps article text inert.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A URL that is safe to put in href: same-origin paths, or http(s) links. */
export function safeHref(value) {
  const s = String(value ?? '');
  if (s.startsWith('/') && !s.startsWith('//')) return s;
  if (s.startsWith('?') || s.startsWith('#')) return s;
  try {
    const u = new URL(s);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
  } catch (_) { /* not a URL */ }
  return '#';
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.setAttribute('class', String(v));
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'href') el.setAttribute('href', safeHref(v));
    else if (k === 'style') throw new Error('inline style is blocked by our CSP; use a class');
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** h('a', {href: '/x'}, 'text', child, ...) -> HTMLElement; strings become text nodes. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** The same for SVG elements. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function fmt(v) {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) return v.map((x) => fmt(x)).join('; ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
