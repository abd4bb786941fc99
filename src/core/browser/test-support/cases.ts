// The behaviour table: every row is one assertion transcribed from the Fetch standard or from
// web-platform-tests, written as data so the scanner team can read (and extend) it without code.
// Lives in test-support/ so tsconfig.build.json keeps it out of dist.

import type { PreflightRequest } from '../preflight.js';
import type { CorsFailure, CredentialsMode, HeaderList, UserAgent } from '../types.js';
import { REQUEST_CASES } from './cases-request.js';
import { RESPONSE_CASES } from './cases-response.js';

/** `true` = allowed; otherwise the failure the browser model must report. */
export type Verdict = true | CorsFailure;

/** One row of the behaviour table. `cite` names the spec step or wpt test the row transcribes. */
export type Case = { readonly name: string; readonly cite: string } & (
  | {
      readonly kind: 'cors';
      readonly origin: string;
      readonly credentials: CredentialsMode;
      readonly headers: HeaderList;
      readonly expect: Verdict;
    }
  | {
      readonly kind: 'preflight';
      readonly request: PreflightRequest;
      readonly status: number;
      readonly headers: HeaderList;
      readonly expect: Verdict;
    }
  | {
      readonly kind: 'needs-preflight';
      readonly method: string;
      readonly headers: HeaderList;
      readonly expect: boolean;
    }
  | {
      readonly kind: 'max-age';
      readonly value: string | null;
      readonly ua: UserAgent;
      readonly expect: number;
    }
  | {
      readonly kind: 'exposed';
      readonly credentials: CredentialsMode;
      readonly headers: HeaderList;
      readonly expect: readonly string[];
    }
);

/** All rows. */
export const CASES: readonly Case[] = [...RESPONSE_CASES, ...REQUEST_CASES];
