// Build a partial plotly.js bundle with only the given trace types (run by
// `python -m dashboard.export.bundle`, i.e. `make plotly-bundle`):
//
//   node build.mjs --out ../../.cache/plotly-bundle/plotly-export.min.js \
//     --traces scatter,bar,choroplethmap,scattermap
//
// The settings follow plotly.js's own esbuild-config.js (iife, global `Plotly`, es2016,
// `global` → window, regl → @plotly/regl); MapLibre's stylesheet is injected by a <style>
// element when the map module registers, as plotly.js's inline-css plugin does.
import * as esbuild from 'esbuild';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { out: { type: 'string' }, traces: { type: 'string' } },
});
if (!values.out || !values.traces) {
  console.error('usage: node build.mjs --out FILE --traces scatter,bar,...');
  process.exit(2);
}
const traces = values.traces.split(',').map((t) => t.trim()).filter(Boolean);
for (const trace of traces) {
  if (!/^[a-z0-9]+$/.test(trace)) throw new Error(`not a trace type: ${trace}`);
}
const require = createRequire(import.meta.url);
const version = require('plotly.js/package.json').version;
for (const trace of traces) require.resolve(`plotly.js/lib/${trace}`); // fails on unknown types

const entry = [
  "'use strict';",
  "var Plotly = require('plotly.js/lib/core');",
  'Plotly.register([',
  ...traces.filter((t) => t !== 'scatter').map((t) => `  require('plotly.js/lib/${t}'),`),
  ']);',
  'module.exports = Plotly;',
].join('\n');

const inlineCss = {
  name: 'inline-css',
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async (args) => {
      const css = await readFile(args.path, 'utf8');
      const code = "var s = document.createElement('style');"
        + `s.textContent = ${JSON.stringify(css)};`
        + 'document.head.appendChild(s);';
      return { contents: code, loader: 'js' };
    });
  },
};

await esbuild.build({
  stdin: { contents: entry, resolveDir: process.cwd(), sourcefile: 'plotly-export-entry.js' },
  outfile: values.out,
  format: 'iife',
  globalName: 'Plotly',
  bundle: true,
  minify: true,
  sourcemap: false,
  legalComments: 'eof',
  banner: {
    js: `/*! plotly.js v${version} (MIT licence), partial bundle: ${traces.join(', ')}. `
      + 'Includes MapLibre GL JS (BSD-3-Clause). Licence notices at the end. */',
  },
  plugins: [inlineCss],
  alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
  define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
  target: 'es2016',
  logLevel: 'warning',
});
console.log(`plotly.js v${version} (${traces.join(', ')}) → ${values.out}`);
