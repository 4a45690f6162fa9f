/*
 * mlops renderers, shared by the served UI and the single-file reports. Every string that came from data is
 * inserted with textContent or setAttribute on a fixed attribute, never as markup. Charts are uPlot; every chart
 * made is recorded in window.mlopsCharts (kind, title, series, points) so tests can check what was drawn.
 */
(function (global) {
  'use strict';
  var M = {};
  var charts = [];
  global.mlopsCharts = charts;
  var PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
    '#bcbd22', '#17becf'];
  M.palette = PALETTE;

  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) { return; }
        if (k === 'class') { e.className = v; }
        else if (k === 'text') { e.textContent = String(v); }
        else if (k === 'href') { e.setAttribute('href', safeHref(v)); }
        else if (/^on/i.test(k)) { throw new Error('no event handler attributes'); }
        else { e.setAttribute(k, v === true ? '' : String(v)); }
      });
    }
    for (var i = 2; i < arguments.length; i++) { append(e, arguments[i]); }
    return e;
  }
  function append(parent, child) {
    if (child === null || child === undefined) { return; }
    if (Array.isArray(child)) { child.forEach(function (c) { append(parent, c); }); return; }
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  function safeHref(v) {
    var s = String(v);
    return /^(\/|\?|#)/.test(s) && !/^\/\//.test(s) ? s : '#';
  }
  M.el = el;

  M.fmt = function (v) {
    if (v === null || v === undefined) { return ''; }
    if (typeof v === 'number') {
      if (Number.isInteger(v)) { return String(v); }
      var a = Math.abs(v);
      return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(4) : String(Number(v.toPrecision(6)));
    }
    return String(v);
  };
  M.bytes = function (n) {
    if (n < 1024) { return n + ' B'; }
    var units = ['KiB', 'MiB', 'GiB', 'TiB'];
    var v = n; var i = -1;
    do { v /= 1024; i++; } while (v >= 1024 && i < units.length - 1);
    return v.toFixed(1) + ' ' + units[i];
  };

  /** A table: headers are strings, rows are arrays of strings, numbers or nodes. */
  M.table = function (headers, rows, cls) {
    return el('table', { class: cls || 'grid' },
      el('thead', null, el('tr', null, headers.map(function (h) { return h instanceof Node ? el('th', null, h) : el('th', { text: h }); }))),
      el('tbody', null, rows.map(function (r) {
        return el('tr', null, r.map(function (c) {
          return c instanceof Node ? el('td', null, c) : el('td', { class: typeof c === 'number' ? 'num' : null, text: M.fmt(c) });
        }));
      })));
  };
  M.kv = function (obj) {
    var keys = Object.keys(obj || {});
    if (!keys.length) { return el('p', { class: 'muted', text: 'none' }); }
    return M.table(['key', 'value'], keys.map(function (k) {
      var v = obj[k];
      return [k, typeof v === 'object' && v !== null ? JSON.stringify(v) : v];
    }));
  };
  M.section = function (title) {
    var s = el('section', { class: 'card' }, el('h2', { text: title }));
    return s;
  };
  M.badge = function (text, good) {
    return el('span', { class: 'badge ' + (good === true ? 'good' : good === false ? 'bad' : 'neutral'), text: text });
  };

  function width(container) {
    return Math.max(320, Math.min(1100, (container.clientWidth || 900) - 8));
  }
  function record(kind, title, counts) {
    charts.push({ kind: kind, title: title, series: counts.length, points: counts });
  }

  /**
   * A line chart: spec.series = [{label, x:[...], y:[...]}]; series with different x are joined on one axis and
   * their gaps spanned. Records per series the number of non-null points.
   */
  M.lineChart = function (container, spec) {
    var box = el('div', { class: 'chart', 'data-title': spec.title });
    container.appendChild(box);
    var tables = spec.series.map(function (s) { return [s.x, s.y]; });
    var data = tables.length === 1 ? [tables[0][0], tables[0][1]] : global.uPlot.join(tables);
    var series = [{ label: spec.xLabel || 'step' }];
    spec.series.forEach(function (s, i) {
      series.push({ label: s.label, stroke: PALETTE[i % PALETTE.length], width: 1.5, spanGaps: true,
        points: { show: s.x.length < 60 } });
    });
    var opts = { title: spec.title, width: width(container), height: spec.height || 240, series: series,
      scales: { x: { time: false } }, legend: { live: true }, cursor: { drag: { x: true, y: false } } };
    var u = new global.uPlot(opts, data, box);
    record('line', spec.title, spec.series.map(function (s) { return s.y.filter(function (v) { return v !== null; }).length; }));
    return u;
  };

  /**
   * A bar chart over categories: spec.labels and spec.series = [{label, values}]; later series are drawn
   * narrower on top of earlier ones, so reference vs current reads at a glance.
   */
  M.barChart = function (container, spec) {
    var box = el('div', { class: 'chart', 'data-title': spec.title });
    container.appendChild(box);
    var n = spec.labels.length;
    var xs = spec.labels.map(function (_, i) { return i; });
    var data = [xs];
    var series = [{ label: spec.xLabel || 'bin', value: function (u, v) { return v === null ? '' : (spec.labels[v] || ''); } }];
    spec.series.forEach(function (s, i) {
      data.push(s.values);
      var c = PALETTE[i % PALETTE.length];
      series.push({ label: s.label, stroke: c, fill: c + (i === 0 ? '55' : 'bb'), width: 1,
        paths: global.uPlot.paths.bars({ size: [i === 0 ? 0.85 : 0.45, 80], align: 0 }), points: { show: false } });
    });
    var short = spec.labels.map(function (l) {
      l = String(l).replace(/-?\d+\.\d{4,}(e-?\d+)?/g, function (m) { return String(Number(Number(m).toPrecision(4))); });
      return l.length > 18 ? l.slice(0, 17) + '\u2026' : l;
    });
    var opts = { title: spec.title, width: width(container), height: spec.height || 220, series: series,
      scales: { x: { time: false, range: function () { return [-0.5, n - 0.5]; } } },
      axes: [{ splits: function () { return xs; }, values: function (u, splits) { return splits.map(function (v) { return short[v] || ''; }); },
        rotate: n > 8 ? -40 : 0, size: n > 8 ? 70 : 40 }, { label: spec.yLabel || '' }],
      legend: { live: true } };
    var u = new global.uPlot(opts, data, box);
    record('bar', spec.title, spec.series.map(function (s) { return s.values.length; }));
    return u;
  };

  function svg(tag, attrs) {
    var e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  }

  /**
   * Parallel coordinates: spec.dims = [{key, values:[one per line]}], spec.lines = [labels]; numeric axes are
   * scaled to their range, others placed as categories.
   */
  M.parallelCoordinates = function (container, spec) {
    var w = width(container); var h = 300; var top = 30; var bottom = 30; var left = 60; var right = 60;
    var root = svg('svg', { width: w, height: h, class: 'parcoords', role: 'img' });
    var dims = spec.dims;
    var step = dims.length > 1 ? (w - left - right) / (dims.length - 1) : 0;
    var scales = dims.map(function (d) {
      var nums = d.values.map(function (v) { return v === null || v === undefined || v === '' ? NaN : Number(v); });
      var numeric = nums.every(function (v, i) { return !isNaN(v) || d.values[i] === null || d.values[i] === undefined; }) && nums.some(function (v) { return !isNaN(v); });
      if (numeric) {
        var lo = Math.min.apply(null, nums.filter(function (v) { return !isNaN(v); }));
        var hi = Math.max.apply(null, nums.filter(function (v) { return !isNaN(v); }));
        return { numeric: true, lo: lo, hi: hi, y: function (v) { var x = Number(v); return isNaN(x) || v === null ? null : hi === lo ? (top + h - bottom) / 2 : h - bottom - (x - lo) / (hi - lo) * (h - top - bottom); } };
      }
      var cats = []; d.values.forEach(function (v) { if (v !== null && v !== undefined && cats.indexOf(String(v)) < 0) { cats.push(String(v)); } });
      cats.sort();
      return { numeric: false, cats: cats, y: function (v) { var i = cats.indexOf(String(v)); return v === null || i < 0 ? null : cats.length === 1 ? (top + h - bottom) / 2 : h - bottom - i / (cats.length - 1) * (h - top - bottom); } };
    });
    spec.lines.forEach(function (label, li) {
      var pts = [];
      dims.forEach(function (d, di) { var y = scales[di].y(d.values[li]); if (y !== null) { pts.push((left + di * step).toFixed(1) + ',' + y.toFixed(1)); } });
      var line = svg('polyline', { points: pts.join(' '), fill: 'none', stroke: PALETTE[li % PALETTE.length], 'stroke-width': 2, opacity: 0.8, class: 'pc-line' });
      var t = svg('title'); t.textContent = label; line.appendChild(t);
      root.appendChild(line);
    });
    dims.forEach(function (d, di) {
      var x = left + di * step;
      root.appendChild(svg('line', { x1: x, x2: x, y1: top, y2: h - bottom, stroke: '#444' }));
      var name = svg('text', { x: x, y: top - 10, 'text-anchor': 'middle', class: 'pc-axis' }); name.textContent = d.key; root.appendChild(name);
      var s = scales[di];
      var lo = svg('text', { x: x + 4, y: h - bottom + 14, class: 'pc-tick' });
      var hi = svg('text', { x: x + 4, y: top + 4, class: 'pc-tick' });
      lo.textContent = s.numeric ? M.fmt(s.lo) : (s.cats[0] || ''); hi.textContent = s.numeric ? M.fmt(s.hi) : (s.cats[s.cats.length - 1] || '');
      root.appendChild(lo); root.appendChild(hi);
    });
    var box = el('div', { class: 'chart' }); box.appendChild(root); container.appendChild(box);
    record('parallel', 'parallel coordinates', spec.lines.map(function () { return dims.length; }));
    return root;
  };

  /** The lineage graph: columns by depth (ancestors left, descendants right), edges parent to child. */
  M.lineageGraph = function (container, lineage, current, link) {
    var byDepth = {};
    lineage.nodes.forEach(function (n) { (byDepth[n.depth] = byDepth[n.depth] || []).push(n); });
    var depths = Object.keys(byDepth).map(Number).sort(function (a, b) { return a - b; });
    var colW = 220; var rowH = 56; var nodeW = 180; var nodeH = 34;
    var rows = Math.max.apply(null, depths.map(function (d) { return byDepth[d].length; }));
    var w = Math.max(colW * depths.length + 20, 300); var h = rows * rowH + 20;
    var root = svg('svg', { width: w, height: h, class: 'lineage', role: 'img' });
    var pos = {};
    depths.forEach(function (d, ci) {
      byDepth[d].forEach(function (n, ri) { pos[n.ref] = { x: 10 + ci * colW, y: 10 + ri * rowH + (rows - byDepth[d].length) * rowH / 2 }; });
    });
    lineage.edges.forEach(function (e) {
      var a = pos[e.from]; var b = pos[e.to];
      if (!a || !b) { return; }
      root.appendChild(svg('path', { d: 'M' + (a.x + nodeW) + ',' + (a.y + nodeH / 2) + ' C' + (a.x + nodeW + 30) + ',' + (a.y + nodeH / 2) + ' ' + (b.x - 30) + ',' + (b.y + nodeH / 2) + ' ' + b.x + ',' + (b.y + nodeH / 2), fill: 'none', stroke: '#888', 'stroke-width': 1.5, class: 'edge' }));
    });
    lineage.nodes.forEach(function (n) {
      var p = pos[n.ref];
      var g = svg('g', { class: 'node' + (n.ref === current ? ' current' : ''), 'data-ref': n.ref });
      g.appendChild(svg('rect', { x: p.x, y: p.y, width: nodeW, height: nodeH, rx: 6 }));
      var t = svg('text', { x: p.x + 8, y: p.y + 21 });
      t.textContent = (n.ref.length > 24 ? n.ref.slice(0, 23) + '\u2026' : n.ref) + ' \u00b7 ' + n.kind.toLowerCase();
      var tip = svg('title'); tip.textContent = n.ref; g.appendChild(tip);
      g.appendChild(t);
      var href = link ? link(n.ref) : null;
      if (href) {
        var a = svg('a', { href: safeHref(href) }); a.appendChild(g); root.appendChild(a);
      } else { root.appendChild(g); }
    });
    var box = el('div', { class: 'chart lineage-box' }); box.appendChild(root); container.appendChild(box);
    return root;
  };

  // ---------------------------------------------------------------- reports

  function num(v) { return v === null || v === undefined ? null : typeof v === 'string' ? Number(v) : v; }

  M.validation = function (container, r) {
    var ok = r.status === 'PASSED' ? true : r.status === 'FAILED' ? false : null;
    container.appendChild(el('p', { class: 'verdict' }, 'suite ', el('strong', { text: r.suite }), ': ', M.badge(r.status, ok)));
    var counts = {};
    r.results.forEach(function (x) { counts[x.status] = (counts[x.status] || 0) + 1; });
    container.appendChild(el('p', { class: 'muted', text: Object.keys(counts).map(function (k) { return counts[k] + ' ' + k.toLowerCase(); }).join(', ') }));
    var withCounts = r.results.filter(function (x) { return x.elementCount > 0; });
    if (withCounts.length) {
      M.barChart(container, { title: 'unexpected share per rule (%)', xLabel: 'rule',
        labels: withCounts.map(function (x) { return x.check + ': ' + x.rule; }),
        series: [{ label: 'unexpected %', values: withCounts.map(function (x) { return 100 * x.unexpectedCount / x.elementCount; }) }] });
    }
    container.appendChild(M.table(['status', 'check', 'rule', 'severity', 'observed', 'elements', 'unexpected', 'samples', 'message'],
      r.results.map(function (x) {
        return [M.badge(x.status, x.status === 'PASSED' ? true : x.status === 'FAILED' ? false : null), x.check, x.rule, x.severity,
          num(x.observedValue), x.elementCount, x.unexpectedCount,
          (x.samples || []).map(function (s) { return s.value + ' \u00d7' + s.count; }).join(', '), x.message];
      })));
  };

  M.drift = function (container, d) {
    var drifted = d.columns.filter(function (c) { return c.drifted; }).length;
    container.appendChild(el('p', { class: 'verdict' }, 'dataset ', M.badge(d.datasetDrifted ? 'DRIFTED' : 'NO DRIFT', !d.datasetDrifted),
      ' \u2014 ' + drifted + ' of ' + d.columns.length + ' columns drifted (share ' + M.fmt(num(d.driftedShare)) + ', threshold ' + M.fmt(num(d.shareThreshold)) + '; correction ' + d.correction + ', alpha ' + M.fmt(num(d.alpha)) + ')'));
    container.appendChild(M.table(['column', 'drifted', 'test', 'statistic', 'p-value', 'adjusted p', 'effect', 'effect size', 'reference n', 'current n', 'explanation'],
      d.columns.map(function (c) {
        return [c.column, M.badge(c.drifted ? 'drift' : 'ok', !c.drifted), c.test, num(c.statistic), num(c.pValue), num(c.adjustedPValue),
          c.effectMeasure, num(c.effectSize), c.referenceCount, c.currentCount, c.explanation];
      })));
    d.columns.forEach(function (c) {
      var s = el('div', { class: 'column-chart' });
      container.appendChild(s);
      var ref = c.counts.reference; var cur = c.counts.current;
      var rt = ref.reduce(function (a, b) { return a + b; }, 0) || 1; var ct = cur.reduce(function (a, b) { return a + b; }, 0) || 1;
      M.barChart(s, { title: c.column + (c.drifted ? ' (drifted)' : '') + ': reference vs current (% of rows)', yLabel: '%', labels: c.counts.bins,
        series: [{ label: 'reference', values: ref.map(function (v) { return 100 * v / rt; }) }, { label: 'current', values: cur.map(function (v) { return 100 * v / ct; }) }] });
      if (c.warnings && c.warnings.length) { s.appendChild(el('p', { class: 'warn', text: c.warnings.join('; ') })); }
    });
    var skipped = Object.keys(d.skipped || {});
    if (skipped.length) { container.appendChild(el('h3', { text: 'skipped' })); container.appendChild(M.kv(d.skipped)); }
  };

  M.profile = function (container, p) {
    container.appendChild(el('p', { class: 'verdict', text: p.rowCount + ' rows, ' + p.columns.length + ' columns' }));
    container.appendChild(M.table(['column', 'type', 'count', 'nulls', 'NaN', 'empty', '~distinct', 'min', 'max', 'mean', 'std dev'],
      p.columns.map(function (c) {
        return [c.name, c.type, c.count, c.nullCount, c.nanCount, c.emptyCount, Math.round(c.approxDistinct), c.minText !== undefined ? c.minText : num(c.min), c.maxText !== undefined ? c.maxText : num(c.max), num(c.mean), num(c.stdDev)];
      })));
    p.columns.forEach(function (c) {
      var s = el('div', { class: 'column-chart' });
      container.appendChild(s);
      if (c.histogram && c.histogram.length) {
        M.barChart(s, { title: c.name + ': histogram', yLabel: 'rows', labels: c.histogram.map(function (b) { return M.fmt(b.low) + '\u2013' + M.fmt(b.high); }),
          series: [{ label: 'rows', values: c.histogram.map(function (b) { return b.count; }) }] });
      } else if (c.valueCounts && c.valueCounts.length) {
        var top = c.valueCounts.slice(0, 20);
        M.barChart(s, { title: c.name + ': top values', yLabel: 'rows', labels: top.map(function (v) { return v.value; }),
          series: [{ label: 'rows', values: top.map(function (v) { return v.count; }) }] });
      }
    });
  };

  M.leaderboard = function (container, lb, link) {
    container.appendChild(el('p', { class: 'verdict', text: 'experiment ' + lb.experiment + ' \u2014 ' + lb.metric + ' (' + lb.direction + ', ' + lb.aggregation + ')' }));
    var params = []; var metrics = [];
    lb.entries.forEach(function (e) {
      Object.keys(e.params || {}).forEach(function (k) { if (params.indexOf(k) < 0) { params.push(k); } });
      Object.keys(e.metrics || {}).forEach(function (k) { if (metrics.indexOf(k) < 0 && k !== lb.metric) { metrics.push(k); } });
    });
    params.sort(); metrics.sort();
    if (lb.entries.length) {
      M.barChart(container, { title: lb.metric + ' by rank', xLabel: 'run', labels: lb.entries.map(function (e) { return '#' + e.rank + ' ' + e.runName; }),
        series: [{ label: lb.metric, values: lb.entries.map(function (e) { return num(e.score); }) }] });
    }
    container.appendChild(M.table(['rank', 'run', 'score'].concat(Object.keys((lb.entries[0] || {}).group || {})).concat(params.map(function (k) { return 'param ' + k; })).concat(metrics),
      lb.entries.map(function (e) {
        var href = link ? link(e.runId) : null;
        return [e.rank, href ? el('a', { href: href, text: e.runName }) : e.runName, num(e.score)]
          .concat(Object.keys(e.group || {}).map(function (k) { return e.group[k]; }))
          .concat(params.map(function (k) { return e.params[k]; }))
          .concat(metrics.map(function (k) { return num(e.metrics[k]); }));
      })));
  };

  M.compare = function (container, c, link) {
    var names = c.runs.map(function (r) { return r.name; });
    var s1 = M.section('runs'); container.appendChild(s1);
    s1.appendChild(M.table(['', 'run', 'status', 'started'], c.runs.map(function (r, i) {
      var sw = el('span', { class: 'swatch', title: r.name }); sw.style.background = PALETTE[i % PALETTE.length];
      var href = link ? link(r.id) : null;
      return [sw, href ? el('a', { href: href, text: r.name }) : r.name, r.status, r.startTime];
    })));
    var s2 = M.section('params'); container.appendChild(s2);
    var diffOnly = c.params.filter(function (p) { return p.differs; });
    s2.appendChild(el('p', { class: 'muted', text: diffOnly.length + ' of ' + c.params.length + ' params differ (highlighted)' }));
    var tbl = M.table(['param'].concat(names), c.params.map(function (p) { return [p.key].concat(p.values.map(function (v) { return v === null ? '\u2014' : v; })); }));
    Array.prototype.forEach.call(tbl.querySelectorAll('tbody tr'), function (tr, i) { if (c.params[i].differs) { tr.className = 'differs'; } });
    s2.appendChild(tbl);
    var dims = diffOnly.map(function (p) { return { key: p.key, values: p.values }; });
    var metricKeys = {};
    c.runs.forEach(function (r) { Object.keys(r.metrics).forEach(function (k) { metricKeys[k] = true; }); });
    Object.keys(metricKeys).sort().forEach(function (k) { dims.push({ key: k, values: c.runs.map(function (r) { return r.metrics[k] === undefined ? null : r.metrics[k]; }) }); });
    var s3 = M.section('metrics'); container.appendChild(s3);
    s3.appendChild(M.table(['metric (latest)'].concat(names), Object.keys(metricKeys).sort().map(function (k) { return [k].concat(c.runs.map(function (r) { return r.metrics[k] === undefined ? null : r.metrics[k]; })); })));
    if (dims.length >= 2) {
      var s4 = M.section('parallel coordinates'); container.appendChild(s4);
      M.parallelCoordinates(s4, { dims: dims, lines: names });
    }
    var s5 = M.section('metric charts'); container.appendChild(s5);
    c.metrics.forEach(function (m) {
      M.lineChart(s5, { title: m.key, series: m.series.map(function (s) { return { label: s.runName, x: s.steps, y: s.values }; }) });
    });
  };

  global.MlopsRender = M;
})(window);
