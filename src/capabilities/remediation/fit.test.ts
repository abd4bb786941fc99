import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Lab, startLab } from '../lab/index.js';
import { scanTarget, type TargetResult } from '../scan/index.js';
import { fixText, remediationPlan, type Snippet, STACKS, snippetsFor } from './index.js';

// Remediation chosen per finding, on real lab scans: what the server really does decides the fix.
const SHOP = 'https://shop.victim.test';
let lab: Lab;
const scanned = new Map<string, TargetResult>();
beforeAll(async () => {
  lab = await startLab();
  for (const path of ['/subdomain', '/suffix', '/ws', '/reflect', '/vary-missing']) {
    const t = lab.targets.find((x) => new URL(x.url).pathname === path);
    if (!t) throw new Error(`no lab endpoint ${path}`);
    scanned.set(path, await scanTarget(t.url, { resolve: lab.resolve, insecure: true }));
    // The same endpoint with a real front end named by the user.
    const declared = { resolve: lab.resolve, insecure: true, trustedOrigins: [SHOP] };
    scanned.set(`${path}+shop`, await scanTarget(t.url, declared));
  }
}, 60_000);
afterAll(() => lab.close());

const result = (path: string): TargetResult => scanned.get(path) as TargetResult;
const snippets = (path: string, id: string): Snippet[] => {
  const r = result(path);
  const f = r.findings.find((x) => x.id === id);
  if (!f) throw new Error(`${path} has no ${id}: ${r.findings.map((x) => x.id)}`);
  return STACKS.flatMap(
    (s) => remediationPlan(r, { stack: s }).steps.find((x) => x.id === id)?.snippets ?? [],
  );
};

describe('websocket-origin-unchecked gets a handshake Origin check, never a CORS-header snippet', () => {
  it('one per stack, none of them CORS headers (CORS does not apply to WebSocket)', () => {
    const all = snippets('/ws', 'websocket-origin-unchecked');
    expect(new Set(all.map((s) => s.stack))).toEqual(new Set(STACKS));
    for (const s of all) {
      expect(s.code).not.toMatch(/Access-Control-Allow-Origin|cors\(|CORS_ALLOWED/i);
      expect(s.code).toMatch(/Origin/);
    }
    const express = all.filter((s) => s.stack === 'express').map((s) => s.filename);
    expect(express).toEqual(['websocket-origin.ts', 'socket-io-origin.ts']);
  });

  it('the TypeScript snippets parse', () => {
    for (const s of snippets('/ws', 'websocket-origin-unchecked').filter(
      (x) => x.language === 'typescript',
    )) {
      const file = ts.createSourceFile(s.filename, s.code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
      const diagnostics = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
      expect(
        diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
        s.stack,
      ).toEqual([]);
    }
  });

  it('the ws snippet, run for real on loopback, upgrades the trusted origin and refuses another with 403', async () => {
    const s = snippets('/ws', 'websocket-origin-unchecked').find((x) => x.stack === 'express');
    const js = ts.transpileModule(s?.code ?? '', {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const module = { exports: {} as { attachWebSockets: (server: Server) => unknown } };
    new Function('require', 'module', 'exports', js)(createRequire(import.meta.url), module, module.exports);
    const server = createServer();
    module.exports.attachWebSockets(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
    const handshake = (origin: string) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(url, { origin });
        ws.on('open', () => {
          ws.terminate();
          resolve(101);
        });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('error', reject);
      });
    try {
      const trusted = result('/ws').trustedOrigins ?? [];
      const kept = /'(https?:\/\/[^']+)'/.exec(s?.code ?? '')?.[1] ?? '';
      expect(kept === 'https://app.example.com' || trusted.includes(kept)).toBe(true);
      expect(await handshake(kept)).toBe(101);
      expect(await handshake('https://evil.example')).toBe(403);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('pattern trust (subdomain, suffix) proposes the real front ends or the pattern, never the probe list', () => {
  /** The origins corsguard guessed and the server granted: every trusted one but the URL's own. */
  const guessed = (r: TargetResult) => {
    const own = new URL(r.url).origin;
    return (r.trustedOrigins ?? []).filter((o) => o !== own && o !== SHOP);
  };

  it.each([
    ['/subdomain', 'subdomain-trusted'],
    ['/suffix', 'suffix-match-bypass'],
  ])('%s: no step of any stack allowlists a subdomain corsguard probed', (path) => {
    const r = result(path);
    const probed = guessed(r);
    expect(probed.length).toBeGreaterThanOrEqual(3); // the server granted the guesses (it trusts every subdomain)
    for (const stack of STACKS) {
      for (const step of remediationPlan(r, { stack }).steps) {
        for (const s of step.snippets) {
          // The scanned URL is named in every header ("a scan of …"); the rest must not appear.
          const code = s.code.replaceAll(r.url, '<scanned url>');
          for (const o of probed) expect(code, `${stack} ${step.id} keeps ${o}`).not.toContain(o);
        }
        expect(fixText(r, r.findings.find((f) => f.id === step.id) as never)).not.toContain(probed[0]);
      }
    }
  });

  it('subdomain-trusted names the pattern form in its snippet', () => {
    const step = remediationPlan(result('/subdomain'), { stack: 'nginx' }).steps.find(
      (s) => s.id === 'subdomain-trusted',
    );
    expect(step?.snippets[0]?.code).toContain('https://*.victim.test');
  });

  it.each(['/subdomain', '/suffix'])('%s: a front end named with --trusted-origin is kept', (path) => {
    const r = result(`${path}+shop`);
    expect(r.trustedOrigins).toContain(SHOP);
    const plan = remediationPlan(r, { stack: 'express' });
    expect(plan.steps[0]?.snippets[0]?.code).toContain(`'${SHOP}'`);
  });

  it('an exact allowlist keeps what the server granted (no pattern: the granted guesses are its front ends)', () => {
    const r = result('/vary-missing');
    expect(r.trustedOrigins).toContain('https://app.victim.test');
    const step = remediationPlan(r, { stack: 'express' }).steps[0];
    expect(step?.snippets[0]?.code).toContain("'https://app.victim.test'");
  });
});

describe('snippets derived from a scan say so', () => {
  it('every stack: "not from a policy file", never "Do not edit by hand: change the policy"', () => {
    const r = result('/reflect');
    const f = r.findings[0];
    if (!f) throw new Error('no finding');
    for (const stack of STACKS) {
      for (const s of snippetsFor(stack, { url: r.url, finding: f, allowedOrigins: [], credentials: true })) {
        expect(s.code, stack).toContain('not from a policy file');
        expect(s.code, stack).not.toContain('Do not edit by hand');
      }
    }
  });
});
