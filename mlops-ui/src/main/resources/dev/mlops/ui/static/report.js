/* Renders a single-file report from its embedded JSON (see HtmlReport). */
(function () {
  'use strict';
  var R = window.MlopsRender;
  var doc = JSON.parse(document.getElementById('mlops-data').textContent);
  var main = document.getElementById('main');
  var section = R.section(doc.title);
  main.appendChild(section);
  var render = { validation: R.validation, drift: R.drift, profile: R.profile, leaderboard: R.leaderboard, compare: R.compare }[doc.kind];
  if (!render) { section.appendChild(R.el('p', { class: 'error', text: 'unknown report kind ' + doc.kind })); return; }
  render(section, doc.data, null);
  main.appendChild(R.el('p', { class: 'muted', text: 'A self-contained mlops report: it loads nothing from the network.' }));
}());
