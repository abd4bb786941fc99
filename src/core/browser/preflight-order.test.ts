import { describe, expect, it } from 'vitest';
import { preflightCheck } from './index.js';

const req = { origin: 'https://app.example', method: 'PUT', headers: [], credentials: 'omit' } as const;

describe('which failure a browser names for a refused preflight without CORS headers', () => {
  it('Chromium runs the CORS check first: a 403 without Access-Control-Allow-Origin is the missing header', () => {
    expect(preflightCheck(req, { status: 403, headers: [] }, 'chromium').result).toMatchObject({
      failure: 'no-allow-origin',
    });
  });

  it('Firefox, WebKit and the spec order name the status', () => {
    for (const ua of ['firefox', 'webkit', 'spec'] as const) {
      expect(preflightCheck(req, { status: 403, headers: [] }, ua).result, ua).toMatchObject({
        failure: 'preflight-status',
      });
    }
  });

  it('every browser names the status when the CORS check passes, and a redirect before anything', () => {
    const allowed = [['Access-Control-Allow-Origin', 'https://app.example']] as const;
    for (const ua of ['chromium', 'firefox', 'webkit', 'spec'] as const) {
      expect(preflightCheck(req, { status: 404, headers: allowed }, ua).result, ua).toMatchObject({
        failure: 'preflight-status',
      });
      expect(preflightCheck(req, { status: 301, headers: [] }, ua).result, ua).toMatchObject({
        failure: 'preflight-status',
      });
    }
  });
});
