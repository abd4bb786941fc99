import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';

// Small JSON Schemas of the chat payloads, written from the vendors' documentation. Strict
// (additionalProperties: false) on what corsguard sends, with the documented limits.

/**
 * A Slack incoming-webhook message with Block Kit blocks.
 * - Message: `text` (notification fallback) + `blocks`, at most 50 blocks in a message —
 *   https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks and
 *   https://docs.slack.dev/reference/block-kit/blocks
 * - Text object: `type` plain_text | mrkdwn, `text` 1–3000 characters, `emoji` only on plain_text,
 *   `verbatim` only on mrkdwn — https://docs.slack.dev/reference/block-kit/composition-objects/text-object
 * - Header block: plain_text, at most 150 characters — https://docs.slack.dev/reference/block-kit/blocks/header-block
 * - Section block: `text` (≤ 3000) and/or `fields` (≤ 10, each ≤ 2000) —
 *   https://docs.slack.dev/reference/block-kit/blocks/section-block
 * - Context block: `elements` 1–10 text or image elements — https://docs.slack.dev/reference/block-kit/blocks/context-block
 * - Actions block: `elements` ≤ 25; button `text` plain_text ≤ 75, `url` ≤ 3000, `action_id` ≤ 255 —
 *   https://docs.slack.dev/reference/block-kit/blocks/actions-block,
 *   https://docs.slack.dev/reference/block-kit/block-elements/button-element
 * - `&`, `<`, `>` must be sent as `&amp;`, `&lt;`, `&gt;` —
 *   https://docs.slack.dev/messaging/formatting-message-text#escaping
 */
export const SLACK_MESSAGE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  required: ['text', 'blocks'],
  properties: {
    text: { type: 'string', minLength: 1, maxLength: 40000 },
    blocks: { type: 'array', minItems: 1, maxItems: 50, items: { $ref: '#/$defs/block' } },
  },
  $defs: {
    escaped: { type: 'string', not: { pattern: '[<>]|&(?!amp;|lt;|gt;)' } },
    plainText: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'text'],
      properties: {
        type: { const: 'plain_text' },
        text: { $ref: '#/$defs/escaped', minLength: 1, maxLength: 3000 },
        emoji: { type: 'boolean' },
      },
    },
    mrkdwnText: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'text'],
      properties: {
        type: { const: 'mrkdwn' },
        text: { type: 'string', minLength: 1, maxLength: 3000 },
        verbatim: { type: 'boolean' },
      },
    },
    text: { oneOf: [{ $ref: '#/$defs/plainText' }, { $ref: '#/$defs/mrkdwnText' }] },
    block: {
      oneOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['type', 'text'],
          properties: {
            type: { const: 'header' },
            text: { allOf: [{ $ref: '#/$defs/plainText' }, { properties: { text: { maxLength: 150 } } }] },
            block_id: { type: 'string', maxLength: 255 },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['type'],
          anyOf: [{ required: ['text'] }, { required: ['fields'] }],
          properties: {
            type: { const: 'section' },
            text: { $ref: '#/$defs/text' },
            fields: {
              type: 'array',
              minItems: 1,
              maxItems: 10,
              items: { allOf: [{ $ref: '#/$defs/text' }, { properties: { text: { maxLength: 2000 } } }] },
            },
            block_id: { type: 'string', maxLength: 255 },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['type', 'elements'],
          properties: {
            type: { const: 'context' },
            elements: { type: 'array', minItems: 1, maxItems: 10, items: { $ref: '#/$defs/text' } },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['type', 'elements'],
          properties: {
            type: { const: 'actions' },
            elements: {
              type: 'array',
              minItems: 1,
              maxItems: 25,
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['type', 'text', 'action_id'],
                properties: {
                  type: { const: 'button' },
                  text: {
                    allOf: [{ $ref: '#/$defs/plainText' }, { properties: { text: { maxLength: 75 } } }],
                  },
                  url: { type: 'string', pattern: '^https?://', maxLength: 3000 },
                  action_id: { type: 'string', maxLength: 255 },
                },
              },
            },
          },
        },
      ],
    },
  },
} as const;

/**
 * The message a Microsoft Teams incoming webhook (and a Workflows "when a Teams webhook request is
 * received" trigger) accepts: `type` must be `message`; `attachments` holds cards, each with
 * `contentType` `application/vnd.microsoft.card.adaptive`, `contentUrl` null, and the card in `content`
 * — https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using#send-adaptive-cards-using-an-incoming-webhook
 * The card: `type` AdaptiveCard, `version`, `body` of elements; TextBlock (`text` required, `wrap`,
 * `weight` Default|Lighter|Bolder, `size` Default|Small|Medium|Large|ExtraLarge, `isSubtle`), FactSet
 * (`facts` of `title`/`value`), Action.OpenUrl (`title`, `url`) —
 * https://adaptivecards.io/explorer/AdaptiveCard.html, https://adaptivecards.io/explorer/TextBlock.html,
 * https://adaptivecards.io/explorer/FactSet.html, https://adaptivecards.io/explorer/Action.OpenUrl.html.
 * Teams renders card versions up to 1.5 (https://learn.microsoft.com/en-us/microsoftteams/platform/task-modules-and-cards/cards/cards-reference#adaptive-card).
 */
export const TEAMS_MESSAGE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  required: ['type', 'attachments'],
  properties: {
    type: { const: 'message' },
    attachments: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['contentType', 'content'],
        properties: {
          contentType: { const: 'application/vnd.microsoft.card.adaptive' },
          contentUrl: { type: 'null' },
          content: { $ref: '#/$defs/card' },
        },
      },
    },
  },
  $defs: {
    card: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'version', 'body'],
      properties: {
        $schema: { const: 'http://adaptivecards.io/schemas/adaptive-card.json' },
        type: { const: 'AdaptiveCard' },
        version: { enum: ['1.0', '1.1', '1.2', '1.3', '1.4', '1.5'] },
        body: { type: 'array', minItems: 1, items: { $ref: '#/$defs/element' } },
        actions: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['type', 'url'],
            properties: {
              type: { const: 'Action.OpenUrl' },
              title: { type: 'string' },
              url: { type: 'string', pattern: '^https?://' },
            },
          },
        },
      },
    },
    element: {
      oneOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['type', 'text'],
          properties: {
            type: { const: 'TextBlock' },
            text: { type: 'string', minLength: 1 },
            wrap: { type: 'boolean' },
            weight: { enum: ['Default', 'Lighter', 'Bolder'] },
            size: { enum: ['Default', 'Small', 'Medium', 'Large', 'ExtraLarge'] },
            isSubtle: { type: 'boolean' },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['type', 'facts'],
          properties: {
            type: { const: 'FactSet' },
            facts: {
              type: 'array',
              minItems: 1,
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['title', 'value'],
                properties: { title: { type: 'string' }, value: { type: 'string' } },
              },
            },
          },
        },
      ],
    },
  },
} as const;

const ajv = new Ajv2020({ allErrors: true, strict: false });
const slack = ajv.compile(SLACK_MESSAGE_SCHEMA);
const teams = ajv.compile(TEAMS_MESSAGE_SCHEMA);

/** Schema errors of a Slack message (empty when it has the documented shape). */
export const slackErrors = (msg: unknown): ErrorObject[] => (slack(msg) ? [] : [...(slack.errors ?? [])]);
/** Schema errors of a Teams message (empty when it has the documented shape). */
export const teamsErrors = (msg: unknown): ErrorObject[] => (teams(msg) ? [] : [...(teams.errors ?? [])]);
