import { Agent, request } from 'undici';
import type { AttemptOutcome } from './retry.js';
import { parseRetryAfter } from './retry.js';
import { scrub } from './sanitize.js';

/**
 * Most bytes of a receiver's answer read (the rest is discarded unread).
 *
 * @example
 * ```ts
 * MAX_RESPONSE_BYTES; // 16384
 * ```
 */
export const MAX_RESPONSE_BYTES = 16 * 1024;

/**
 * One JSON POST to a webhook: the exact body, its headers, and what must never appear in a message.
 *
 * @example
 * ```ts
 * const post: JsonPost = { url: 'https://hooks.internal/cors', body: '{}', headers: {}, secrets: ['/cors'] };
 * ```
 */
export interface JsonPost {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Strings to redact from error messages (the URL's path and query, the signing secret). */
  readonly secrets: readonly string[];
}

/**
 * An HTTP client for alert webhooks: its own undici Agent (no redirect interceptor, so a 3xx is an
 * answer, never followed), bounded connect, header and body times, and at most
 * {@link MAX_RESPONSE_BYTES} of the answer read.
 *
 * @example
 * ```ts
 * const client = createHttpPoster();
 * const outcome = await client.post({ url, body: '{}', headers: {}, secrets: [] }, 5000);
 * await client.close();
 * ```
 */
export interface HttpPoster {
  post(post: JsonPost, timeoutMs: number): Promise<AttemptOutcome>;
  close(): Promise<void>;
}

const NETWORK_CODES: Readonly<Record<string, 'TIMEOUT' | 'NETWORK_ERROR'>> = {
  UND_ERR_CONNECT_TIMEOUT: 'TIMEOUT',
  UND_ERR_HEADERS_TIMEOUT: 'TIMEOUT',
  UND_ERR_BODY_TIMEOUT: 'TIMEOUT',
  ABORT_ERR: 'TIMEOUT',
  UND_ERR_ABORTED: 'TIMEOUT',
};

function errorCode(e: unknown): string {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur !== null && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return (e as { name?: unknown })?.name === 'TimeoutError' ? 'ABORT_ERR' : 'UNKNOWN';
}

async function readBounded(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= MAX_RESPONSE_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8');
}

/**
 * Creates an {@link HttpPoster}. Network errors and timeouts are retryable, as are 408, 425, 429 and
 * 5xx answers (with their Retry-After); any other 4xx and every 3xx are not.
 *
 * @example
 * ```ts
 * const client = createHttpPoster();
 * ```
 */
export function createHttpPoster(): HttpPoster {
  const agent = new Agent({ keepAliveTimeout: 2_000, keepAliveMaxTimeout: 10_000, connections: 4 });
  return {
    async post(post, timeoutMs) {
      try {
        const res = await request(post.url, {
          method: 'POST',
          headers: { ...post.headers, 'content-type': 'application/json', 'user-agent': 'corsguard-alerts' },
          body: post.body,
          dispatcher: agent,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await readBounded(res.body).catch(() => '');
        const status = res.statusCode;
        // Teams connectors answer a throttled post with 200 and this text in the body (their docs say to
        // read the body, "as Connectors do not throw 429s"): a 429 to retry.
        if (
          status >= 200 &&
          status < 300 &&
          !text.includes('Microsoft Teams endpoint returned HTTP error 429')
        ) {
          return { ok: true, status };
        }
        const said = scrub(text, post.secrets, 200);
        const answer = `the receiver answered ${status}${said === '' ? '' : `: ${said}`}`;
        if (status >= 300 && status < 400) {
          return {
            ok: false,
            retryable: false,
            code: 'ALERT_REDIRECT_REFUSED',
            status,
            message: `${answer} (a redirect; alerts never follow redirects: configure the final URL)`,
          };
        }
        if (status >= 200 && status < 300) {
          return {
            ok: false,
            retryable: true,
            code: 'ALERT_HTTP_STATUS',
            status: 429,
            message: `the receiver answered ${status} with a throttling message (429)`,
          };
        }
        const retryable = status >= 500 || status === 408 || status === 425 || status === 429;
        const header = res.headers['retry-after'];
        const retryAfterMs = parseRetryAfter(Array.isArray(header) ? header[0] : header);
        return {
          ok: false,
          retryable,
          code: 'ALERT_HTTP_STATUS',
          status,
          message: answer,
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        };
      } catch (e) {
        const code = errorCode(e);
        const kind = NETWORK_CODES[code] ?? 'NETWORK_ERROR';
        const why = e instanceof Error ? e.message : String(e);
        return {
          ok: false,
          retryable: true,
          code: kind,
          message: scrub(
            kind === 'TIMEOUT' ? `no answer within ${timeoutMs} ms (${code})` : `${code}: ${why}`,
            post.secrets,
          ),
        };
      }
    },
    close: () => agent.close(),
  };
}
