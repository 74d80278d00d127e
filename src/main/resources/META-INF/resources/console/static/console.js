// Arbiter console: small progressive enhancements. Pages work without it except the parts that read other features'
// APIs (audit chain, rulesets), which need fetch.
'use strict';

/** The CSRF header and token the server put in the page, for state-changing fetch calls. */
function csrfHeaders() {
  const name = document.querySelector('meta[name="csrf-header"]');
  const token = document.querySelector('meta[name="csrf-token"]');
  return name && token ? { [name.content]: token.content } : {};
}

/**
 * Calls the API with the session cookie. Resolves to {status, body}; status 404 with no such route means the feature is
 * not on this server.
 */
async function api(path, options = {}) {
  const headers = Object.assign({ 'Accept': 'application/json' }, options.body ? { 'Content-Type': 'application/json' } : {},
    options.method && options.method !== 'GET' ? csrfHeaders() : {}, options.headers || {});
  const response = await fetch(path, Object.assign({}, options, { headers, credentials: 'same-origin' }));
  let body = null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    body = await response.json().catch(() => null);
  } else {
    body = await response.text().catch(() => null);
  }
  return { status: response.status, body };
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value; else if (key === 'text') node.textContent = value; else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function unavailable(target, what) {
  target.replaceChildren(el('p', { class: 'notice unavailable', role: 'status' },
    what + ' is not available on this server yet (the API answered 404).'));
}

function problemText(result) {
  if (result.body && typeof result.body === 'object') {
    return result.body.detail || result.body.title || ('HTTP ' + result.status);
  }
  return 'HTTP ' + result.status;
}

// --- time left on approvals: counts down from what the server said, independent of the browser's clock ------------
function formatSeconds(total) {
  if (total <= 0) return 'deadline passed';
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
  return (h ? h + ' h ' : '') + (h || m ? m + ' min ' : '') + s + ' s left';
}

function startCountdowns() {
  const started = Date.now();
  const tick = () => {
    const elapsed = Math.floor((Date.now() - started) / 1000);
    document.querySelectorAll('[data-seconds-left]').forEach(node => {
      if (!node.dataset.base) { node.dataset.base = node.dataset.secondsLeft; node.dataset.at = String(elapsed); }
      const left = Number(node.dataset.base) - (elapsed - Number(node.dataset.at));
      node.textContent = formatSeconds(left);
      node.classList.toggle('urgent', left < 600);
    });
  };
  tick();
  setInterval(tick, 1000);
}

document.addEventListener('DOMContentLoaded', () => {
  startCountdowns();
  document.body.addEventListener('htmx:afterSwap', () => {
    document.querySelectorAll('[data-seconds-left]').forEach(node => { delete node.dataset.base; });
  });
  // a poll or vote after the session ended is redirected to the login page: go there instead of swapping it in
  document.body.addEventListener('htmx:beforeSwap', event => {
    const url = event.detail.xhr && event.detail.xhr.responseURL;
    if (url && url.includes('/console/login')) {
      event.detail.shouldSwap = false;
      window.location.assign('/console/login');
    }
  });
  // htmx requests carry the CSRF token too (forms also carry it as a field)
  document.body.addEventListener('htmx:configRequest', event => Object.assign(event.detail.headers, csrfHeaders()));
  const page = document.body.dataset.page;
  if (page && window.ArbiterPages && window.ArbiterPages[page]) {
    window.ArbiterPages[page]();
  }
});

window.ArbiterPages = window.ArbiterPages || {};

/** The inbox does not refresh while someone is typing a comment or a reason, nor while a vote is being sent. */
window.inboxBusy = function () {
  const list = document.getElementById('inbox-list');
  if (!list) return true;
  if (list.querySelector('.htmx-request')) return true;
  return Array.from(list.querySelectorAll('textarea')).some(t => t.value.trim() !== '' || t === document.activeElement);
};

// --- decision page: the chained history and the chain's verification, from the audit log API when present ---------
function principalName(p) {
  if (!p) return '';
  if (typeof p === 'string') return p;
  return p.name || p.id || '';
}

function chainStatus(body) {
  if (!body || typeof body !== 'object') return { ok: false, text: 'The audit log answered something unexpected.' };
  const ok = body.ok === true || body.valid === true || body.verified === true
    || (typeof body.status === 'string' && ['ok', 'valid', 'verified'].includes(body.status.toLowerCase()));
  if (ok) {
    const through = body.lastIndex ?? body.verifiedThrough ?? body.headIndex;
    return { ok: true, text: 'Audit chain verified' + (through !== undefined ? ' (through index ' + through + ')' : '') + '.' };
  }
  const index = body.firstBrokenIndex ?? body.brokenIndex ?? body.index ?? body.firstBadIndex;
  const reason = [body.reason, body.detail].filter(Boolean).join(': ') || JSON.stringify(body);
  return { ok: false, text: 'Audit chain broken' + (index !== undefined ? ' at index ' + index : '') + ': ' + reason };
}

window.ArbiterPages.decision = async function () {
  const history = document.getElementById('chain-history');
  const verification = document.getElementById('chain-verification');
  const id = history.dataset.decision;
  const result = await api('/api/v1/decisions/' + encodeURIComponent(id) + '/history');
  if (result.status === 404 && !(result.body && result.body.detail && result.body.detail.startsWith('No decision'))) {
    unavailable(history, 'The chained decision history (audit log feature)');
  } else if (result.status !== 200) {
    history.replaceChildren(el('p', { class: 'notice error' }, 'The history could not be read: ' + problemText(result)));
  } else {
    const events = (Array.isArray(result.body) ? result.body : (result.body.events || result.body.items || []))
      .slice().sort((a, b) => (a.chainIndex ?? Infinity) - (b.chainIndex ?? Infinity));
    const rows = events.map(e => el('tr', {},
      el('td', { class: 'num' }, e.chainIndex ?? 'not sealed yet'),
      el('td', {}, el('time', { datetime: e.occurredAt || e.at || '' }, e.occurredAt || e.at || '')),
      el('td', {}, el('code', {}, e.type || '')),
      el('td', {}, principalName(e.principal) || e.principalName || ''),
      el('td', {}, el('code', { title: e.hash || '' }, e.hash ? String(e.hash).slice(0, 16) + '…' : ''))));
    history.replaceChildren(el('div', { class: 'table-wrap' }, el('table', { id: 'chain-table' },
      el('thead', {}, el('tr', {}, ['Chain index', 'When', 'Event', 'By', 'Hash'].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows.length ? rows : [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No events yet.'))]))));
  }
  const verify = await api('/api/v1/audit/verify');
  if (verify.status === 404) {
    verification.className = 'notice unavailable';
    verification.textContent = 'Chain verification is not available on this server yet (the API answered 404).';
  } else if (verify.status === 403) {
    verification.className = 'muted';
    verification.textContent = 'Verifying the audit chain is for auditors.';
  } else if (verify.status !== 200) {
    verification.className = 'notice error';
    verification.textContent = 'The chain could not be verified: ' + problemText(verify);
  } else {
    const status = chainStatus(verify.body);
    verification.className = 'notice ' + (status.ok ? 'ok' : 'error');
    verification.textContent = status.text;
  }
};

// --- decision log: the audit log's own export, offered once that feature is on the server ------------------------
window.ArbiterPages.log = async function () {
  const slot = document.getElementById('audit-export');
  if (!slot) return;
  const probe = await api('/api/v1/audit/events?limit=1');
  if (probe.status === 200) {
    const query = slot.dataset.auditQuery ? '&' + slot.dataset.auditQuery : '';
    slot.replaceChildren(
      el('a', { class: 'button secondary', href: '/api/v1/audit/export?format=jsonl' + query, download: '' }, 'Audit log (JSON Lines)'), ' ',
      el('a', { class: 'button secondary', href: '/api/v1/audit/export?format=csv' + query, download: '' }, 'Audit log (CSV)'));
  } else {
    slot.replaceChildren(el('span', { class: 'muted' }, probe.status === 404
      ? 'Audit log export: not available on this server yet.' : 'Audit log export: ' + problemText(probe)));
  }
};

// --- overview: charts from /api/v1/stats/overview -------------------------------------------------------------------
window.ArbiterPages.overview = async function () {
  const box = document.getElementById('overview');
  if (!box || !window.Chart) return;
  const query = '?since=' + encodeURIComponent(box.dataset.since) + '&until=' + encodeURIComponent(box.dataset.until);
  const result = await api('/api/v1/stats/overview' + query);
  if (result.status !== 200) {
    box.prepend(el('p', { class: 'notice error' }, 'The charts could not be loaded: ' + problemText(result)));
    return;
  }
  const o = result.body;
  const hourly = o.bucket === 'hour';
  const labels = o.buckets.map(b => hourly ? b.slice(5, 16).replace('T', ' ') : b.slice(0, 10));
  const colours = { P1: '#b42318', P2: '#d9480f', P3: '#d4a72c', P4: '#8c959f' };
  const common = { responsive: true, maintainAspectRatio: false, animation: false };
  new Chart(document.getElementById('chart-decisions'), {
    data: {
      labels,
      datasets: [
        ...Object.keys(o.decisions).map(p => ({ type: 'bar', label: 'decisions ' + p, data: o.decisions[p], backgroundColor: colours[p], stack: 'decisions' })),
        { type: 'line', label: 'alerts received', data: o.alerts, borderColor: '#0a58ca', backgroundColor: '#0a58ca', tension: 0.2 }
      ]
    },
    options: Object.assign({}, common, { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } })
  });
  new Chart(document.getElementById('chart-automation'), {
    type: 'doughnut',
    data: { labels: ['without a person', 'waited for approval'], datasets: [{ data: [o.automation.automatic, o.automation.gated], backgroundColor: ['#1a7f37', '#9a6700'] }] },
    options: common
  });
  const a = o.approvals;
  new Chart(document.getElementById('chart-approvals'), {
    type: 'bar',
    data: { labels: ['approved', 'rejected', 'expired', 'pending', 'void'],
      datasets: [{ label: 'approval requests', data: [a.approved, a.rejected, a.expired, a.pending, a.voided], backgroundColor: ['#1a7f37', '#b42318', '#6e7781', '#9a6700', '#d0d7de'] }] },
    options: Object.assign({}, common, { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } })
  });
};

// --- rulesets: versions, the active one, replay with a priority change matrix (ruleset feature's API) -------------
function utc(local) {
  if (!local) return undefined;
  return /Z|[+-]\d\d:\d\d$/.test(local) ? local : (local.length === 16 ? local + ':00' : local) + 'Z';
}

function renderReplay(target, r) {
  const priorities = Array.from(new Set(Object.keys(r.priorities || {})
    .concat(...Object.values(r.priorities || {}).map(row => Object.keys(row))))).sort();
  const changes = r.changes || [];
  const drill = el('div', { id: 'replay-changes' });
  const showChanges = (from, to) => {
    const picked = changes.filter(c => (!from || c.recorded.priority === from) && (!to || c.candidate.priority === to));
    drill.replaceChildren(
      el('h3', { tabindex: '-1', id: 'replay-changes-title' }, (from ? from + ' → ' + to + ': ' : 'All changes: ') + picked.length + ' alert(s)'),
      el('div', { class: 'table-wrap' }, el('table', {},
        el('thead', {}, el('tr', {}, ['Alert', 'Decided', 'Recorded', 'Candidate'].map(h => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, picked.map(c => el('tr', {},
          el('td', {}, el('a', { href: '/console/decisions/' + c.decisionId }, c.source + ' / ' + c.externalId)),
          el('td', {}, c.decidedAt),
          el('td', {}, c.recorded.priority + ' · ' + c.recorded.score + ' · ' + (c.recorded.actions || []).join(', ')),
          el('td', {}, c.candidate.priority + ' · ' + c.candidate.score + ' · ' + (c.candidate.actions || []).join(', '))))))));
    const title = document.getElementById('replay-changes-title');
    if (title && from) title.focus();
  };
  const header = el('tr', {}, el('th', { scope: 'col' }, 'recorded ↓ / candidate →'), priorities.map(p => el('th', { scope: 'col', class: 'num' }, p)));
  const rows = priorities.map(from => el('tr', {}, el('th', { scope: 'row' }, from), priorities.map(to => {
    const count = ((r.priorities || {})[from] || {})[to] || 0;
    if (!count) return el('td', { class: 'num same' }, '0');
    if (from === to) return el('td', { class: 'num same' }, String(count));
    const button = el('button', { type: 'button', class: 'cell', 'aria-label': count + ' alerts moved from ' + from + ' to ' + to }, String(count));
    button.addEventListener('click', () => showChanges(from, to));
    return el('td', { class: 'num changed' }, button);
  })));
  const deltas = Object.entries(r.actions || {});
  target.replaceChildren(
    el('p', { class: 'notice ' + (r.changed ? '' : 'ok') }, r.evaluated + ' alerts replayed with ' + (r.candidateVersion || 'the candidate') + ': '
      + r.changed + ' decided differently' + ((r.failures || []).length ? ', ' + r.failures.length + ' could not be assessed' : '') + '.'),
    el('h3', {}, 'Priority change matrix'),
    el('div', { class: 'table-wrap' }, el('table', { class: 'matrix', id: 'replay-matrix' }, el('thead', {}, header), el('tbody', {}, rows))),
    deltas.length ? el('h3', {}, 'Actions added and removed') : null,
    deltas.length ? el('table', {}, el('tbody', {}, deltas.map(([type, d]) => el('tr', {}, el('td', {}, el('code', {}, type)), el('td', {}, '+' + d.added + ' / −' + d.removed))))) : null,
    drill);
  showChanges(null, null);
}

window.ArbiterPages.rulesets = async function () {
  const versions = document.getElementById('ruleset-versions');
  const [list, active] = await Promise.all([api('/api/v1/rulesets'), api('/api/v1/rulesets/active')]);
  if (list.status === 404 && active.status === 404) {
    unavailable(versions, 'The stored ruleset versions (ruleset lifecycle feature)');
  } else if (list.status !== 200) {
    versions.replaceChildren(el('p', { class: 'notice error' }, 'The versions could not be read: ' + problemText(list)));
  } else {
    const activeVersion = active.status === 200 && active.body ? active.body.version : null;
    const items = Array.isArray(list.body) ? list.body : (list.body.items || []);
    versions.replaceChildren(
      activeVersion ? el('p', {}, 'Active: ', el('code', { id: 'active-version' }, activeVersion)) : null,
      el('div', { class: 'table-wrap' }, el('table', { id: 'versions-table' },
        el('thead', {}, el('tr', {}, ['Version', 'Status', 'Author', 'Created', 'Scenarios'].map(h => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, items.map(v => el('tr', {},
          el('td', {}, el('code', {}, v.version), v.version === activeVersion ? el('strong', {}, ' (active)') : null),
          el('td', {}, v.status || ''), el('td', {}, v.author || ''), el('td', {}, v.createdAt || ''),
          el('td', {}, v.scenarios !== undefined ? v.scenariosPassed + ' / ' + v.scenarios + ' passed' : '')))))));
    const datalist = document.getElementById('ruleset-version-list');
    if (datalist) datalist.replaceChildren(...items.map(v => el('option', { value: v.version })));
  }
  const form = document.getElementById('replay-form');
  if (!form) return;
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const target = document.getElementById('replay-result');
    const data = new FormData(form);
    const body = { version: data.get('version') };
    if (data.get('since')) body.since = utc(data.get('since'));
    if (data.get('until')) body.until = utc(data.get('until'));
    if (data.get('limit')) body.limit = Number(data.get('limit'));
    target.replaceChildren(el('p', { class: 'muted' }, 'Replaying…'));
    const result = await api('/api/v1/rulesets/replay', { method: 'POST', body: JSON.stringify(body) });
    if (result.status === 404 && !(result.body && /version|ruleset/i.test(result.body.detail || '') && !/No resource/.test(result.body.detail || ''))) {
      unavailable(target, 'Replay (ruleset lifecycle feature)');
    } else if (result.status !== 200) {
      target.replaceChildren(el('p', { class: 'notice error', role: 'alert' }, 'Replay refused: ' + problemText(result)));
    } else {
      renderReplay(target, result.body);
    }
  });
};
