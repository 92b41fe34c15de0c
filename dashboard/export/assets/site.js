/* Static export of the peace-talks dashboard: draws the embedded plotly figures and wires
 * the controls that need no server (details on click, filters, selections).
 *
 * Data comes from <script type="application/json"> elements (JSON.parse of their text);
 * every string from the data is put into the page with textContent, never as HTML.
 * When all figures have drawn and every map has loaded, <body> gets data-ready="true" and
 * data-ready-ms (ms since navigation start); tests and benchmarks wait for it.
 *
 * The map page is the exception: it opens with static SVG previews of its figures (drawn at
 * export time) and loads plotly.js only when the reader asks for the interactive map (its
 * button, or a click on the preview). There data-ready-ms marks the preview page wired
 * (details, list, links); the interactive map then sets data-map="loading", and
 * data-map="ready" with data-map-ready-ms (ms since navigation start) once it has drawn and
 * loaded, or data-map="error".
 */
(function () {
  'use strict';

  var PLOT_CONFIG = {
    displayModeBar: false,
    displaylogo: false,
    responsive: true,
    scrollZoom: false,
    doubleClick: false,
    showTips: false
  };

  // ------------------------------------------------------------------ file:// maps

  /* Opened from disk (file://), Chromium cannot start the map library's worker: plotly.js
   * hands MapLibre its worker code as a blob, MapLibre starts it as a *module* worker
   * through an `import "blob:null/…"` shim, and a page with an opaque origin may not load
   * that. The map then never draws. Only for file:// pages, this turns the worker code
   * into a classic script (its single `export {… as default};` removed) when plotly.js
   * wraps it in a Blob, and starts module workers from that classic copy instead. Served
   * over http(s), nothing here runs.
   */
  function allowMapWorkersFromDisk() {
    if (location.protocol !== 'file:' || !window.Worker || !window.Blob || !window.URL) return;
    var NativeWorker = window.Worker;
    var NativeBlob = window.Blob;
    var nativeCreateObjectURL = URL.createObjectURL;
    var EXPORT_DEFAULT = /export\s*\{\s*[\w$]+\s+as\s+default\s*\}\s*;/;
    var classicUrl = null;
    var PatchedBlob = function (parts, options) {
      if (options && options.type === 'text/javascript' && parts && parts.length === 1
          && typeof parts[0] === 'string' && parts[0].length > 100000
          && EXPORT_DEFAULT.test(parts[0])) {
        var blob = new NativeBlob([parts[0].replace(EXPORT_DEFAULT, '')], options);
        blob.classicWorker = true;
        return blob;
      }
      return new NativeBlob(parts, options);
    };
    PatchedBlob.prototype = NativeBlob.prototype;
    window.Blob = PatchedBlob;
    URL.createObjectURL = function (object) {
      var url = nativeCreateObjectURL.apply(URL, arguments);
      if (object && object.classicWorker) {
        classicUrl = url;
        window.Blob = NativeBlob;
        URL.createObjectURL = nativeCreateObjectURL;
      }
      return url;
    };
    var PatchedWorker = function (url, options) {
      if (options && options.type === 'module' && classicUrl) return new NativeWorker(classicUrl);
      return new NativeWorker(url, options);
    };
    PatchedWorker.prototype = NativeWorker.prototype;
    window.Worker = PatchedWorker;
  }

  allowMapWorkersFromDisk();

  // ------------------------------------------------------------------ helpers

  function readJson(id) {
    var element = document.getElementById(id);
    if (!element) return null;
    return JSON.parse(element.textContent);
  }

  /** Create an element; text is set with textContent, attributes with setAttribute. */
  function el(tag, options, children) {
    var node = document.createElement(tag);
    options = options || {};
    if (options.text !== undefined && options.text !== null) node.textContent = String(options.text);
    if (options.className) node.className = options.className;
    if (options.attrs) {
      Object.keys(options.attrs).forEach(function (name) {
        node.setAttribute(name, String(options.attrs[name]));
      });
    }
    (children || []).forEach(function (child) {
      if (child) node.appendChild(child);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  /* Opened from disk, the map library cannot fetch its glyph files (file:// is not fetchable):
   * the names written on the map are left out there, and the rest draws. Served over
   * http(s), the names come from app/static/glyphs beside the pages. */
  function withoutNamesFromDisk(figure) {
    var mapLayout = figure.layout && figure.layout.map;
    var style = mapLayout && mapLayout.style;
    if (location.protocol !== 'file:' || !style || typeof style !== 'object') return figure;
    delete style.glyphs;
    style.layers = style.layers.filter(function (layer) { return layer.type !== 'symbol'; });
    return figure;
  }

  function renderFigure(div) {
    var figure = readJson(div.getAttribute('data-figure'));
    if (!figure || typeof Plotly === 'undefined') return Promise.resolve(null);
    figure = withoutNamesFromDisk(figure);
    clear(div);
    return Plotly.newPlot(div, figure.data, figure.layout, PLOT_CONFIG).then(function () {
      div.setAttribute('data-rendered', 'true');
      return div;
    });
  }

  function renderVisibleFigures(root) {
    var plots = Array.prototype.slice.call((root || document).querySelectorAll('[data-figure]'));
    var visible = plots.filter(function (div) { return !div.closest('[hidden]'); });
    return Promise.all(visible.map(renderFigure));
  }

  /** Resolves once every map subplot on the page has loaded its layers (or at once). */
  function mapsLoaded() {
    var waits = [];
    Array.prototype.forEach.call(document.querySelectorAll('.js-plotly-plot'), function (gd) {
      var sub = gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
      var map = sub && sub.map;
      if (!map || map.loaded()) return;
      waits.push(new Promise(function (resolve) {
        var check = function () {
          if (map.loaded()) { map.off('idle', check); resolve(); }
        };
        map.on('idle', check);
        check();
      }));
    });
    return Promise.all(waits);
  }

  /** Everything drawn: data-ready="true", data-ready-ms = ms since navigation start. */
  function markReady() {
    return mapsLoaded().then(function () {
      var now = window.performance && performance.now ? performance.now() : 0;
      document.body.setAttribute('data-ready-ms', String(Math.round(now)));
      document.body.setAttribute('data-ready', 'true');
    });
  }

  function markFailed(error) {
    document.body.setAttribute('data-ready', 'error');
    if (window.console) console.error(error);
  }

  // ------------------------------------------------------------------ map page

  function itemNode(item) {
    var children = [];
    if (item.label) children.push(el('p', { className: 'item-label', text: item.label }));
    if (item.heading) children.push(el('p', { className: 'item-heading', text: item.heading }));
    if (item.when) children.push(el('p', { className: 'muted', text: item.when }));
    if (item.body) children.push(el('p', { text: item.body }));
    if (item.quote) children.push(el('blockquote', { text: '\u201c' + item.quote + '\u201d' }));
    if (item.source) children.push(el('p', { className: 'source', text: 'Source: ' + item.source }));
    if (item.checks && item.checks.length) {
      children.push(el('ul', { className: 'checks-list' }, item.checks.map(function (check) {
        return el('li', {}, [itemNode(check)]);
      })));
    }
    return el('div', { className: 'item' }, children);
  }

  function sectionNode(section) {
    var hasItems = section.items.length > 0;
    var hasGroups = section.groups.length > 0;
    if (!hasItems && !hasGroups && !section.empty) return null;
    var children = [el('h3', { text: section.title })];
    section.items.forEach(function (item) { children.push(itemNode(item)); });
    section.groups.forEach(function (group) {
      children.push(el('div', { className: 'group' }, [el('h4', { text: group.title })]
        .concat(group.items.map(itemNode))));
    });
    if (!hasItems && !hasGroups) children.push(el('p', { className: 'muted', text: section.empty }));
    return el('section', { className: 'detail-section' }, children);
  }

  /* The interactive map opens as the dashboard's map does, with the dashboard's own code
   * (window.mapFit, put in front of this file by the export): on a phone it shows the narrow
   * view (the five claimed regions and the front), which may be panned a little, with its
   * callouts smaller and moved right; the figure's frame, fitted by its height, would show
   * only the middle of it. On any width the names and callouts a map's edges would cut move
   * in or, when they cannot, are left out (a city with its dot). Names appear at once
   * (MapLibre's fade-in, which plotly does not let us set, is skipped). */
  function frameNarrowMap(gd, narrow) {
    var sub = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    var map = sub && sub.map;
    var fit = window.mapFit;
    if (!map || !fit || !narrow || !narrow.frame) return;
    if (map._fadeDuration) map._fadeDuration = 0;
    var frame = narrow.frame;
    var box = fit.overviewBox(map, frame);
    if (box !== frame) {
      fit.fitMap(map, box, false);
      gd.setAttribute('data-framed', 'narrow');
    }
    var camera = { center: map.getCenter(), zoom: map.getZoom() };
    fit.fitLabels(map, camera, narrow.labels || []);
    fit.fitCallouts(map, camera, narrow.callouts || []);
  }

  function initMap() {
    var details = readJson('map-details') || {};
    var narrow = readJson('map-narrow');
    var box = document.getElementById('details');
    var pick = document.getElementById('map-pick');
    var overview = Array.prototype.slice.call(box.childNodes).map(function (node) {
      return node.cloneNode(true);
    });
    var current = '';

    function fromHash() {
      var option = '';
      try { option = decodeURIComponent(location.hash.slice(1)); } catch (error) { option = ''; }
      return details[option] ? option : '';
    }

    function show(option, fromMap) {
      current = details[option] ? option : '';
      pick.value = current;
      if (fromHash() !== current && window.history && history.replaceState) {
        history.replaceState(null, '', current ? '#' + current : location.pathname + location.search);
      }
      clear(box);
      if (!current) {
        overview.forEach(function (node) { box.appendChild(node.cloneNode(true)); });
        box.removeAttribute('data-selected');
        return;
      }
      var detail = details[current];
      box.setAttribute('data-selected', current);
      box.appendChild(el('h2', { text: detail.title, attrs: { id: 'details-title' } }));
      if (detail.subtitle) box.appendChild(el('p', { className: 'muted', text: detail.subtitle }));
      var back = el('button', { text: 'Back to overview', attrs: { type: 'button' }, className: 'back' });
      back.addEventListener('click', function () { show(''); pick.focus(); });
      box.appendChild(back);
      box.appendChild(el('ul', { className: 'facts' }, detail.facts.map(function (fact) {
        var children = [el('span', { text: fact.text })];
        if (fact.source) children.push(el('span', { className: 'source', text: ' Source: ' + fact.source }));
        return el('li', {}, children);
      })));
      detail.sections.forEach(function (section) {
        var node = sectionNode(section);
        if (node) box.appendChild(node);
      });
      if (fromMap) {
        var rect = box.getBoundingClientRect();
        if (rect.top > window.innerHeight || rect.bottom < 0) {
          box.scrollIntoView({ block: 'start' });
        }
      }
    }

    pick.addEventListener('change', function () { show(pick.value, false); });
    window.addEventListener('hashchange', function () { show(fromHash(), false); });
    if (fromHash()) show(fromHash(), false);
    Array.prototype.forEach.call(document.querySelectorAll('[data-select]'), function (button) {
      button.addEventListener('click', function () {
        show(button.getAttribute('data-select'), false);
        box.focus();
      });
    });

    function wireMap() {
      var gd = document.getElementById('map');
      frameNarrowMap(gd, narrow);
      if (gd && gd.on) {
        gd.on('plotly_click', function (event) {
          var points = (event && event.points) || [];
          var chosen = null;
          points.forEach(function (point) {
            var data = point.customdata;
            if (!Array.isArray(data) || data.length < 2) return;
            var option = data[0] + ':' + data[1];
            if (!details[option]) return;
            if (!chosen || data[0] === 'place') chosen = option;
          });
          if (chosen) show(chosen === current ? '' : chosen, true);
        });
      }
    }

    /* The static preview: a click on a region or a place shows its details at once, and
     * any click on it (or its button) draws the interactive map in its place. */
    var container = document.getElementById('map');
    var button = document.getElementById('map-activate');
    var activation = null;

    function activate() {
      if (activation) return activation;
      var hadFocus = document.activeElement === button;
      document.body.setAttribute('data-map', 'loading');
      if (button) {
        button.disabled = true;
        button.textContent = 'Loading the interactive map\u2026';
      }
      activation = loadPlotly()
        .then(function () { return renderVisibleFigures(); })
        .then(wireMap)
        .then(mapsLoaded)
        .then(function () {
          var now = window.performance && performance.now ? performance.now() : 0;
          document.body.setAttribute('data-map-ready-ms', String(Math.round(now)));
          document.body.setAttribute('data-map', 'ready');
          if (hadFocus && container) {
            container.setAttribute('tabindex', '-1');
            container.focus({ preventScroll: true });
          }
        }, function (error) {
          document.body.setAttribute('data-map', 'error');
          if (button) button.textContent = 'The interactive map could not load';
          if (window.console) console.error(error);
        });
      return activation;
    }

    if (container && container.querySelector('.map-preview')) {
      container.addEventListener('click', function (event) {
        var target = event.target && event.target.closest ? event.target.closest('[data-option]') : null;
        if (target && details[target.getAttribute('data-option')]) {
          show(target.getAttribute('data-option'), true);
        }
        if (container.querySelector('.map-preview')) activate();
      });
      if (button) button.hidden = false;
      return Promise.resolve();
    }
    return renderVisibleFigures().then(wireMap);
  }

  // ------------------------------------------------------------------ timeline page

  function normalise(text) {
    return String(text || '').split(/\s+/).filter(Boolean).join(' ').toLowerCase();
  }

  function initTimeline() {
    var data = readJson('timeline-data') || { events: [], periods: {} };
    var form = document.getElementById('timeline-filters');
    var search = document.getElementById('timeline-search');
    var count = document.getElementById('timeline-count');
    var empty = document.getElementById('timeline-empty');
    var items = {};
    Array.prototype.forEach.call(document.querySelectorAll('#timeline-list [data-event-id]'), function (li) {
      items[li.getAttribute('data-event-id')] = li;
    });
    var originals = {};  // plot id -> original traces
    var outsidePeriod = 0;  // events matching the filters but outside the chosen period

    function checked(name) {
      return Array.prototype.slice.call(form.querySelectorAll('input[name="' + name + '"]'))
        .filter(function (box) { return box.checked; })
        .map(function (box) { return box.value; });
    }

    function period() {
      var chosen = form.querySelector('input[name="period"]:checked');
      return chosen ? chosen.value : Object.keys(data.periods)[0];
    }

    function matching() {
      var kinds = checked('kind');
      var allParties = form.querySelectorAll('input[name="party"]');
      var parties = checked('party');
      var needle = normalise(search.value);
      var window_ = data.periods[period()];
      var keep = {};
      outsidePeriod = 0;
      data.events.forEach(function (event) {
        if (kinds.indexOf(event.kind) < 0) return;
        if (parties.length < allParties.length
            && !event.involved.some(function (p) { return parties.indexOf(p) >= 0; })) return;
        if (needle && event.text.indexOf(needle) < 0) return;
        if (window_ && (event.start > window_.end || event.end < window_.start)) {
          outsidePeriod += 1;
          return;
        }
        keep[event.id] = true;
      });
      return keep;
    }

    function filterTraces(gd, keep, kinds) {
      var id = gd.id;
      if (!originals[id]) originals[id] = JSON.parse(JSON.stringify(gd.data));
      var traces = originals[id].map(function (trace) {
        var copy = JSON.parse(JSON.stringify(trace));
        var ids = trace.customdata;
        if (!Array.isArray(ids)) {
          // Legend-only entries: hide the kinds that are switched off.
          if (trace.legendgroup && trace.legendgroup !== 'key' && kinds.indexOf(trace.legendgroup) < 0
              && trace.showlegend) copy.visible = false;
          return copy;
        }
        var n = ids.length;
        var index = [];
        ids.forEach(function (value, i) {
          var eventId = Array.isArray(value) ? value[0] : value;
          if (keep[eventId]) index.push(i);
        });
        ['x', 'y', 'base', 'customdata', 'hovertext', 'text'].forEach(function (key) {
          if (Array.isArray(trace[key]) && trace[key].length === n) {
            copy[key] = index.map(function (i) { return trace[key][i]; });
          }
        });
        if (copy.marker) {
          ['color', 'symbol', 'size'].forEach(function (key) {
            if (Array.isArray(trace.marker[key]) && trace.marker[key].length === n) {
              copy.marker[key] = index.map(function (i) { return trace.marker[key][i]; });
            }
          });
        }
        return copy;
      });
      // Labels and their leader lines (named "event:<id>") follow their event.
      if (!originals[id + ':layout']) originals[id + ':layout'] = JSON.parse(JSON.stringify(gd.layout));
      var layout = JSON.parse(JSON.stringify(originals[id + ':layout']));
      var shown = function (item) {
        var name = item && item.name;
        return !(typeof name === 'string' && name.indexOf('event:') === 0 && !keep[name.slice(6)]);
      };
      ['annotations', 'shapes'].forEach(function (key) {
        if (Array.isArray(layout[key])) layout[key] = layout[key].filter(shown);
      });
      return Plotly.react(gd, traces, layout, PLOT_CONFIG);
    }

    function apply() {
      var keep = matching();
      var kinds = checked('kind');
      var shown = 0;
      Object.keys(items).forEach(function (id) {
        var visible = !!keep[id];
        items[id].hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = shown + ' of ' + data.events.length + ' events shown'
        + (outsidePeriod ? ' (' + outsidePeriod + ' more outside the chosen period)' : '');
      empty.hidden = shown > 0;
      var key = period();
      var pending = [];
      Array.prototype.forEach.call(document.querySelectorAll('.period-chart'), function (box) {
        box.hidden = box.getAttribute('data-period') !== key;
      });
      Array.prototype.forEach.call(document.querySelectorAll('.period-chart:not([hidden]) [data-figure]'), function (gd) {
        var ready = gd.getAttribute('data-rendered') === 'true' ? Promise.resolve(gd) : renderFigure(gd).then(wire);
        pending.push(ready.then(function () { return filterTraces(gd, keep, kinds); }));
      });
      return Promise.all(pending);
    }

    function wire(gd) {
      if (gd && gd.on) {
        gd.on('plotly_click', function (event) {
          var point = event && event.points && event.points[0];
          if (!point) return;
          var id = Array.isArray(point.customdata) ? point.customdata[0] : point.customdata;
          var item = items[id];
          if (!item || item.hidden) return;
          Array.prototype.forEach.call(document.querySelectorAll('.event.is-selected'), function (node) {
            node.classList.remove('is-selected');
          });
          item.classList.add('is-selected');
          item.scrollIntoView({ block: 'center' });
          item.focus({ preventScroll: true });
        });
      }
      return gd;
    }

    form.addEventListener('change', function () { apply(); });
    search.addEventListener('input', function () { apply(); });
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    form.addEventListener('reset', function () { window.setTimeout(apply, 0); });

    return renderVisibleFigures().then(function (plots) {
      plots.forEach(wire);
      return apply();
    });
  }

  // ------------------------------------------------------------------ positions page

  function initPositions() {
    var issue = document.getElementById('positions-issue');
    var party = document.getElementById('positions-party');
    var count = document.getElementById('positions-count');

    function apply() {
      var issues = 0;
      Array.prototype.forEach.call(document.querySelectorAll('.issue[data-issue]'), function (row) {
        var visible = !issue.value || row.getAttribute('data-issue') === issue.value;
        row.hidden = !visible;
        if (visible) issues += 1;
        Array.prototype.forEach.call(row.querySelectorAll('.cell[data-party]'), function (cell) {
          cell.hidden = !!party.value && cell.getAttribute('data-party') !== party.value;
        });
      });
      var who = party.value ? party.options[party.selectedIndex].text : 'all four parties';
      count.textContent = 'Showing ' + issues + (issues === 1 ? ' issue' : ' issues') + ' for ' + who + '.';
      var gd = document.getElementById('distance');
      if (gd && gd.data && typeof Plotly !== 'undefined') {
        var label = party.value ? party.options[party.selectedIndex].text : '';
        var opacity = gd.data.map(function (trace) {
          if (!label || trace.mode !== 'markers' || !trace.legendgroup) return 1;
          return trace.name === label ? 1 : 0.2;
        });
        return Plotly.restyle(gd, { opacity: opacity });
      }
      return Promise.resolve();
    }

    issue.addEventListener('change', apply);
    party.addEventListener('change', apply);
    // A cell of the grid opens its position's card: clear filters that would hide it.
    Array.prototype.forEach.call(document.querySelectorAll('#positions-grid a.entry'), function (link) {
      link.addEventListener('click', function () {
        var card = document.getElementById(link.getAttribute('href').slice(1));
        if (card && card.closest('[hidden]')) {
          issue.value = '';
          party.value = '';
          apply();
        }
      });
    });
    return renderVisibleFigures().then(apply);
  }

  // ------------------------------------------------------------------ start

  var pages = { map: initMap, timeline: initTimeline, positions: initPositions };

  /* Calls back once the page has shown its first text (the browser's first-contentful-paint
   * entry), or at once where that is not reported, or after 3 s in a tab that paints nothing. */
  function afterFirstPaint(callback) {
    var called = false;
    var once = function () {
      if (!called) { called = true; callback(); }
    };
    var types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
    if (!types || types.indexOf('paint') < 0) { once(); return; }
    var observer = new PerformanceObserver(function (list) {
      if (list.getEntriesByName('first-contentful-paint').length) {
        observer.disconnect();
        window.setTimeout(once, 0);
      }
    });
    observer.observe({ type: 'paint', buffered: true });
    window.setTimeout(once, 3000);
  }

  /* plotly.js (named by this script's data-plotly attribute) is requested once the page
   * has painted: the text shows first while the large library downloads, instead of the
   * download competing with the page's own bytes. Resolves when Plotly is there (one
   * request, however often it is asked for). */
  var plotlyLoading = null;
  function loadPlotly() {
    var me = document.querySelector('script[data-plotly]');
    var src = me && me.getAttribute('data-plotly');
    if (typeof Plotly !== 'undefined' || !src) return Promise.resolve();
    if (plotlyLoading) return plotlyLoading;
    plotlyLoading = new Promise(function (resolve, reject) {
      afterFirstPaint(function () {
        var script = document.createElement('script');
        script.src = src;
        script.onload = function () { resolve(); };
        script.onerror = function () {
          plotlyLoading = null;
          reject(new Error('plotly.js did not load: ' + src));
        };
        document.head.appendChild(script);
      });
    });
    return plotlyLoading;
  }

  /* Pages that open without plotly.js: they load it themselves, on demand. */
  var onDemand = { map: true };

  function start() {
    var page = document.body.getAttribute('data-page');
    var init = pages[page];
    (onDemand[page] ? Promise.resolve() : loadPlotly())
      .then(function () { return init ? init() : null; })
      .then(markReady)
      .then(null, markFailed);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
