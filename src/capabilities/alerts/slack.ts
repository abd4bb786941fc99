import { alertContent, alertFacts, alertSections } from './content.js';
import { escapeSlack } from './sanitize.js';
import type { MonitorChange } from './types.js';

/**
 * Findings or drift lines a chat message lists before "…and N more".
 *
 * @example
 * ```ts
 * teamsMessage(change); // lists CHAT_LISTED (20) findings per list, then '…and N more'
 * ```
 */
export const CHAT_LISTED = 20;

/**
 * A Slack text object (https://docs.slack.dev/reference/block-kit/composition-objects/text-object).
 *
 * @example
 * ```ts
 * const t: SlackText = { type: 'plain_text', text: 'Group: prod', emoji: false };
 * ```
 */
export interface SlackText {
  readonly type: 'plain_text' | 'mrkdwn';
  readonly text: string;
  readonly emoji?: boolean;
  readonly verbatim?: boolean;
}

/**
 * The Block Kit blocks corsguard sends: header, section, actions (one link button) and context.
 *
 * @example
 * ```ts
 * const b: SlackBlock = { type: 'header', text: { type: 'plain_text', text: '1 new CORS finding' } };
 * ```
 */
export type SlackBlock =
  | { readonly type: 'header'; readonly text: SlackText }
  | { readonly type: 'section'; readonly text?: SlackText; readonly fields?: readonly SlackText[] }
  | {
      readonly type: 'actions';
      readonly elements: ReadonlyArray<{
        readonly type: 'button';
        readonly text: SlackText;
        readonly url: string;
        readonly action_id: string;
      }>;
    }
  | { readonly type: 'context'; readonly elements: readonly SlackText[] };

/**
 * A Slack incoming-webhook message (https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks):
 * `text` is the notification fallback, `blocks` the Block Kit layout.
 *
 * @example
 * ```ts
 * const msg: SlackMessage = slackMessage(change);
 * msg.blocks[0]?.type; // 'header'
 * ```
 */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: readonly SlackBlock[];
}

const cut = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Plain text, Slack-escaped (`& < >` as entities, Slack's documented rule for all text) and cut. */
const plain = (text: string, max: number): SlackText => ({
  type: 'plain_text',
  text: cut(escapeSlack(text), max),
  emoji: false,
});

/**
 * Builds the Slack message of a change. Every value from the change is a `plain_text` object (never
 * mrkdwn), escaped and cut to Block Kit's limits (header 150, section text 3000, field 2000), so a
 * hostile finding title cannot mention `@channel`, inject a link or break the layout.
 *
 * @example
 * ```ts
 * const msg = slackMessage(change);
 * await fetch(slackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(msg) });
 * ```
 */
export function slackMessage(change: MonitorChange): SlackMessage {
  const c = alertContent(change);
  const blocks: SlackBlock[] = [
    { type: 'header', text: plain(c.headline, 150) },
    { type: 'section', fields: alertFacts(c).map(([k, v]) => plain(`${k}: ${v}`, 2000)) },
  ];
  for (const section of alertSections(c, CHAT_LISTED, change)) {
    // Fit whole lines in the 3000 characters of a section text, keeping room to say how many are left.
    let text = escapeSlack(section.title);
    let shown = 0;
    for (const line of section.lines) {
      const next = `${text}\n${escapeSlack(`• ${line}`)}`;
      if (next.length > 2950) break;
      text = next;
      shown++;
    }
    const more = section.more + section.lines.length - shown;
    if (more > 0) text += `\n…and ${more} more`;
    blocks.push({ type: 'section', text: { type: 'plain_text', text, emoji: false } });
  }
  if (c.link !== undefined && /^https?:\/\//.test(c.link)) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: plain('Open in corsguard', 75),
          url: cut(c.link, 3000),
          action_id: 'corsguard-open',
        },
      ],
    });
  }
  blocks.push({ type: 'context', elements: [plain(`corsguard monitor · ${c.kind} · run ${c.runId}`, 3000)] });
  return { text: cut(escapeSlack(c.headline), 3000), blocks };
}
