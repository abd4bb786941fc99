// Run by testing.test.ts with `node --import tsx --test`: corsguard/testing works from node:test too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertCorsPolicy } from '../index.js';
import { fetchAppFor } from './fetch-app.js';

const policy = { origins: ['https://app.example.com'], credentials: true as const, methods: ['PUT'] };

test('a Fetch handler that follows its policy passes', async () => {
  await assertCorsPolicy(fetchAppFor(policy), policy);
});

test('a drifted handler fails with the diff in the message', async () => {
  const drifted = fetchAppFor(policy, (h) => h.filter(([n]) => n !== 'Vary'));
  await assert.rejects(assertCorsPolicy(drifted, policy), (e: unknown) => {
    assert.ok(e instanceof assert.AssertionError);
    assert.match(e.message, /- Vary: Origin/);
    return true;
  });
});
