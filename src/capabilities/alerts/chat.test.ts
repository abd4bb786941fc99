import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSink, type MonitorChange, slackMessage, teamsMessage } from './index.js';
import { slackErrors, teamsErrors } from './test-support/chat-schemas.js';
import { NEW_FINDING } from './test-support/fixtures.js';
import { type Receiver, startReceiver } from './test-support/receiver.js';

const many = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `finding-${i}`,
    severity: 'medium',
    title: `Finding number ${i} ${'x'.repeat(200)}`,
  }));

const CHANGES: MonitorChange[] = [
  NEW_FINDING,
  { ...NEW_FINDING, kind: 'fixed', added: [], removed: NEW_FINDING.added },
  { ...NEW_FINDING, kind: 'changed', added: many(300), removed: many(30) },
  { ...NEW_FINDING, kind: 'grade-changed', added: [], grade: { before: 'B' } },
  {
    ...NEW_FINDING,
    kind: 'policy-drift',
    added: [],
    drift: ['https://evil.example is allowed', 'PUT is allowed'],
  },
  {
    ...NEW_FINDING,
    kind: 'unreachable',
    added: [],
    error: { code: 'TIMEOUT', message: 'no answer in 10 s' },
  },
  { ...NEW_FINDING, kind: 'recovered', added: [], link: 'https://serve.example/monitor/t/1' },
  { ...NEW_FINDING, target: `https://api.example.com/${'p'.repeat(600)}`, group: 'g'.repeat(300) },
];

describe('Slack and Teams payloads', () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await startReceiver((_, req) =>
      // A Slack-like receiver: 200 "ok" only for a message of the documented shape.
      slackErrors(JSON.parse(req.body)).length === 0 || teamsErrors(JSON.parse(req.body)).length === 0
        ? { status: 200, body: 'ok' }
        : { status: 400, body: 'invalid_blocks' },
    );
  });
  afterAll(() => rx.close());

  it('a Slack receiver gets text + Block Kit blocks of the documented shape for every kind', async () => {
    const sink = createSink({ type: 'slack', url: `${rx.url}/services/T000/B000/XXXX` });
    for (const change of CHANGES) {
      const result = await sink.send(change);
      const req = rx.requests.at(-1);
      expect(req?.headers['content-type']).toBe('application/json');
      expect(slackErrors(JSON.parse(req?.body ?? '')), change.kind).toEqual([]);
      expect(result, change.kind).toMatchObject({ ok: true, attempts: 1 });
    }
    await sink.close();
  });

  it('a Teams receiver gets a message with one Adaptive Card attachment of the documented shape', async () => {
    const sink = createSink({ type: 'teams', url: `${rx.url}/webhookb2/abc` });
    for (const change of CHANGES) {
      const result = await sink.send(change);
      const body = JSON.parse(rx.requests.at(-1)?.body ?? '');
      expect(teamsErrors(body), change.kind).toEqual([]);
      expect(body.type).toBe('message');
      expect(body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(result, change.kind).toMatchObject({ ok: true });
    }
    await sink.close();
  });

  it('the schemas reject what the vendors reject (they are not vacuous)', () => {
    const slack = slackMessage(NEW_FINDING);
    expect(slackErrors({ ...slack, blocks: [] })).not.toEqual([]);
    expect(
      slackErrors({
        ...slack,
        blocks: [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }],
      }),
    ).not.toEqual([]);
    expect(
      slackErrors({ ...slack, blocks: [{ type: 'section', text: { type: 'text', text: 'x' } }] }),
    ).not.toEqual([]);
    expect(slackErrors({ blocks: slack.blocks })).not.toEqual([]);
    const teams = teamsMessage(NEW_FINDING);
    expect(teamsErrors({ ...teams, type: 'AdaptiveCard' })).not.toEqual([]);
    expect(
      teamsErrors({
        type: 'message',
        attachments: [{ ...teams.attachments[0], contentType: 'application/json' }],
      }),
    ).not.toEqual([]);
  });

  it('long lists are cut with "…and N more", within Block Kit limits', () => {
    const change = CHANGES[2] as MonitorChange;
    const msg = slackMessage(change);
    const section = msg.blocks.find((b) => b.type === 'section' && b.text?.text.startsWith('New findings'));
    const text = section?.type === 'section' ? (section.text?.text ?? '') : '';
    expect(text).toMatch(/^New findings \(300\)\n/);
    const shown = text.split('\n').filter((l) => l.startsWith('• ')).length;
    expect(shown).toBeGreaterThan(0);
    expect(text.endsWith(`\n…and ${300 - shown} more`)).toBe(true);
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(teamsMessage(change))).toContain('…and 280 more');
  });
});
