import { REPORT_CSS } from '../../outputs/report/index.js';

/**
 * The pages' stylesheet, served as `/assets/app.css`: the HTML report's styles (the scan page renders
 * with the report's own renderer) plus the site's layout and forms. No external font or image.
 */
export const APP_CSS = `${REPORT_CSS}
.site{display:flex;gap:16px;align-items:center;justify-content:space-between;margin-bottom:8px}
.site a{color:#0550ae}.brand{font-weight:700;font-size:1.3rem;text-decoration:none;color:#1f2328!important}
a{color:#0550ae}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px}
.banner{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:8px 12px;margin:8px 0}
.error-box{background:#ffebe9;border:1px solid #cf222e;border-radius:6px;padding:8px 12px;margin:8px 0}
form.scan{display:grid;gap:8px}form.scan label{font-weight:600}
input[type=url],input[type=text],textarea,select{font:inherit;padding:8px;border:1px solid #8c959f;border-radius:6px;width:100%;box-sizing:border-box}
button{font:inherit;padding:8px 16px;border-radius:6px;border:1px solid #1f883d;background:#1f883d;color:#fff;cursor:pointer}
button.secondary{background:#f6f8fa;color:#1f2328;border-color:#8c959f}
button:focus-visible,a:focus-visible,input:focus-visible,textarea:focus-visible,select:focus-visible,label:focus-within{outline:3px solid #0969da;outline-offset:2px}
.lab-list{list-style:none;padding:0;display:grid;gap:6px}.lab-list li{display:grid;grid-template-columns:auto minmax(0,1fr);gap:8px;align-items:baseline}
.lab-list form{display:inline}
main>h1{margin:8px 0 12px}
main,h2{overflow-wrap:anywhere;word-break:normal}
pre{word-break:normal;overflow-wrap:anywhere}
.progress{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px}
.probe-log{list-style:none;padding:0;font-family:ui-monospace,monospace;font-size:.85rem}
.probe-log li{padding:2px 0;border-bottom:1px solid #eaeef2}
.history table{border-collapse:collapse;width:100%;overflow-wrap:normal}.history td,.history th{border-bottom:1px solid #d0d7de;padding:4px 8px;text-align:left}
.history tr[aria-current] td{background:#ddf4ff;font-weight:600}.nowrap{white-space:nowrap}
.copy{margin:4px 0;font-size:.85rem;padding:2px 10px}
.tabs label:focus-within{outline:3px solid #0969da}
form.explain fieldset{border:1px solid #d0d7de;border-radius:8px;padding:8px 12px 12px;margin:0;display:grid;gap:8px;min-width:0;background:#fff}
form.explain legend{font-weight:600;padding:0 4px}
.fields{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,280px),1fr));gap:8px 16px}.field.wide{grid-column:1/-1}
.field{display:grid;gap:4px;align-content:start;min-width:0}
form.scan label.check{display:flex;gap:8px;align-items:center;font-weight:400}
.check input{width:1.1rem;height:1.1rem;margin:0}
.hint{color:#57606a;font-size:.85rem;font-weight:400;margin:0}
.explanation{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px;margin:16px 0}
.explanation .cause{font-size:1.25rem;margin:8px 0}.explanation h3{font-size:1rem;margin:16px 0 6px}
.mark{font-weight:700;margin-right:6px}.mark.ok{color:#1a7f37}.mark.fail{color:#cf222e}
.steps{list-style:none;padding-left:0;margin:0}.steps li{padding:3px 0;border-bottom:1px solid #eaeef2}
.wording{display:grid;grid-template-columns:auto minmax(0,1fr);gap:4px 12px;margin:8px 0}.wording dt{font-weight:600}.wording dd{margin:0}
.verdict{border-left:6px solid var(--info);padding:4px 12px;background:#fafbfc;margin:16px 0}
.verdict-fix-server{border-color:var(--medium)}.verdict-working-as-intended,.verdict-not-blocked{border-color:var(--ok)}.verdict-not-cors{border-color:#0550ae}
.badge.verdict-fix-server{background:var(--medium)}.badge.verdict-working-as-intended,.badge.verdict-not-blocked{background:var(--ok)}.badge.verdict-not-cors{background:#0550ae}
.delta .del{color:#ffa198}.delta .add{color:#7ee787}
.explain-link{margin:8px 0 0}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.tabs input:focus-visible+label{outline:3px solid #0969da;outline-offset:1px}
@media (max-width:600px){body{padding:12px}.grade-card .letter{font-size:1.6rem}
.target,.panel-box,.progress,.explanation{padding:12px}.remediation ol{padding-left:1.4rem}.tabs .panel{padding:6px}
pre{padding:8px;font-size:.8rem}.copy{padding:6px 14px}.tabs label{padding:6px 10px}
.history td,.history th{padding:4px}}
.targets,.alerts{border-collapse:collapse;width:100%;background:#fff;margin:8px 0}.targets td,.targets th,.alerts td,.alerts th{border-bottom:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}.targets th,.alerts th{white-space:nowrap}
.targets td:nth-child(2),.alerts td:nth-child(4){overflow-wrap:anywhere}
.site-endpoints{list-style:none;padding:0;margin:8px 0}.endpoint{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:8px 12px;margin:8px 0}
.endpoint p{margin:2px 0}.endpoint-head{overflow-wrap:anywhere}.endpoint-head .grade-letter{display:inline-block;min-width:2.2em;font-weight:700}.found-in code{overflow-wrap:anywhere}.grade-letter{font-size:1.1rem}
.status-down,.failed{color:var(--critical);font-weight:600}.ok{color:var(--ok);font-weight:600}
.changes{list-style:none;padding:0;margin:0}.change{border-bottom:1px solid #eaeef2;padding:8px 0}.change p{margin:2px 0}
.diff{list-style:none;padding:0 0 0 8px;margin:4px 0;font-family:ui-monospace,monospace;font-size:.85rem}
.diff .added{color:#116329;background:#dafbe1}.diff .removed{color:#82071e;background:#ffebe9}
svg.timeline{max-width:100%;height:auto;background:#fff;border:1px solid #d0d7de;border-radius:8px}
`;

/**
 * The pages' only script, served as `/assets/app.js` (the CSP allows no other): live progress of a running
 * scan from its event stream, written with `textContent` only (a hostile header value stays text), then a
 * reload to the server-rendered result; and a copy button on every snippet (the scan page's fixes and
 * the `/explain` page's). Without it the pages work:
 * a running scan's page refreshes itself, snippets can be selected.
 */
export const APP_JS = `'use strict';
(function () {
  var live = document.querySelector('[data-live-scan]');
  if (live && window.EventSource) {
    var id = live.getAttribute('data-live-scan');
    var status = live.querySelector('[data-testid=progress-status]');
    var log = live.querySelector('[data-testid=probe-log]');
    var events = new EventSource('/api/scans/' + encodeURIComponent(id) + '/events');
    events.addEventListener('status', function (e) {
      var d = JSON.parse(e.data);
      status.textContent = d.status === 'queued' ? 'Queued (position ' + d.position + ')' : 'Running…';
    });
    events.addEventListener('progress', function (e) {
      var d = JSON.parse(e.data);
      status.textContent = 'Running: ' + d.requests + ' request(s) answered';
      var li = document.createElement('li');
      li.textContent = '#' + d.requests + ' ' + d.probe.method + ' Origin: ' + (d.probe.origin === null ? '(none)' : d.probe.origin) +
        ' → ' + d.probe.status + ', Access-Control-Allow-Origin: ' + (d.probe.acao === null ? '(none)' : d.probe.acao);
      log.insertBefore(li, log.firstChild);
      while (log.children.length > 8) log.removeChild(log.lastChild);
    });
    function end() { events.close(); window.location.reload(); }
    events.addEventListener('done', end);
    events.addEventListener('failed', end);
  }
  var snippets = document.querySelectorAll('pre.snippet');
  for (var i = 0; i < snippets.length; i++) {
    (function (pre) {
      if (!navigator.clipboard) return;
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'copy secondary';
      b.textContent = 'Copy';
      b.setAttribute('data-testid', 'copy');
      b.addEventListener('click', function () {
        navigator.clipboard.writeText(pre.textContent).then(function () { b.textContent = 'Copied'; },
          function () { b.textContent = 'Select and copy by hand'; });
      });
      pre.parentNode.insertBefore(b, pre);
    })(snippets[i]);
  }
})();
`;
