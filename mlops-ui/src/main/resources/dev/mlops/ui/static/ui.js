/* The served UI: one script, the page chosen by <body data-page>. Data comes from the JSON API under /api/. */
(function () {
  'use strict';
  var R = window.MlopsRender;
  var el = R.el;
  var main = document.getElementById('main');
  var params = new URLSearchParams(location.search);

  function api(path, query) {
    var target = url('/api/' + path, query || {});
    return fetch(target, { headers: { Accept: 'application/json' }, credentials: 'same-origin' }).then(function (res) {
      return res.json().then(function (body) {
        if (!res.ok) { var e = new Error(body.error || res.statusText); e.status = res.status; throw e; }
        return body;
      });
    });
  }
  function url(path, query) {
    var q = new URLSearchParams();
    Object.keys(query).forEach(function (k) { var v = query[k]; if (Array.isArray(v)) { v.forEach(function (x) { q.append(k, x); }); } else if (v !== null && v !== undefined && v !== '') { q.append(k, v); } });
    return path + (q.toString() ? '?' + q.toString() : '');
  }
  function runLink(id) { return url('/run', { id: id }); }
  function versionLink(ref) { return url('/version', { ref: ref }); }
  function setTitle(text) { document.title = 'mlops \u00b7 ' + text; }
  function clear() { while (main.firstChild) { main.removeChild(main.firstChild); } }
  function fail(e) {
    clear();
    main.appendChild(el('h1', { text: e.status === 404 ? 'Not found' : 'Error' }));
    main.appendChild(el('pre', { class: 'error', text: e.message }));
  }
  function heading(kind, text) { return el('h1', null, el('span', { class: 'muted', text: kind + ' ' }), text); }
  function orderClause(field) {
    var i = field.indexOf('.');
    var key = field.slice(i + 1);
    return field.slice(0, i + 1) + (/^[\w]+$/.test(key) ? key : '`' + key + '`');
  }

  // ------------------------------------------------------------------ experiments
  function experiments() {
    setTitle('experiments');
    return api('experiments').then(function (list) {
      clear();
      main.appendChild(el('h1', { text: 'Experiments' }));
      var s = R.section(list.length + ' experiments'); main.appendChild(s);
      s.appendChild(R.table(['name', 'created', 'tags', ''], list.map(function (e) {
        return [el('a', { href: url('/experiment', { name: e.name }), text: e.name, class: 'experiment-link' }), e.createdAt,
          Object.keys(e.tags).map(function (k) { return k + '=' + e.tags[k]; }).join(', '),
          el('a', { href: url('/leaderboard', { experiment: e.name }), text: 'leaderboard' })];
      })));
    });
  }

  // ------------------------------------------------------------------ runs table
  function runs() {
    var name = params.get('name') || '';
    setTitle(name);
    var state = { filter: params.get('filter') || '', order: params.get('orderBy') || '', limit: Number(params.get('limit') || 50),
      tokens: [null], page: 0, params: null, metrics: null, selected: {} };
    clear();
    main.appendChild(heading('experiment', name));
    main.appendChild(el('p', null, el('a', { href: url('/leaderboard', { experiment: name }), text: 'leaderboard' })));
    var card = R.section('runs'); main.appendChild(card);
    var input = el('input', { id: 'filter', type: 'text', value: state.filter, placeholder: "filter, e.g. metrics.acc > 0.9 and params.lr = '0.01'", 'aria-label': 'filter', spellcheck: 'false' });
    var apply = el('button', { id: 'apply', type: 'submit', text: 'Search' });
    var form = el('form', { class: 'toolbar', id: 'filter-form' }, input, apply);
    var error = el('pre', { class: 'error', id: 'filter-error', hidden: true });
    var columns = el('details', { class: 'columns' }, el('summary', { text: 'columns' }));
    var compare = el('button', { id: 'compare', type: 'button', text: 'Compare selected', disabled: true });
    var prev = el('button', { id: 'prev', type: 'button', text: '\u2190 Previous' });
    var next = el('button', { id: 'next', type: 'button', text: 'Next \u2192' });
    var info = el('span', { class: 'muted', id: 'page-info' });
    var tableBox = el('div', { id: 'runs-table' });
    card.appendChild(form); card.appendChild(error); card.appendChild(columns);
    card.appendChild(el('div', { class: 'toolbar' }, compare, prev, next, info));
    card.appendChild(tableBox);
    form.addEventListener('submit', function (ev) { ev.preventDefault(); state.filter = input.value; state.tokens = [null]; state.page = 0; load(); });
    prev.addEventListener('click', function () { if (state.page > 0) { state.page--; load(); } });
    next.addEventListener('click', function () { if (state.tokens[state.page + 1]) { state.page++; load(); } });
    compare.addEventListener('click', function () { location.href = url('/compare', { run: Object.keys(state.selected) }); });

    function chooseColumns(data) {
      if (state.params === null) { state.params = data.paramKeys.slice(0, 6); }
      if (state.metrics === null) { state.metrics = data.metricKeys.slice(0, 6); }
      while (columns.childNodes.length > 1) { columns.removeChild(columns.lastChild); }
      [['params', data.paramKeys, state.params], ['metrics', data.metricKeys, state.metrics]].forEach(function (group) {
        columns.appendChild(el('strong', { text: group[0] + ': ' }));
        group[1].forEach(function (k) {
          var box = el('input', { type: 'checkbox', checked: group[2].indexOf(k) >= 0 });
          box.addEventListener('change', function () {
            var list = group[0] === 'params' ? state.params : state.metrics;
            var i = list.indexOf(k);
            if (box.checked && i < 0) { list.push(k); } else if (!box.checked && i >= 0) { list.splice(i, 1); }
            render(state.last);
          });
          columns.appendChild(el('label', null, box, ' ' + k));
        });
        columns.appendChild(el('br'));
      });
    }
    function sortHeader(label, field) {
      var th = el('th', { class: 'sortable', text: label, 'data-field': field });
      var m = state.order.match(/^(.*) (ASC|DESC)$/);
      if (m && m[1] === orderClause(field)) { th.className += m[2] === 'ASC' ? ' sorted-asc' : ' sorted-desc'; }
      th.addEventListener('click', function () {
        var clause = orderClause(field);
        state.order = state.order === clause + ' DESC' ? clause + ' ASC' : clause + ' DESC';
        state.tokens = [null]; state.page = 0; load();
      });
      return th;
    }
    function render(data) {
      var heads = [el('th', { text: '' }), sortHeader('run', 'attributes.run_name'), sortHeader('status', 'attributes.status'), sortHeader('started', 'attributes.start_time')]
        .concat(state.params.map(function (k) { return sortHeader(k, 'params.' + k); }))
        .concat(state.metrics.map(function (k) { return sortHeader(k, 'metrics.' + k); }));
      var rows = data.runs.map(function (r) {
        var box = el('input', { type: 'checkbox', class: 'select-run', 'data-run': r.id, checked: !!state.selected[r.id] });
        box.addEventListener('change', function () {
          if (box.checked) { state.selected[r.id] = true; } else { delete state.selected[r.id]; }
          var n = Object.keys(state.selected).length;
          compare.disabled = n < 2 || n > 10;
          compare.textContent = 'Compare selected (' + n + ')';
        });
        var tr = el('tr', { 'data-run': r.id }, el('td', null, box), el('td', null, el('a', { href: runLink(r.id), text: r.name, class: 'run-link' })),
          el('td', { text: r.status }), el('td', { text: r.startTime.replace('T', ' ').replace(/\.\d+Z$/, 'Z') }));
        state.params.forEach(function (k) { tr.appendChild(el('td', { text: r.params[k] === undefined ? '' : r.params[k] })); });
        state.metrics.forEach(function (k) { tr.appendChild(el('td', { class: 'num', text: R.fmt(r.metrics[k]) })); });
        return tr;
      });
      var table = el('table', { class: 'grid', id: 'runs' }, el('thead', null, el('tr', null, heads)), el('tbody', null, rows));
      while (tableBox.firstChild) { tableBox.removeChild(tableBox.firstChild); }
      tableBox.appendChild(table);
    }
    function load() {
      var started = performance.now();
      return api('runs', { experiment: name, filter: state.filter, orderBy: state.order, limit: state.limit, pageToken: state.tokens[state.page] })
        .then(function (data) {
          error.hidden = true; error.textContent = '';
          state.last = data;
          state.tokens[state.page + 1] = data.nextPageToken;
          chooseColumns(data);
          render(data);
          prev.disabled = state.page === 0;
          next.disabled = !data.nextPageToken;
          info.textContent = 'page ' + (state.page + 1) + ' \u00b7 ' + data.runs.length + ' runs';
          history.replaceState(null, '', url('/experiment', { name: name, filter: state.filter, orderBy: state.order }));
          document.body.setAttribute('data-loaded-ms', String(Math.round(performance.now() - started)));
        })
        .catch(function (e) {
          if (e.status === 400) { error.textContent = e.message; error.hidden = false; return; }
          throw e;
        });
    }
    return load();
  }

  // ------------------------------------------------------------------ one run
  function run() {
    var id = params.get('id');
    return api('run', { id: id }).then(function (r) {
      setTitle(r.name);
      clear();
      main.appendChild(heading('run', r.name));
      main.appendChild(el('p', null, R.badge(r.status, r.status === 'FINISHED' ? true : r.status === 'FAILED' || r.status === 'KILLED' ? false : null),
        ' in ', r.experiment ? el('a', { href: url('/experiment', { name: r.experiment }), text: r.experiment }) : r.experimentId,
        ' \u00b7 started ' + r.startTime + (r.endTime ? ' \u00b7 ended ' + r.endTime : '') + ' \u00b7 id ', el('code', { text: r.id }),
        r.parentId ? el('span', null, ' \u00b7 parent ', el('a', { href: runLink(r.parentId), text: r.parentId })) : null));
      var p = R.section('params'); main.appendChild(p); p.appendChild(R.kv(r.params));
      var m = R.section('metrics (latest)'); main.appendChild(m);
      var keys = Object.keys(r.latestMetrics);
      m.appendChild(keys.length ? R.table(['metric', 'value', 'step', 'time'], keys.map(function (k) { var x = r.latestMetrics[k]; return [k, x.value, x.step, x.time]; })) : el('p', { class: 'muted', text: 'none' }));
      var c = R.section('charts'); main.appendChild(c);
      var grid = el('div', { class: 'charts', id: 'charts' }); c.appendChild(grid);
      var loads = keys.map(function (k) {
        var cell = el('div', { class: 'metric-chart' }); grid.appendChild(cell);
        return api('metric', { run: id, key: k }).then(function (s) {
          R.lineChart(cell, { title: k + (s.downsampled ? ' (' + s.values.length + ' of ' + s.total + ' points)' : ''), series: [{ label: k, x: s.steps, y: s.values }] });
          cell.appendChild(el('div', { class: 'downloads' }, el('a', { href: url('/api/metric.csv', { run: id, key: k }), text: 'CSV', download: '' }),
            el('a', { href: url('/api/metric.json', { run: id, key: k }), text: 'JSON', download: '' })));
        });
      });
      var tags = {}; Object.keys(r.tags).forEach(function (k) { if (k.indexOf('mlops.') !== 0) { tags[k] = r.tags[k]; } });
      var t = R.section('tags'); main.appendChild(t); t.appendChild(R.kv(tags));
      var io = R.section('inputs and outputs'); main.appendChild(io);
      var ioRows = [];
      Object.keys(r.inputs).forEach(function (k) { ioRows.push(['input', k, el('a', { href: versionLink(r.inputs[k]), text: r.inputs[k] })]); });
      Object.keys(r.outputs).forEach(function (k) { ioRows.push(['output', k, el('a', { href: versionLink(r.outputs[k]), text: r.outputs[k] })]); });
      io.appendChild(ioRows.length ? R.table(['', 'role', 'artifact version'], ioRows) : el('p', { class: 'muted', text: 'none' }));
      var f = R.section('fingerprint and environment'); main.appendChild(f);
      if (r.fingerprint) {
        f.appendChild(el('p', null, 'fingerprint ', el('code', { text: r.fingerprintId })));
        var fp = r.fingerprint;
        var rows = [];
        if (fp.code) { Object.keys(fp.code).forEach(function (k) { rows.push(['code ' + k, fp.code[k]]); }); }
        Object.keys(fp.data || {}).forEach(function (k) { var d = fp.data[k]; rows.push(['data ' + k, d.digest + (d.label ? ' (' + d.label + ')' : '')]); });
        Object.keys(fp.seeds || {}).forEach(function (k) { rows.push(['seed ' + k, fp.seeds[k]]); });
        if (fp.config !== undefined && fp.config !== null) { rows.push(['config', JSON.stringify(fp.config)]); }
        f.appendChild(R.table(['part', 'value'], rows));
        var env = fp.environment;
        if (env) {
          [['portable', env.portable], ['strict', env.strict]].forEach(function (part) {
            f.appendChild(el('h3', { text: 'environment (' + part[0] + ')' }));
            var flat = [];
            Object.keys(part[1] || {}).forEach(function (k) {
              var v = part[1][k];
              flat.push([k, v !== null && typeof v === 'object'
                ? el('details', null, el('summary', { text: Object.keys(v).length + ' entries' }), el('pre', { text: JSON.stringify(v, null, 2) }))
                : v]);
            });
            f.appendChild(R.table(['key', 'value'], flat));
          });
        }
        f.appendChild(el('details', null, el('summary', { text: 'full fingerprint JSON' }), el('pre', { text: JSON.stringify(fp, null, 2) })));
      } else { f.appendChild(el('p', { class: 'muted', text: 'no fingerprint logged' })); }
      return Promise.all(loads);
    });
  }

  // ------------------------------------------------------------------ compare
  function compare() {
    var ids = params.getAll('run');
    setTitle('compare');
    return api('compare', { run: ids }).then(function (c) {
      clear();
      main.appendChild(el('h1', { text: 'Compare ' + c.runs.length + ' runs' }));
      R.compare(main, c, runLink);
    });
  }

  // ------------------------------------------------------------------ leaderboard
  function leaderboard() {
    var exp = params.get('experiment') || '';
    setTitle('leaderboard ' + exp);
    clear();
    main.appendChild(heading('leaderboard of', exp));
    main.appendChild(el('p', null, el('a', { href: url('/experiment', { name: exp }), text: 'runs' })));
    var card = R.section('ranking'); main.appendChild(card);
    var metric = el('select', { id: 'lb-metric' });
    var dir = el('select', { id: 'lb-direction' }, el('option', { value: 'MAXIMIZE', text: 'higher is better' }), el('option', { value: 'MINIMIZE', text: 'lower is better' }));
    var agg = el('select', { id: 'lb-aggregation' }, ['LAST', 'MAX', 'MIN', 'MEAN'].map(function (a) { return el('option', { value: a, text: a.toLowerCase() }); }));
    var filter = el('input', { id: 'lb-filter', type: 'text', placeholder: 'filter', value: params.get('filter') || '' });
    var go = el('button', { type: 'submit', text: 'Rank' });
    var form = el('form', { class: 'toolbar' }, metric, dir, agg, filter, go);
    var error = el('pre', { class: 'error', hidden: true });
    var out = el('div', { id: 'leaderboard' });
    card.appendChild(form); card.appendChild(error); card.appendChild(out);
    function load() {
      return api('leaderboard', { experiment: exp, metric: metric.value, direction: dir.value, aggregation: agg.value, filter: filter.value, limit: 50 })
        .then(function (lb) { error.hidden = true; while (out.firstChild) { out.removeChild(out.firstChild); } R.leaderboard(out, lb, runLink); })
        .catch(function (e) { if (e.status === 400) { error.textContent = e.message; error.hidden = false; return; } throw e; });
    }
    form.addEventListener('submit', function (ev) { ev.preventDefault(); load(); });
    return api('runs', { experiment: exp, limit: 200 }).then(function (data) {
      data.metricKeys.forEach(function (k) { metric.appendChild(el('option', { value: k, text: k })); });
      if (params.get('metric')) { metric.value = params.get('metric'); }
      if (params.get('direction')) { dir.value = params.get('direction'); }
      if (!data.metricKeys.length) { out.appendChild(el('p', { class: 'muted', text: 'no metrics logged yet' })); return null; }
      return load();
    });
  }

  // ------------------------------------------------------------------ artifacts
  function artifacts() {
    setTitle('artifacts');
    return api('artifacts').then(function (list) {
      clear();
      main.appendChild(el('h1', { text: 'Artifacts' }));
      var s = R.section(list.length + ' artifacts'); main.appendChild(s);
      s.appendChild(R.table(['name', 'kind', 'versions', 'latest', 'aliases', 'updated'], list.map(function (a) {
        return [el('a', { href: url('/artifact', { name: a.name }), text: a.name, class: 'artifact-link' }), a.kind || '', a.versions,
          a.latest ? el('a', { href: versionLink(a.name + '@' + a.latest), text: 'v' + a.latest }) : '',
          Object.keys(a.aliases).map(function (k) { return k + ' \u2192 v' + a.aliases[k]; }).join(', '), a.updatedAt || ''];
      })));
    });
  }

  function artifact() {
    var name = params.get('name');
    return api('artifact', { name: name }).then(function (a) {
      setTitle(a.name);
      clear();
      main.appendChild(heading('artifact', a.name));
      var v = R.section('versions'); main.appendChild(v);
      var byVersion = {}; Object.keys(a.aliases).forEach(function (k) { (byVersion[a.aliases[k]] = byVersion[a.aliases[k]] || []).push(k); });
      v.appendChild(R.table(['version', 'kind', 'size', 'files', 'aliases', 'created', 'digest', 'description'], a.versions.slice().reverse().map(function (x) {
        return [el('a', { href: versionLink(x.ref), text: 'v' + x.version }), x.kind, R.bytes(x.size), x.directory ? x.fileCount : 1,
          (byVersion[x.version] || []).join(', '), x.createdAt, el('code', { text: x.digest.slice(0, 19) + '\u2026', title: x.digest }), x.description];
      })));
      var h = R.section('aliases and their history'); main.appendChild(h);
      var aliases = Object.keys(a.aliasHistory);
      if (!aliases.length) { h.appendChild(el('p', { class: 'muted', text: 'no aliases' })); }
      aliases.forEach(function (al) {
        h.appendChild(el('h3', { text: al + ' \u2192 v' + a.aliases[al] }));
        h.appendChild(R.table(['when', 'from', 'to'], a.aliasHistory[al].map(function (m) { return [m.at, m.from === null ? '\u2014' : 'v' + m.from, m.to === null ? 'removed' : 'v' + m.to]; })));
      });
    });
  }

  function version() {
    var ref = params.get('ref');
    return api('version', { ref: ref }).then(function (v) {
      setTitle(v.ref);
      clear();
      main.appendChild(heading(v.kind.toLowerCase(), v.ref));
      main.appendChild(el('p', null, el('a', { href: url('/artifact', { name: v.name }), text: 'all versions of ' + v.name }),
        v.report ? el('span', null, ' \u00b7 ', el('a', { href: url('/report', { ref: v.ref }), text: 'view as ' + v.report + ' report', id: 'report-link' })) : null));
      var d = R.section('details'); main.appendChild(d);
      d.appendChild(R.table(['field', 'value'], [['digest', v.digest], ['size', R.bytes(v.size)], ['created', v.createdAt], ['description', v.description],
        ['run', v.runId ? el('a', { href: runLink(v.runId), text: v.runId }) : '\u2014'], ['produced by (fingerprint)', v.producedBy || '\u2014'],
        ['download', v.directory ? 'see files' : el('a', { href: url('/api/file', { ref: v.ref }), text: v.name, download: '' })]]));
      if (Object.keys(v.properties).length) { d.appendChild(el('h3', { text: 'properties' })); d.appendChild(R.kv(v.properties)); }
      var l = R.section('lineage'); main.appendChild(l);
      if (v.lineage.nodes.length > 1) { R.lineageGraph(l, v.lineage, v.ref, versionLink); } else { l.appendChild(el('p', { class: 'muted', text: 'no parents or children' })); }
      if (v.directory) {
        var f = R.section(v.files.length + ' files'); main.appendChild(f);
        f.appendChild(R.table(['path', 'size', 'digest'], v.files.map(function (x) {
          return [el('a', { href: url('/api/file', { ref: v.ref, path: x.path }), text: x.path, download: '' }), R.bytes(x.size), el('code', { text: x.digest })];
        })));
      }
    });
  }

  function report() {
    var ref = params.get('ref');
    return api('report', { ref: ref }).then(function (r) {
      setTitle(r.ref);
      clear();
      main.appendChild(heading(r.kind + ' report', r.ref));
      main.appendChild(el('p', null, el('a', { href: versionLink(r.ref), text: 'the artifact version' })));
      var s = R.section(r.kind); main.appendChild(s);
      ({ validation: R.validation, drift: R.drift, profile: R.profile })[r.kind](s, r.data);
    });
  }

  var pages = { experiments: experiments, runs: runs, run: run, compare: compare, leaderboard: leaderboard, artifacts: artifacts,
    artifact: artifact, version: version, report: report };
  var page = document.body.getAttribute('data-page');
  Promise.resolve().then(pages[page]).then(function () {
    document.body.setAttribute('data-ready-ms', String(Math.round(performance.now())));
    document.body.setAttribute('data-ready', 'true');
  }, function (e) {
    fail(e); document.body.setAttribute('data-ready', 'error');
  });
}());
