// The analyst's desk: a tiny router over same-origin pages; state lives in the URL.
import './app.css';
import { h, clear } from './dom.js';
import { getJSON } from './api.js';
import { eventsPage } from './pages/events.js';
import { eventPage } from './pages/event.js';
import { storylinePage, storylinesPage } from './pages/storyline.js';
import { articlePage } from './pages/article.js';
import { docsPage } from './pages/docs.js';

const ROUTES = {
  '/': eventsPage, '/event': eventPage, '/storyline': storylinePage, '/storylines': storylinesPage,
  '/article': articlePage, '/docs': docsPage,
};
let config = {};

function navigate(url) {
  history.pushState(null, '', url);
  render();
}

async function render() {
  const root = document.getElementById('app');
  const page = ROUTES[location.pathname];
  document.body.setAttribute('data-page', location.pathname);
  document.body.removeAttribute('data-ready');
  try {
    if (!page) throw new Error(`no page at ${location.pathname}`);
    await page(root, navigate, config);
  } catch (err) {
    clear(root).append(h('div', { class: 'error', role: 'alert' }, h('strong', {}, 'Could not load this page: '),
      err.message || String(err), err.hint ? h('p', {}, err.hint) : null));
  }
  document.body.setAttribute('data-ready', '1');
}

// Same-origin links are handled here so the map and charts are not re-fetched needlessly.
document.addEventListener('click', (ev) => {
  const a = ev.target.closest && ev.target.closest('a[href]');
  if (!a || a.getAttribute('target') || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
  const url = new URL(a.getAttribute('href'), location.href);
  if (url.origin !== location.origin || !(url.pathname in ROUTES)) return;
  ev.preventDefault();
  navigate(url.pathname + url.search);
});
window.addEventListener('popstate', render);

async function start() {
  config = await getJSON('/api/config').catch(() => ({}));
  render();
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
