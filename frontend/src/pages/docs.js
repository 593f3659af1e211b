// A small offline API reference rendered from /openapi.json (Swagger UI would need a CDN and inline script).
import { h, clear, fmt } from '../dom.js';
import { getJSON } from '../api.js';

export async function docsPage(root) {
  const spec = await getJSON('/openapi.json');
  const ops = [];
  for (const [path, item] of Object.entries(spec.paths || {})) {
    for (const [method, op] of Object.entries(item)) ops.push({ path, method: method.toUpperCase(), op });
  }
  clear(root).append(
    h('h1', {}, `${spec.info.title} API ${spec.info.version || ''}`),
    h('p', {}, fmt(spec.info.summary), ' The machine-readable description is at ', h('a', { href: '/openapi.json' }, '/openapi.json'), '.'),
    h('p', { class: 'muted' }, 'Every error has the shape {"error": {"code", "type", "message", "hint"}}.'),
    ...ops.map(({ path, method, op }) => h('section', { class: 'panel op' },
      h('h2', {}, h('code', {}, `${method} ${path}`)), h('p', {}, fmt(op.summary)),
      (op.parameters || []).length ? h('table', { class: 'params' },
        h('thead', {}, h('tr', {}, ['name', 'in', 'required', 'description'].map((x) => h('th', {}, x)))),
        h('tbody', {}, op.parameters.map((p) => h('tr', {}, h('td', {}, h('code', {}, p.name)), h('td', {}, p.in),
          h('td', {}, p.required ? 'yes' : 'no'), h('td', {}, fmt(p.description)))))) : null)));
}
