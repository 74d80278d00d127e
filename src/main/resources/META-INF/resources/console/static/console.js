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
  // htmx requests carry the CSRF token too (forms also carry it as a field)
  document.body.addEventListener('htmx:configRequest', event => Object.assign(event.detail.headers, csrfHeaders()));
  const page = document.body.dataset.page;
  if (page && window.ArbiterPages && window.ArbiterPages[page]) {
    window.ArbiterPages[page]();
  }
});

window.ArbiterPages = window.ArbiterPages || {};
