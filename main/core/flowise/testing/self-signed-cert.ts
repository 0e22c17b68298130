// Makes a self-signed certificate in-process (a minimal DER writer plus node:crypto), so the TLS
// tests need neither an openssl binary nor a key pair checked into the repository.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isIP } from 'node:net';

function tlv(tag: number, content: Buffer): Buffer {
  const length = content.length;
  if (length < 0x80) return Buffer.concat([Buffer.from([tag, length]), content]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
  return Buffer.concat([Buffer.from([tag, 0x80 | bytes.length, ...bytes]), content]);
}

const seq = (...parts: Buffer[]): Buffer => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]): Buffer => tlv(0x31, Buffer.concat(parts));
const octets = (content: Buffer): Buffer => tlv(0x04, content);
const TRUE = tlv(0x01, Buffer.from([0xff]));

function integer(bytes: Buffer): Buffer {
  const first = bytes[0] ?? 0;
  return tlv(0x02, first & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const part of rest) {
    const encoded = [part & 0x7f];
    for (let v = part >> 7; v > 0; v >>= 7) encoded.unshift(0x80 | (v & 0x7f));
    bytes.push(...encoded);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  // RFC 5280: UTCTime up to 2049, GeneralizedTime from 2050.
  return date.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`))
    : tlv(0x18, Buffer.from(`${iso}Z`));
}

function altName(name: string): Buffer {
  if (isIP(name) === 4) return tlv(0x87, Buffer.from(name.split('.').map(Number)));
  return tlv(0x82, Buffer.from(name, 'ascii'));
}

export interface TestCertificate {
  cert: string;
  key: string;
}

export interface CertificateOptions {
  /** DNS names and IPv4 addresses the certificate is for. */
  names?: readonly string[];
  notBefore?: Date;
  notAfter?: Date;
}

export function selfSignedCertificate(options: CertificateOptions = {}): TestCertificate {
  const names = options.names ?? ['127.0.0.1', 'localhost'];
  const now = Date.now();
  const notBefore = options.notBefore ?? new Date(now - 60_000);
  const notAfter = options.notAfter ?? new Date(now + 24 * 3600_000);
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const ecdsaSha256 = seq(oid('1.2.840.10045.4.3.2'));
  const subject = seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from('fkv test')))));
  const serial = randomBytes(8);
  // Positive and without a leading zero byte: DER rejects a non-minimal INTEGER ("illegal padding").
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    ecdsaSha256,
    subject,
    seq(time(notBefore), time(notAfter)),
    subject,
    publicKey.export({ type: 'spki', format: 'der' }),
    tlv(
      0xa3,
      seq(
        seq(oid('2.5.29.19'), TRUE, octets(seq(TRUE))),
        seq(oid('2.5.29.17'), octets(seq(...names.map(altName)))),
      ),
    ),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, ecdsaSha256, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
