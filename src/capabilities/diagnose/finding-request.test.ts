import { describe, expect, it } from 'vitest';
import { finding } from '../scan/test-support/results.js';
import { findingRequest } from './finding-request.js';

describe('findingRequest: the request a scan finding stands for', () => {
  it('a granted probe origin: a GET from it, with credentials when the answer allows them', () => {
    expect(findingRequest(finding('critical'))).toEqual({
      url: 'https://api.example.com/me',
      origin: 'https://evil.example',
      method: 'GET',
      headers: [],
      credentials: 'include',
    });
  });

  it('ACAO: * with ACAC: true is explained with cookies (the browser then blocks), without them it is omit', () => {
    const wildcard = finding('low', {
      id: 'wildcard-with-credentials',
      credentialed: false,
      evidence: [
        {
          request: {
            method: 'GET',
            url: 'https://api.example.com/me',
            headers: { origin: 'https://evil.example' },
          },
          response: {
            status: 200,
            headers: [
              ['access-control-allow-origin', '*'],
              ['access-control-allow-credentials', 'true'],
            ],
          },
        },
      ],
    });
    expect(findingRequest(wildcard)?.credentials).toBe('include');
    const anonymous = finding('info', {
      id: 'wildcard-origin',
      credentialed: false,
      evidence: [
        {
          request: {
            method: 'GET',
            url: 'https://api.example.com/me',
            headers: { origin: 'https://evil.example' },
          },
          response: { status: 200, headers: [['access-control-allow-origin', '*']] },
        },
      ],
    });
    expect(findingRequest(anonymous)?.credentials).toBe('omit');
  });

  it('a preflight probe: the method and headers it asked for, from the exchange of the finding origin', () => {
    const permissive = finding('medium', {
      id: 'preflight-permissive',
      origin: 'https://www.victim.example',
      evidence: [
        {
          request: {
            method: 'GET',
            url: 'https://api.example.com/me',
            headers: { origin: 'https://other.example' },
          },
          response: { status: 200, headers: [] },
        },
        {
          request: {
            method: 'OPTIONS',
            url: 'https://api.example.com/me',
            headers: {
              origin: 'https://www.victim.example',
              'access-control-request-method': 'PUT',
              'access-control-request-headers': 'authorization,x-cg-1',
            },
          },
          response: { status: 204, headers: [['access-control-allow-credentials', 'true']] },
        },
      ],
    });
    expect(findingRequest(permissive)).toEqual({
      url: 'https://api.example.com/me',
      origin: 'https://www.victim.example',
      method: 'PUT',
      headers: ['authorization', 'x-cg-1'],
      credentials: 'include',
    });
  });

  it('null without evidence', () => {
    expect(findingRequest(finding('low', { evidence: [] }))).toBeNull();
  });
});
