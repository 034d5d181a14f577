/**
 * The HTML report's inline style and script (html.ts puts them in the page). The script is plain
 * browser JavaScript kept as a string: the report is one file that loads nothing. It reads the
 * JSON in #report-data, builds the summary and one collapsed group per rule or folder, and renders
 * a group's findings only when the group is opened, PAGE_SIZE at a time.
 */

export const REPORT_STYLE = String.raw`
:root { --fg: #1d2330; --muted: #5b6472; --line: #d6dae1; --panel: #f5f7fa; --error: #cf222e; --warning: #9a6700; --info: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); }
header { padding: 0.8rem 1.5rem; border-bottom: 1px solid var(--line); background: var(--panel); }
h1 { font-size: 1.25rem; margin: 0 0 0.4rem; }
main { padding: 0 1.5rem 2rem; }
.totals { display: flex; gap: 1.2rem; flex-wrap: wrap; margin: 0; padding: 0; list-style: none; }
.totals strong { font-size: 1.1rem; }
.controls { display: flex; flex-wrap: wrap; gap: 0.8rem; align-items: end; margin: 1rem 0; }
.controls .field { display: flex; flex-direction: column; gap: 0.2rem; font-size: 0.85rem; color: var(--muted); }
input, select, button { font: inherit; padding: 0.3rem 0.5rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; color: var(--fg); }
input[type=search] { width: 22rem; max-width: 100%; }
button { cursor: pointer; background: var(--panel); }
:focus-visible { outline: 2px solid var(--info); outline-offset: 2px; }
fieldset { border: 0; padding: 0; margin: 0; display: flex; gap: 0.6rem; align-items: center; }
legend { float: left; margin-right: 0.4rem; font-size: 0.85rem; color: var(--muted); }
details.group { border: 1px solid var(--line); border-radius: 6px; margin: 0.5rem 0; }
details.group > summary { cursor: pointer; padding: 0.5rem 0.8rem; display: flex; gap: 0.8rem; align-items: baseline; flex-wrap: wrap; }
details.group[open] > summary { border-bottom: 1px solid var(--line); background: var(--panel); }
.group-title { font-weight: 600; }
.counts { color: var(--muted); font-size: 0.85rem; }
.rule-info { padding: 0.5rem 0.8rem; margin: 0; color: var(--muted); }
ol.findings { list-style: none; margin: 0; padding: 0; }
li.finding { padding: 0.6rem 0.8rem; border-top: 1px solid var(--line); }
li.finding:first-child { border-top: 0; }
.where { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85rem; }
.sev { display: inline-block; min-width: 4.5rem; font-weight: 600; }
.sev-error { color: var(--error); }
.sev-warning { color: var(--warning); }
.sev-info { color: var(--info); }
.help { color: var(--muted); margin: 0.2rem 0 0; }
pre.excerpt { margin: 0.4rem 0 0; padding: 0.4rem 0; background: var(--panel); border-radius: 4px; overflow: auto; font-size: 0.8rem; }
pre.excerpt span { display: block; padding: 0 0.6rem; white-space: pre; }
pre.excerpt .hit { background: #fff1c2; }
pre.excerpt .hit::before { content: "> "; }
pre.excerpt .ctx::before { content: "  "; }
.more { margin: 0.5rem 0.8rem; }
.empty { color: var(--muted); }
table.rules { border-collapse: collapse; margin: 0.5rem 0 1rem; }
table.rules th, table.rules td { border-bottom: 1px solid var(--line); padding: 0.25rem 0.8rem 0.25rem 0; text-align: left; }
table.rules td.num { text-align: right; font-variant-numeric: tabular-nums; }
`;

export const REPORT_SCRIPT = String.raw`
'use strict';
(function () {
  var PAGE_SIZE = 100;
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var rules = data.rules;
  var findings = data.findings;
  var SEVERITIES = ['error', 'warning', 'info'];

  function el(tag, props) {
    var node = document.createElement(tag);
    if (props) Object.assign(node, props);
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }
  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }
  function severityCounts(list) {
    var c = { error: 0, warning: 0, info: 0 };
    list.forEach(function (f) { c[f.s] += 1; });
    return c;
  }
  function countsText(c) {
    return SEVERITIES.filter(function (s) { return c[s]; }).map(function (s) { return plural(c[s], s); }).join(', ') || 'no findings';
  }

  // Search text of each finding, built once.
  var haystacks = findings.map(function (f) {
    var r = rules[f.r];
    return (r.id + ' ' + r.name + ' ' + f.f + ':' + f.l + ':' + f.c + ' ' + f.s + ' ' + f.m).toLowerCase();
  });

  var header = el('header', {},
    el('h1', { textContent: 'bg-lint report' }),
    el('ul', { className: 'totals', id: 'totals' },
      el('li', {}, el('strong', { textContent: String(data.totals.error) }), ' ', el('span', { className: 'sev-error', textContent: 'errors' })),
      el('li', {}, el('strong', { textContent: String(data.totals.warning) }), ' ', el('span', { className: 'sev-warning', textContent: 'warnings' })),
      el('li', {}, el('strong', { textContent: String(data.totals.info) }), ' ', el('span', { className: 'sev-info', textContent: 'infos' })),
      el('li', { textContent: plural(data.files, 'file') + ' linted' }),
      el('li', { className: 'counts', textContent: data.tool })));

  var search = el('input', { type: 'search', id: 'search', placeholder: 'rule id, file, or words of the message' });
  var severity = el('select', { id: 'severity' },
    el('option', { value: '', textContent: 'Any severity' }),
    el('option', { value: 'error', textContent: 'error' }),
    el('option', { value: 'warning', textContent: 'warning' }),
    el('option', { value: 'info', textContent: 'info' }));
  var byRule = el('input', { type: 'radio', name: 'group', id: 'group-rule', value: 'rule', checked: true });
  var byFolder = el('input', { type: 'radio', name: 'group', id: 'group-folder', value: 'folder' });
  var expand = el('button', { type: 'button', id: 'expand-all', textContent: 'Expand all' });
  var collapse = el('button', { type: 'button', id: 'collapse-all', textContent: 'Collapse all' });
  var status = el('p', { id: 'shown', role: 'status' });
  var controls = el('form', { className: 'controls', role: 'search' },
    el('div', { className: 'field' }, el('label', { htmlFor: 'search', textContent: 'Filter findings' }), search),
    el('div', { className: 'field' }, el('label', { htmlFor: 'severity', textContent: 'Severity' }), severity),
    el('fieldset', {}, el('legend', { textContent: 'Group by' }),
      el('label', {}, byRule, ' rule'), el('label', {}, byFolder, ' folder')),
    expand, collapse);
  controls.addEventListener('submit', function (e) { e.preventDefault(); });

  var baselineTable = null;
  if (data.baseline) {
    var rows = rules.map(function (r, i) {
      var fresh = findings.filter(function (f) { return f.r === i; }).length;
      return el('tr', {}, el('th', { scope: 'row', textContent: r.id }), el('td', { textContent: r.name }),
        el('td', { className: 'num', textContent: String(fresh) }), el('td', { className: 'num', textContent: String(r.baselined || 0) }));
    });
    baselineTable = el('section', { 'ariaLabel': 'Baseline' }, el('h2', { textContent: 'New and baselined findings per rule' }),
      el('table', { className: 'rules', id: 'baseline' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', textContent: 'Rule' }), el('th', { scope: 'col', textContent: 'Name' }),
          el('th', { scope: 'col', textContent: 'New' }), el('th', { scope: 'col', textContent: 'Baselined' }))),
        el('tbody', {}, ...rows)));
  }

  var groupsBox = el('div', { id: 'groups' });
  document.body.append(header, el('main', {}, controls, baselineTable, status, groupsBox));

  function matching() {
    var q = search.value.trim().toLowerCase();
    var words = q ? q.split(/\s+/) : [];
    var sev = severity.value;
    var out = [];
    for (var i = 0; i < findings.length; i++) {
      if (sev && findings[i].s !== sev) continue;
      var h = haystacks[i];
      if (words.every(function (w) { return h.indexOf(w) !== -1; })) out.push(findings[i]);
    }
    return out;
  }

  // x.from: first line shown; lines f.l..x.to are the finding's own, the rest is context.
  function excerptNode(f) {
    var x = f.x;
    var pre = el('pre', { className: 'excerpt', ariaLabel: 'Code at ' + f.f + ':' + f.l });
    x.lines.forEach(function (text, i) {
      var n = x.from + i;
      var hit = n >= f.l && n <= x.to;
      pre.append(el('span', { className: hit ? 'hit' : 'ctx', textContent: String(n).padStart(5) + ' | ' + text }));
    });
    return pre;
  }

  function findingNode(f) {
    var r = rules[f.r];
    var where = f.f + ':' + f.l + ':' + f.c;
    var item = el('li', { className: 'finding' },
      el('div', {},
        el('span', { className: 'sev sev-' + f.s, textContent: f.s }), ' ',
        el('span', { className: 'where', textContent: where }), ' ',
        el('span', { className: 'rule-id', textContent: r.id })),
      el('div', { className: 'message', textContent: f.m }),
      f.h && f.h !== r.help ? el('p', { className: 'help', textContent: f.h }) : null);
    if (f.x) item.append(excerptNode(f));
    item.dataset.key = where + ' ' + r.id;
    return item;
  }

  function renderMore(group) {
    var list = group.list;
    var end = Math.min(group.items.length, group.rendered + PAGE_SIZE);
    for (var i = group.rendered; i < end; i++) list.append(findingNode(group.items[i]));
    group.rendered = end;
    group.more.hidden = end >= group.items.length;
    group.more.textContent = 'Show ' + Math.min(PAGE_SIZE, group.items.length - end) + ' more of ' + (group.items.length - end);
  }

  function groupNode(group) {
    var details = el('details', { className: 'group' });
    details.dataset.group = group.key;
    var c = severityCounts(group.items);
    var summary = el('summary', {},
      el('span', { className: 'group-title', textContent: group.title }),
      group.subtitle ? el('span', { textContent: group.subtitle }) : null,
      el('span', { className: 'counts', textContent: countsText(c) + (group.baselined !== undefined ? ' new · ' + group.baselined + ' baselined' : '') }));
    details.append(summary);
    if (group.rule) {
      var r = group.rule;
      var info = el('div', { className: 'rule-info' }, el('p', { textContent: r.description }));
      if (r.help) info.append(el('p', { textContent: 'How to fix: ' + r.help }));
      if (r.href) info.append(el('p', {}, el('a', { href: r.href, textContent: 'Rule documentation: ' + r.id })));
      else if (r.docs) info.append(el('p', { textContent: 'Documentation: ' + r.docs + ' (bg-lint explain ' + r.id + ')' }));
      details.append(info);
    }
    group.list = el('ol', { className: 'findings' });
    group.more = el('button', { type: 'button', className: 'more', hidden: true });
    group.more.addEventListener('click', function () { renderMore(group); });
    group.rendered = 0;
    details.append(group.list, group.more);
    // Lazy: a group's findings are built the first time it opens.
    details.addEventListener('toggle', function () { if (details.open && group.rendered === 0) renderMore(group); });
    return details;
  }

  function render() {
    var shown = matching();
    var folder = byFolder.checked;
    var groups = new Map();
    shown.forEach(function (f) {
      var key = folder ? f.d : rules[f.r].id;
      if (!groups.has(key)) {
        var r = rules[f.r];
        groups.set(key, folder
          ? { key: key, title: key === '.' ? '(top folder)' : key + '/', items: [] }
          : { key: key, title: r.id, subtitle: r.name, rule: r, baselined: data.baseline ? (r.baselined || 0) : undefined, items: [] });
      }
      groups.get(key).items.push(f);
    });
    var keys = Array.from(groups.keys()).sort();
    groupsBox.replaceChildren.apply(groupsBox, keys.map(function (k) { return groupNode(groups.get(k)); }));
    status.textContent = shown.length === findings.length
      ? plural(findings.length, 'finding') + ' in ' + plural(keys.length, folder ? 'folder' : 'rule')
      : plural(shown.length, 'finding') + ' of ' + findings.length + ' match, in ' + plural(keys.length, folder ? 'folder' : 'rule');
    if (!shown.length) groupsBox.append(el('p', { className: 'empty', textContent: findings.length ? 'No finding matches the filter.' : 'No findings.' }));
  }

  var timer = 0;
  search.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(render, 120); });
  severity.addEventListener('change', render);
  byRule.addEventListener('change', render);
  byFolder.addEventListener('change', render);
  expand.addEventListener('click', function () { groupsBox.querySelectorAll('details').forEach(function (d) { d.open = true; }); });
  collapse.addEventListener('click', function () { groupsBox.querySelectorAll('details').forEach(function (d) { d.open = false; }); });
  render();
  document.body.dataset.ready = 'true';
})();
`;
