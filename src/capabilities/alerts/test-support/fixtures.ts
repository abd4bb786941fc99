import type { MonitorChange } from '../types.js';

/** A change with one new finding, as the monitor hands it over. */
export const NEW_FINDING: MonitorChange = {
  kind: 'new-findings',
  target: 'https://api.example.com/me',
  group: 'prod',
  runId: 'run-42',
  at: '2026-05-01T10:00:00.000Z',
  grade: { before: 'A', after: 'D' },
  added: [{ id: 'reflected-origin', severity: 'high', title: 'Any origin is reflected with credentials' }],
  removed: [],
};

/** Values a hostile scanned server can put into a change: markup, CRLF header injection, control characters. */
export const HOSTILE_TITLE =
  '<script>alert(1)</script>\r\nBcc: victim@example.com\u0000\u001b[31m <!channel> [x](https://evil.example) *bold* &amp;';

/** A change whose every server-controlled string is hostile. */
export const HOSTILE: MonitorChange = {
  kind: 'changed',
  target: 'https://api.example.com/<img src=x onerror=alert(1)>?q=<b>',
  group: 'prod<script>',
  runId: 'run-43\r\nX-Injected: 1',
  at: '2026-05-01T10:00:00.000Z',
  added: [{ id: 'reflected-origin', severity: 'high', title: HOSTILE_TITLE }],
  removed: [{ id: 'wildcard<b>', severity: 'low\r\n', title: '"><svg onload=alert(2)>' }],
  drift: ['origin https://evil.example\r\nis allowed <script>'],
};

/** A change whose target carries secrets (userinfo, query token). */
export const WITH_SECRETS: MonitorChange = {
  kind: 'unreachable',
  target: 'https://alice:hunter2-pass@api.example.com/me?token=tok-SECRET-123&x=1#frag',
  group: 'prod',
  runId: 'run-44',
  at: '2026-05-01T10:00:00.000Z',
  added: [],
  removed: [],
  error: {
    code: 'CONNECTION_REFUSED',
    message: 'connect to https://alice:hunter2-pass@api.example.com/me?token=tok-SECRET-123 refused',
  },
};
