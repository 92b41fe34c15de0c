"""The browser code that frames the map and keeps its names inside its edges, in one place.

:data:`FIT_JS` is that code; :func:`fit_library` makes it a script of its own that sets
``window.mapFit``. The dashboard's map pages send that script once per page
(:func:`dashboard.ui.map_panel.load_map_library`), and their map scripts wait for it
(:func:`using_library`); the static export puts it in front of its ``site.js``, so that its
interactive map on a phone opens and writes its names as the dashboard's does. The proposals'
map script (:mod:`dashboard.ui.deal`) pastes the small :data:`MAP_JS`. Pure strings: nothing
here imports streamlit.
"""

from __future__ import annotations

import json

from dashboard.figures.map_areas import SOURCE_MAX_ZOOM
from dashboard.figures.map_labels import (
    CALLOUT_LAYER,
    CITY_DOTS_LAYER,
    CITY_LAYER,
    STATUS_MIN_ZOOM,
)
from dashboard.figures.map_style import PER_FEATURE_KEY, PER_FEATURE_PAINT
from dashboard.figures.maps import NARROW_CALLOUT_SHIFT, NARROW_CALLOUT_SIZE, NARROW_VIEW

#: Browser helpers for scripts that work on the page's plotly map (paste into a script's body):
#: ``findMap()`` gives the chart's element and its MapLibre map (or nulls); ``framed(map, box,
#: options, tolerance)`` is true when the view already shows ``box`` as ``map.fitBounds(box,
#: options)`` would, within ``tolerance`` (``{zoom, degrees}``), so a script can leave a map
#: that is framed alone (every re-framing makes MapLibre re-cut its tiles).
MAP_JS = """
  const findMap = () => {
    const plots = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')];
    const gd = plots.find(g => g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot);
    const map = gd ? gd._fullLayout.map._subplot.map : null;
    // MapLibre's fadeDuration option, which plotly does not pass on: names appear at once
    // after a zoom instead of fading in, and the map is done (loaded, idle) 300 ms sooner.
    if (map && map._fadeDuration) map._fadeDuration = 0;
    return gd ? [gd, map] : [null, null];
  };
  const framed = (map, box, options, tolerance) => {
    const camera = map.cameraForBounds([[box[0], box[1]], [box[2], box[3]]], options);
    if (!camera) return true;
    const center = map.getCenter(), want = camera.center;
    const [lng, lat] = Array.isArray(want) ? want : [want.lng, want.lat];
    return Math.abs(map.getZoom() - camera.zoom) < tolerance.zoom
      && Math.abs(center.lng - lng) < tolerance.degrees
      && Math.abs(center.lat - lat) < tolerance.degrees;
  };
""".strip()


#: Fitting the map to a box, shared by the map page's scripts (:mod:`dashboard.ui.map_panel`),
#: so that all ask MapLibre for the same camera, and by the export's ``site.js``: a
#: selection's box with some padding, the overview's frame without; a map that already shows
#: it is left alone (see ``MAP_JS``).
FIT_JS = (
    MAP_JS
    + """
  const fitOptions = (target) => ({padding: target ? 36 : 0, maxZoom: 7.5});
  const exactly = {zoom: 0.05, degrees: 0.02};
  // Where the map is: the box's own camera, or where the last fit to this box left it (the
  // frame's bounds hold the overview at a closer zoom than the box's camera).
  const fittedTo = (map, box, target) => {
    if (framed(map, box, fitOptions(target), exactly)) return true;
    const last = map.__lastFit, center = map.getCenter();
    return !!last && last.key === JSON.stringify([box, !!target])
      && Math.abs(map.getZoom() - last.zoom) < exactly.zoom
      && Math.abs(center.lng - last.lng) < exactly.degrees
      && Math.abs(center.lat - last.lat) < exactly.degrees;
  };
  const fitMap = (map, box, target) => {
    if (fittedTo(map, box, target)) return false;
    map.fitBounds([[box[0], box[1]], [box[2], box[3]]], {...fitOptions(target), duration: 0});
    const center = map.getCenter();
    map.__lastFit = {
      key: JSON.stringify([box, !!target]), zoom: map.getZoom(), lng: center.lng, lat: center.lat,
    };
    return true;
  };
  // A map too narrow to show the narrow view at the zoom the frame's height sets (a phone)
  // shows the narrow view as its overview, with the frame's bounds widened to let it in.
  const narrowView = NARROW_VIEW;
  const cameraZoom = (map, box) => {
    const camera = map.cameraForBounds([[box[0], box[1]], [box[2], box[3]]], {padding: 0});
    return camera ? camera.zoom : map.getZoom();
  };
  const isNarrow = (map, frame) => {
    const lon = (frame[0] + frame[2]) / 2;
    return cameraZoom(map, narrowView) < cameraZoom(map, [lon, frame[1], lon, frame[3]]) - 0.01;
  };
  const overviewBox = (map, frame) => {
    if (!isNarrow(map, frame)) return frame;
    if (!map.__narrowBounds) {
      map.__narrowBounds = true;
      map.setMaxBounds(null);
      // the frame, and half a tile's width around the narrow view: all a phone's map shows
      // around it, with some room to pan
      const pad = 180 / Math.pow(2, cameraZoom(map, narrowView));
      const [west, south, east, north] = narrowView;
      map.setMaxBounds([
        [Math.min(frame[0], west - pad), Math.min(frame[1], south - pad)],
        [Math.max(frame[2], east + pad), Math.max(frame[3], north + pad)],
      ]);
      // the callouts' text, written for a desktop map, is set a little smaller and to the
      // right (over its own leader line) so that it stays inside a phone's map
      if (map.getLayer(CALLOUT_LAYER)) {
        map.setLayoutProperty(CALLOUT_LAYER, 'text-size', NARROW_CALLOUT_SIZE);
        map.setPaintProperty(CALLOUT_LAYER, 'text-translate', NARROW_CALLOUT_SHIFT);
      }
    }
    return narrowView;
  };
  // The overview writes its names inside the map's edges (MapLibre places a name that an
  // edge cuts, and a phone's or a tablet's map is narrower than the frame): a name beside its
  // dot goes to the other side; a centred one (a country, a sea, a region) moves in by at
  // most half its width, so it still covers its point; one that still does not fit, whose
  // dot lies outside, or that would now overlap another name, is left out (a city with its
  // dot). ``labels`` are ``label_extents`` (dashboard.figures.map_labels); ``camera`` is the
  // overview's ``{center, zoom}``.
  // Where (lon, lat) stands on a ``w`` × ``h`` px map in the view ``camera`` ({center, zoom}).
  const projector = (camera, w, h) => {
    const world = 512 * Math.pow(2, camera.zoom);
    const mx = (lon) => (lon + 180) / 360 * world;
    const my = (lat) => {
      const s = Math.sin(lat * Math.PI / 180);
      return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * world;
    };
    const cx = mx(camera.center.lng), cy = my(camera.center.lat);
    return (lon, lat) => [w / 2 + mx(lon) - cx, h / 2 + my(lat) - cy];
  };
  // The left and right (px) of a text ``width`` px wide, anchored at x (MapLibre's
  // ``text-anchor``) and moved by dx; and how far (px) from the map's edges text must stand.
  const span = (x, anchor, dx, width) => anchor === 'left' ? [x + dx, x + dx + width]
    : anchor === 'right' ? [x + dx - width, x + dx] : [x + dx - width / 2, x + dx + width / 2];
  const margin = 4;
  const fitLabels = (map, camera, labels) => {
    if (map.__labelsFitted || !labels.length || !camera) return;
    map.__labelsFitted = true;
    const canvas = map.getCanvas(), w = canvas.clientWidth, h = canvas.clientHeight;
    const at = projector(camera, w, h);
    // the places' status lines show from their zoom on, judged at the tiles' (whole) zoom
    const wide = Math.floor(camera.zoom) >= STATUS_MIN_ZOOM;
    const inside = ([a, b]) => a >= margin && b <= w - margin;
    const hidden = {}, moved = {}, boxes = {};
    const hide = (label) => {
      (hidden[label.layer] = hidden[label.layer] || []).push(label.key);
      // a city left out takes its dot with it
      if (label.layer === CITY_LAYER) (hidden[CITY_DOTS] = hidden[CITY_DOTS] || []).push(label.key);
    };
    // where a name's text stands (with MapLibre's 3 px of padding), for its look
    const boxOf = (label, x, y, look) => {
      const full = wide && !look.short;
      const width = full ? label.wide : label.width, height = full ? label.tall : label.height;
      const [ox, oy] = look.offset, radial = Math.hypot(ox, oy) * label.size;
      const dx = look.anchor === 'left' ? radial : look.anchor === 'right' ? -radial
        : look.anchor === 'center' ? ox * label.size : 0;
      const [a, b] = span(x, look.anchor, dx, width);
      const [top, bottom] = look.anchor === 'bottom' ? [y - radial - height, y - radial]
        : look.anchor === 'top' ? [y + radial, y + radial + height]
        : [y - height / 2, y + height / 2];
      return [a - 3, top - 3, b + 3, bottom + 3];
    };
    // Each name's looks that stay inside the edges, the one it has first: its status line
    // (if shown) on its own side, on the other side or moved in; then its name alone.
    const candidates = [], kept = [];
    for (const label of labels) {
      const [x, y] = at(label.lon, label.lat);
      const [ox, oy] = label.offset, dx = ox * label.size;
      const flipped = {left: 'right', right: 'left'}[label.anchor];
      const sided = label.anchor !== 'center';
      if (y < 0 || y > h || (sided && (x < 0 || x > w))) { hide(label); continue; }
      const options = [];
      const widths = [[wide ? label.wide : label.width, false]];
      if (wide && label.tall > label.height) widths.push([label.width, true]);
      for (const [width, short] of widths) {
        const [a, b] = span(x, label.anchor, dx, width);
        const shift = a < margin ? margin - a : w - margin - b;
        if (inside([a, b])) options.push({short});
        if (flipped && inside(span(x, flipped, -dx, width))) {
          options.push({anchor: flipped, offset: [-ox, oy], short});
        }
        if (!sided && !inside([a, b]) && Math.abs(shift) <= width / 2) {
          options.push({offset: [ox + shift / label.size, oy], short});
        }
      }
      if (!options.length) { hide(label); continue; }
      const [first] = options;
      boxes[label.key] = boxOf(label, x, y, {...label, ...first});
      if (first.anchor || first.offset || first.short) candidates.push({label, x, y, options});
      else kept.push({label, x, y, options});
    }
    const overlap = (p, q) => p[0] < q[2] && q[0] < p[2] && p[1] < q[3] && q[1] < p[3];
    // A city's name in its own look that overlaps a name MapLibre places before it (a layer
    // higher up: the places) would be dropped and its dot left unnamed (a narrow phone's
    // Kharkiv beside Kupiansk): it tries its other looks first. (Other names have no dot;
    // MapLibre, whose boxes are tighter than these estimates, decides for them.)
    const order = map.getStyle().layers.map(layer => layer.id);
    const byKey = Object.fromEntries(labels.map(label => [label.key, label]));
    const outranked = ({label}) => Object.entries(boxes).some(([key, box]) => key !== label.key
      && order.indexOf(byKey[key].layer) > order.indexOf(label.layer)
      && overlap(boxes[label.key], box));
    const city = (entry) => entry.label.layer === CITY_LAYER;
    candidates.unshift(...kept.filter(entry => city(entry) && outranked(entry)));
    // A moved name takes the first of its looks that overlaps no other name; with none, it is
    // left out (MapLibre would drop it and leave its dot unnamed).
    for (const {label, x, y, options} of candidates) {
      delete boxes[label.key];
      const others = Object.values(boxes);
      const free = (option) => {
        const box = boxOf(label, x, y, {...label, ...option});
        return !others.some(other => overlap(box, other));
      };
      const choice = options.find(free);
      if (!choice) { hide(label); continue; }
      moved[label.key] = choice;
      boxes[label.key] = boxOf(label, x, y, {...label, ...choice});
    }
    for (const [layer, keys] of Object.entries(hidden)) {
      if (!map.getLayer(layer)) continue;
      const own = map.getFilter(layer), out = ['!', ['in', ['get', 'key'], ['literal', keys]]];
      map.setFilter(layer, own ? ['all', own, out] : out);
    }
    // A layer with a moved name gets every name's anchor (names beside a dot, which keep their
    // radial offset) or offset (centred names) by key; a place without its status line, its
    // name for text.
    const layers = new Set(labels.filter(label => moved[label.key]).map(label => label.layer));
    for (const layer of layers) {
      if (!map.getLayer(layer)) continue;
      const own = labels.filter(label => label.layer === layer);
      const look = (label) => ({...label, ...moved[label.key]});
      if (own.some(label => label.anchor !== 'center')) {
        map.setLayoutProperty(layer, 'text-anchor', ['match', ['get', 'key'],
          ...own.flatMap(label => [label.key, look(label).anchor]), 'center']);
      } else {
        map.setLayoutProperty(layer, 'text-offset', ['match', ['get', 'key'],
          ...own.flatMap(label => [label.key, ['literal', look(label).offset]]),
          ['literal', [0, 0]]]);
      }
      const short = own.filter(label => look(label).short).map(label => label.key);
      if (short.length) {
        // inside the zoom step's outputs: a zoom expression must stay at the top
        const field = map.getLayoutProperty(layer, 'text-field');
        const swap = (text) => ['match', ['get', 'key'], short, ['get', 'text'], text];
        map.setLayoutProperty(layer, 'text-field', Array.isArray(field) && field[0] === 'step'
          ? field.map((part, index) => (index >= 2 && !(index & 1) ? swap(part) : part))
          : swap(field));
      }
    }
  };
  // A callout's text stands inside the map's edges too: the layer's text moves right (over
  // the callout's own leader line) by what the one reaching furthest left needs, never so far
  // that another leaves at the right. ``callouts`` are ``callout_extents``
  // (dashboard.figures.map_labels); ``camera`` is the overview's ``{center, zoom}``.
  const fitCallouts = (map, camera, callouts) => {
    if (!callouts || !callouts.length || !camera || !map.getLayer(CALLOUT_LAYER)) return;
    const canvas = map.getCanvas(), w = canvas.clientWidth;
    const at = projector(camera, w, canvas.clientHeight);
    const size = map.getLayoutProperty(CALLOUT_LAYER, 'text-size') || 13;
    const [base, down] = map.getPaintProperty(CALLOUT_LAYER, 'text-translate') || [0, 0];
    let need = -Infinity, room = Infinity;
    for (const callout of callouts) {
      const [x] = at(callout.lon, callout.lat);
      const [a, b] = span(x, callout.anchor, 0, callout.ems * size);
      need = Math.max(need, margin - a);
      room = Math.min(room, w - margin - b);
    }
    const shift = Math.max(base, Math.min(need, room));
    if (shift !== base) map.setPaintProperty(CALLOUT_LAYER, 'text-translate', [shift, down]);
  };
""".replace("NARROW_VIEW", json.dumps(list(NARROW_VIEW)))
    .replace("STATUS_MIN_ZOOM", str(STATUS_MIN_ZOOM))
    .replace("CALLOUT_LAYER", json.dumps(CALLOUT_LAYER))
    .replace("CITY_LAYER", json.dumps(CITY_LAYER))
    .replace("CITY_DOTS", json.dumps(CITY_DOTS_LAYER))
    .replace("NARROW_CALLOUT_SIZE", str(NARROW_CALLOUT_SIZE))
    .replace("NARROW_CALLOUT_SHIFT", json.dumps(list(NARROW_CALLOUT_SHIFT)))
)


#: How long a new map's first paint waits at most (ms) before it paints whatever it has.
PAINT_HOLD_LIMIT_MS = 3000
#: How long a later paint waits at most (ms) for the tiles it asked for (after a zoom, a click).
PAINT_WAIT_LIMIT_MS = 1000

#: Painting in the reader's browser once a map has what it asked for, not while it gathers it.
#: A MapLibre map paints a frame at each step of its loading (its style, each source, the
#: traces plotly adds after the map's ``load``; after a zoom or a click, each tile as it
#: comes in): seven frames for our first view, the first five of an empty map. In a browser
#: that draws in software (no GPU) each frame of ours costs 50-100 ms of the page's main
#: thread, and the half-drawn ones only delay the whole one. This script watches the page
#: (once per window) for each new map inside a plotly chart and lets it paint only when its
#: style and tiles are in and its names placed (on the first view, also the traces plotly
#: adds), while it moves under the reader's hand, or after it has waited
#: :data:`PAINT_HOLD_LIMIT_MS` (first view) or :data:`PAINT_WAIT_LIMIT_MS` (later). A skipped
#: paint still runs the rest of the map's frame (tiles are asked for, names placed, events
#: fired); the screen keeps the last paint.
#: ``map.__paintHeld`` is true while it waits; ``map.__paintLog`` counts the skipped and the
#: painted frames and says whether the traces were in at the first paint (for the tests).
#: It also gives plotly's GeoJSON sources, added after the map's ``load``, the style's own
#: tiling (``SOURCE_MAX_ZOOM``); gives plotly's layout layers (the places' dots) the paint of
#: :func:`dashboard.figures.map_style.shared_programs`, so that they are drawn by its traces'
#: programs; and leaves out MapLibre's sky while the map's opaque background covers it (no
#: tilt, no globe): one program less to compile and each frame's pixels shaded once less.
#: Measured against the script without those two (12 interleaved views each): the map page's
#: first view 3.73 s instead of 3.92 s, a returning reader's 3.30 s instead of 3.74 s, a map
#: click 327 ms instead of 408 ms; the pixels drawn are the same.
HOLD_PAINT_JS = """
(() => {
  if (window.__mapPaintHold) return;
  window.__mapPaintHold = true;
  const firstLimitMs = PAINT_HOLD_LIMIT_MS, laterLimitMs = PAINT_WAIT_LIMIT_MS;
  const layerIds = (map) => (map.getLayersOrder ? map.getLayersOrder() : map.style._order);
  const traced = (map) => layerIds(map).some((id) => id.startsWith('plotly-trace-layer'));
  const complete = (map, first) => {
    try {
      // MapLibre places names over several frames when there are many to place: a paint
      // before it is done would show some of them missing
      return map.style.loaded() && map.areTilesLoaded() && map._placementDirty !== true
        && (!first || traced(map));
    } catch (error) {
      return true;
    }
  };
  // A paint value MapLibre evaluates per feature, the same for all (map_style.per_feature)
  const perFeaturePaint = PER_FEATURE_PAINT, perFeatureKey = PER_FEATURE_KEY;
  const perFeature = (layer) => {
    const wanted = perFeaturePaint[layer.type];
    if (!wanted) return layer;
    const paint = {...(layer.paint || {})};
    for (const [name, fallback] of Object.entries(wanted)) {
      let value = name in paint ? paint[name] : fallback;
      if (value === null) {  // a fill's outline: the fill's colour
        value = 'fill-color' in paint ? paint['fill-color'] : wanted['fill-color'];
      }
      paint[name] = (value !== null && typeof value === 'object') ? value
        : ['case', ['has', perFeatureKey], value, value];
    }
    return {...layer, paint};
  };
  // A CSS colour written without transparency (MapLibre's default background is black);
  // an expression counts as transparent
  const opaque = (colour) => {
    if (colour === undefined) return true;
    if (typeof colour !== 'string') return false;
    const text = colour.trim().toLowerCase();
    if (text === 'transparent') return false;
    if (text.startsWith('#')) return [4, 7].includes(text.length)
      || (text.length === 5 && text.endsWith('f')) || (text.length === 9 && text.endsWith('ff'));
    const open = text.indexOf('(');
    if (open < 0) return true;  // a named colour
    const inside = text.slice(open + 1, text.lastIndexOf(')'));
    const alpha = inside.includes('/') ? inside.split('/')[1] : inside.split(',')[3];
    if (alpha === undefined) return true;
    const value = alpha.trim();
    return value === '100%' || Number(value) === 1;
  };
  // True when the map's first layer, an opaque background, covers all of it: seen from
  // straight above, on a flat (Mercator) map
  const covered = (map) => {
    try {
      const projection = map.getProjection && map.getProjection();
      if (map.getPitch() !== 0 || (projection && projection.type === 'globe')) return false;
      const first = map.getLayer(layerIds(map)[0]);
      if (!first || first.type !== 'background') return false;
      const paint = (name) => map.getPaintProperty(first.id, name);
      const opacity = paint('background-opacity'), pattern = paint('background-pattern');
      const colour = paint('background-color');
      return (opacity === undefined || opacity === 1) && !pattern && opaque(colour);
    } catch (error) {
      return false;
    }
  };
  const moving = (map) => { try { return map.isMoving(); } catch (error) { return false; } };
  const hold = (map) => {
    const painter = map.painter;
    if (!painter || map.__paintLog) return;
    const paint = painter.render.bind(painter);
    const log = map.__paintLog = {skipped: 0, painted: 0, tracedAtFirstPaint: null};
    let first = true, since = performance.now(), timer = null, due = 0;
    map.__paintHeld = true;
    // plotly's trace sources, tiled like the style's own to zoom SOURCE_MAX_ZOOM
    const addSource = map.addSource.bind(map);
    map.addSource = (id, source) => addSource(id, source && source.type === 'geojson'
      && source.maxzoom === undefined ? {...source, maxzoom: SOURCE_MAX_ZOOM} : source);
    // plotly's layout layers (the places' dots) drawn by its traces' programs, as the style's
    // own layers are (dashboard.figures.map_style.shared_programs): set before their tiles
    // are cut, so no program is compiled for them alone
    if (map.addLayer) {
      const addLayer = map.addLayer.bind(map);
      map.addLayer = (layer, before) => addLayer(layer && String(layer.id).startsWith(
        'plotly-layout-layer') ? perFeature(layer) : layer, before);
    }
    // No sky where it cannot show: MapLibre draws one under every frame, over all of the
    // map's area, though a map seen from straight above with an opaque background layer
    // covers it; in software that is one program more to compile and every pixel shaded
    // once more, for nothing.
    const drawSky = painter.drawFunctions && painter.drawFunctions.sky;
    if (drawSky) {
      painter.drawFunctions = {
        ...painter.drawFunctions,
        sky: (...args) => (covered(map) ? undefined : drawSky(...args)),
      };
    }
    // the frame that paints what there is once the wait is over
    const wake = (delay) => {
      const at = performance.now() + Math.max(0, delay) + 20;
      if (timer && due <= at) return;
      clearTimeout(timer);
      due = at;
      timer = setTimeout(() => {
        timer = null;
        if (map.__paintHeld) {
          try { map.triggerRepaint(); } catch (error) { /* the chart was removed meanwhile */ }
        }
      }, at - performance.now());
    };
    wake(firstLimitMs);
    painter.render = (style, options) => {
      const now = performance.now();
      const start = map.__paintHeld ? since : now;
      const limit = first ? firstLimitMs : laterLimitMs;
      if (!moving(map) && now - start < limit && !complete(map, first)) {
        if (!map.__paintHeld) { map.__paintHeld = true; since = now; }
        // What a paint keeps of its style for later: tiles that arrive meanwhile bind
        // their buckets to the painter's style (without it they would draw nothing).
        painter.style = style;
        painter.options = options;
        for (const key of ['lineAtlas', 'imageManager', 'patternAtlas', 'glyphManager']) {
          if (style[key]) painter[key] = style[key];
        }
        log.skipped += 1;
        wake(since + limit - now);
        return;
      }
      if (first) {
        first = false;
        try { log.tracedAtFirstPaint = traced(map); } catch (error) { /* removed meanwhile */ }
      }
      map.__paintHeld = false;
      log.painted += 1;
      return paint(style, options);
    };
  };
  const mapsOf = (gd) => Object.keys(gd._fullLayout || {})
    .filter((key) => /^map[0-9]*$/.test(key))
    .map((key) => gd._fullLayout[key] && gd._fullLayout[key]._subplot)
    .map((subplot) => subplot && subplot.map)
    .filter(Boolean);
  // MapLibre puts its canvas in the page as it builds the map; plotly keeps the map on its
  // subplot right after. The observer runs before the map's first frame.
  const watch = (gd, tries) => {
    const maps = mapsOf(gd);
    if (maps.length) maps.forEach(hold);
    else if (tries < 50) requestAnimationFrame(() => watch(gd, tries + 1));
  };
  new MutationObserver((records) => {
    for (const record of records) {
      const target = record.target;
      if (!target.classList || !target.classList.contains('maplibregl-canvas-container')) continue;
      const gd = target.closest('.js-plotly-plot');
      if (gd) watch(gd, 0);
    }
  }).observe(document.body, {childList: true, subtree: true});
})();
"""
for name, value in (
    ("PAINT_HOLD_LIMIT_MS", PAINT_HOLD_LIMIT_MS),
    ("PAINT_WAIT_LIMIT_MS", PAINT_WAIT_LIMIT_MS),
    ("SOURCE_MAX_ZOOM", SOURCE_MAX_ZOOM),
    ("PER_FEATURE_PAINT", json.dumps(PER_FEATURE_PAINT)),
    ("PER_FEATURE_KEY", json.dumps(PER_FEATURE_KEY)),
):
    HOLD_PAINT_JS = HOLD_PAINT_JS.replace(name, str(value))


#: What :func:`fit_library` exposes of ``FIT_JS`` (the export's ``site.js`` uses the first four).
LIBRARY_NAMES = (
    "overviewBox",
    "fitMap",
    "fitLabels",
    "fitCallouts",
    "findMap",
    "fitOptions",
    "fittedTo",
)


def fit_library() -> str:
    """``FIT_JS`` as a script of its own that sets ``window.mapFit``.

    ``window.mapFit`` holds the functions :data:`LIBRARY_NAMES`: a map's overview box on a
    phone, fitting the map to a box, and its names and its callouts inside its edges, and
    the helpers the dashboard's map scripts share. The static export puts it in front of its
    ``site.js``; the dashboard's map pages send it once per page (:func:`using_library`).
    """
    exposed = ", ".join(LIBRARY_NAMES)
    return f"window.mapFit = (() => {{\n  {FIT_JS.strip()}\n  return {{{exposed}}};\n}})();\n"


#: The line of a map script (an arrow function called at once) that :func:`using_library`
#: turns into a wait for the library.
LIBRARY_LINE = "  USES_MAP_FIT\n"


def using_library(script: str) -> str:
    """``script`` run once ``window.mapFit`` is there, with its functions in scope.

    ``script`` is ``(() => { ... })();`` with a line ``USES_MAP_FIT`` in its body: what
    comes before that line runs at once, what comes after once the library has loaded
    (sent once per page, not with every script: a click's rerun sent ``FIT_JS`` three times,
    45 KB). It gives up after ten seconds.
    """
    if script.count(LIBRARY_LINE) != 1 or not script.rstrip().endswith("})();"):
        raise ValueError("a map script is (() => { ... })(); with one USES_MAP_FIT line")
    names = ", ".join(LIBRARY_NAMES)
    wait = (
        "  const withMapFit = (run, tries = 0) => {\n"
        "    if (window.mapFit) run(window.mapFit);\n"
        "    else if (tries < 500) setTimeout(() => withMapFit(run, tries + 1), 20);\n"
        "  };\n"
        f"  withMapFit(({{{names}}}) => {{\n"
    )
    body = script.rstrip()[: -len("})();")]
    return body.replace(LIBRARY_LINE, wait) + "  });\n})();\n"
