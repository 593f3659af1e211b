// Build the dashboard into eventwire/server/static/ (those files are committed, so
// installing eventwire needs no npm and the page loads nothing from a CDN).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'eventwire', 'server', 'static');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: { app: join(here, 'src', 'main.js') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  outdir: out,
  loader: { '.png': 'file', '.svg': 'file' },
  assetNames: 'img/[name]-[hash]',
  legalComments: 'linked',
  logLevel: 'info',
});
// Natural Earth 1:110m country outlines (public domain), fetched by the map at run time.
copyFileSync(join(here, 'node_modules', 'world-atlas', 'countries-110m.json'), join(out, 'countries-110m.json'));
copyFileSync(join(here, 'favicon.svg'), join(out, 'favicon.svg'));
// Licences of what the bundle contains (Leaflet BSD-2-Clause, topojson-client and world-atlas ISC).
writeFileSync(join(out, 'THIRD-PARTY-LICENSES.txt'), ['leaflet', 'topojson-client', 'world-atlas']
  .map((p) => `== ${p} ==\n${readFileSync(join(here, 'node_modules', p, 'LICENSE'), 'utf8')}`).join('\n'));

let total = 0;
const walk = (d) => readdirSync(d).forEach((f) => {
  const p = join(d, f);
  if (statSync(p).isDirectory()) walk(p); else total += statSync(p).size;
});
walk(out);
console.log(`static bundle: ${(total / 1024).toFixed(1)} kB`);
if (total > 1.5 * 1024 * 1024) { console.error('bundle exceeds 1.5 MB'); process.exit(1); }
