import { alertContent, alertFacts, alertSections } from './content.js';
import { escapeMarkdown } from './sanitize.js';
import { CHAT_LISTED } from './slack.js';
import type { MonitorChange } from './types.js';

/**
 * The Adaptive Card elements corsguard sends (https://adaptivecards.io/explorer/).
 *
 * @example
 * ```ts
 * const e: AdaptiveElement = { type: 'TextBlock', text: 'New findings (1)', wrap: true, weight: 'Bolder' };
 * ```
 */
export type AdaptiveElement =
  | {
      readonly type: 'TextBlock';
      readonly text: string;
      readonly wrap: true;
      readonly weight?: 'Bolder';
      readonly size?: 'Medium';
      readonly isSubtle?: boolean;
    }
  | {
      readonly type: 'FactSet';
      readonly facts: ReadonlyArray<{ readonly title: string; readonly value: string }>;
    };

/**
 * An Adaptive Card 1.4 (Teams incoming webhooks and Workflows render 1.4).
 *
 * @example
 * ```ts
 * const card: AdaptiveCard | undefined = teamsMessage(change).attachments[0]?.content;
 * card?.version; // '1.4'
 * ```
 */
export interface AdaptiveCard {
  readonly $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  readonly type: 'AdaptiveCard';
  readonly version: '1.4';
  readonly body: readonly AdaptiveElement[];
  readonly actions?: ReadonlyArray<{
    readonly type: 'Action.OpenUrl';
    readonly title: string;
    readonly url: string;
  }>;
}

/**
 * The message a Microsoft Teams incoming webhook or Workflows "post to a channel when a webhook request
 * is received" trigger accepts: `type: "message"` with one Adaptive Card attachment
 * (https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using#send-adaptive-cards-using-an-incoming-webhook).
 *
 * @example
 * ```ts
 * const msg: TeamsMessage = teamsMessage(change);
 * msg.type; // 'message'
 * ```
 */
export interface TeamsMessage {
  readonly type: 'message';
  readonly attachments: ReadonlyArray<{
    readonly contentType: 'application/vnd.microsoft.card.adaptive';
    readonly contentUrl: null;
    readonly content: AdaptiveCard;
  }>;
}

const text = (
  value: string,
  extra: Partial<Omit<Extract<AdaptiveElement, { type: 'TextBlock' }>, 'type' | 'text' | 'wrap'>> = {},
): AdaptiveElement => ({
  type: 'TextBlock',
  text: escapeMarkdown(value),
  wrap: true,
  ...extra,
});

/**
 * Builds the Teams message of a change. TextBlock and FactSet text is a Markdown subset in Teams, so
 * every value is Markdown-escaped (a hostile title cannot become a link or formatting) after control
 * characters and secrets were removed.
 *
 * @example
 * ```ts
 * const msg = teamsMessage(change);
 * msg.attachments[0]?.content.type; // 'AdaptiveCard'
 * ```
 */
export function teamsMessage(change: MonitorChange): TeamsMessage {
  const c = alertContent(change);
  const body: AdaptiveElement[] = [
    text(c.headline, { weight: 'Bolder', size: 'Medium' }),
    {
      type: 'FactSet',
      facts: alertFacts(c).map(([title, value]) => ({
        title: escapeMarkdown(title),
        value: escapeMarkdown(value),
      })),
    },
  ];
  for (const section of alertSections(c, CHAT_LISTED, change)) {
    body.push(text(section.title, { weight: 'Bolder' }));
    for (const line of section.lines) body.push(text(line));
    if (section.more > 0) body.push(text(`…and ${section.more} more`, { isSubtle: true }));
  }
  body.push(text(`corsguard monitor · ${c.kind} · run ${c.runId}`, { isSubtle: true }));
  const card: AdaptiveCard = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body,
    ...(c.link !== undefined && /^https?:\/\//.test(c.link)
      ? { actions: [{ type: 'Action.OpenUrl' as const, title: 'Open in corsguard', url: c.link }] }
      : {}),
  };
  return {
    type: 'message',
    attachments: [
      { contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card },
    ],
  };
}
