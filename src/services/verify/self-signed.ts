import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

/** DER: a tag, the definite length, the content (X.690 §8.1). */
function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const long: number[] = [];
  for (let v = body.length; v > 0; v = Math.floor(v / 256)) long.unshift(v & 0xff);
  const length = body.length < 0x80 ? [body.length] : [0x80 | long.length, ...long];
  return Buffer.concat([Buffer.from([tag, ...length]), body]);
}

const seq = (...c: Buffer[]) => tlv(0x30, ...c);
/** ecdsa-with-SHA256 (RFC 5758 §3.2), parameters absent. */
const ECDSA_SHA256 = seq(Buffer.from('06082a8648ce3d040302', 'hex'));
/** Name: one RDN, commonName (2.5.4.3) as UTF8String. */
const name = (cn: string) =>
  seq(tlv(0x31, seq(Buffer.from('0603550403', 'hex'), tlv(0x0c, Buffer.from(cn, 'utf8')))));
/** UTCTime `YYMMDDHHMMSSZ` (RFC 5280 §4.1.2.5.1: dates through 2049). */
const utcTime = (d: Date) =>
  tlv(0x17, Buffer.from(`${d.toISOString().slice(2, 19).replace(/[-:T]/g, '')}Z`, 'ascii'));

/**
 * A fresh self-signed certificate and its key (ECDSA P-256, PEM), made for one run: the attacker pages of
 * `--verify` are served with it and Chromium accepts it by its SPKI hash alone, so no key anyone else
 * holds (the lab's is public) can impersonate a target to that Chromium. Valid from an hour ago for a day.
 *
 * @example
 * ```ts
 * const { key, cert } = selfSignedCertificate('corsguard verify');
 * https.createServer({ key, cert }, handler);
 * ```
 */
export function selfSignedCertificate(commonName: string): { readonly key: string; readonly cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const serial = randomBytes(16);
  serial[0] = (serial[0] as number) & 0x7f; // a positive INTEGER
  const now = Date.now();
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))), // version v3
    tlv(0x02, serial),
    ECDSA_SHA256,
    name(commonName),
    seq(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 86_400_000))),
    name(commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey); // DER-encoded (r, s)
  const der = seq(tbs, ECDSA_SHA256, tlv(0x03, Buffer.from([0]), signature));
  const base64 = der.toString('base64').replace(/.{64}/g, '$&\n');
  return {
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    cert: `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`,
  };
}
