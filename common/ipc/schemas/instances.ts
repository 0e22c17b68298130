import { z } from 'zod';

import { WireError } from '../../errors.js';

export const InstanceId = z.uuid();

const Name = z.string().trim().min(1).max(80);
/** http(s) only, no credentials in the URL: a key never travels in a URL. */
export const BaseUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password
      );
    } catch {
      return false;
    }
  }, 'Enter an http:// or https:// address without a user name or password in it.');
const AdminKey = z.string().trim().min(8).max(512);
const CaPem = z
  .string()
  .max(64 * 1024)
  .refine((v) => v.includes('-----BEGIN CERTIFICATE-----'), 'Paste a PEM certificate.');
export const Colour = z.string().regex(/^#[0-9a-f]{6}$/i);

/** A SHA-256 certificate fingerprint as Node prints it: 32 upper-case hex pairs joined by colons. */
export const Sha256Fingerprint = z
  .string()
  .regex(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/, 'Expected a SHA-256 fingerprint (AA:BB:…).');

/** A server certificate as a person checks it before trusting it. */
export const CertificateInfo = z.strictObject({
  sha256: Sha256Fingerprint,
  subject: z.string().max(2000),
  issuer: z.string().max(2000),
  validFrom: z.string().max(100),
  validTo: z.string().max(100),
});
export type CertificateInfo = z.infer<typeof CertificateInfo>;

/** A certificate the person trusted for one instance (trust on first use, as SSH does). */
export const CertificatePin = CertificateInfo.extend({ pinnedAt: z.number() });
export type CertificatePin = z.infer<typeof CertificatePin>;

/** Confirms a change of address or trust without typing the admin key again. */
export const InstanceReauth = z.strictObject({ password: z.string().min(1).max(1024) });
export type InstanceReauth = z.infer<typeof InstanceReauth>;

/** Trusts the certificate the saved address presents now, if it is the one the person saw. */
export const PinCertificateArgs = z.strictObject({
  sha256: Sha256Fingerprint,
  password: z.string().min(1).max(1024),
});
export type PinCertificateArgs = z.infer<typeof PinCertificateArgs>;

export const InstanceDraft = z.strictObject({
  name: Name,
  baseUrl: BaseUrl,
  adminKey: AdminKey,
  caCertPem: CaPem.optional(),
  /** The certificate the person confirmed during the connection test. */
  certificatePin: CertificateInfo.optional(),
  /** Plain http is refused except on loopback, unless the person allows it for this instance. */
  allowInsecureHttp: z.boolean().default(false),
  timeoutMs: z.number().int().min(1000).max(120_000).default(15_000),
  colour: Colour.default('#4f6bed'),
});
export type InstanceDraft = z.input<typeof InstanceDraft>;

/** Only the fields that change; the admin key is sent only when the person typed a new one. */
export const InstancePatch = z.strictObject({
  name: Name.optional(),
  baseUrl: BaseUrl.optional(),
  adminKey: AdminKey.optional(),
  caCertPem: CaPem.nullable().optional(),
  /** null drops the pin: the system's authorities (and the custom CA) decide again. */
  certificatePin: CertificateInfo.nullable().optional(),
  allowInsecureHttp: z.boolean().optional(),
  timeoutMs: z.number().int().min(1000).max(120_000).optional(),
  colour: Colour.optional(),
});
export type InstancePatch = z.input<typeof InstancePatch>;

export const Platform = z.enum(['open source', 'enterprise', 'cloud', 'unknown']);

export const ConnectionReport = z.object({
  ok: z.boolean(),
  checkedAt: z.number(),
  version: z.string().optional(),
  platform: Platform.optional(),
  generation: z.string().optional(),
  workspaceId: z.string().optional(),
  keyName: z.string().optional(),
  permissions: z.array(z.string()),
  /** The permissions the app needs to manage the server that this key lacks (3.0.13+ only). */
  missingForVault: z.array(z.string()).optional(),
  /** The whole report in words, e.g. "Flowise 3.1.4, open source. This key holds 5 permissions on 2 resources." */
  summary: z.string(),
  /** What was changed in the typed address before testing, e.g. a trailing /api/v1 removed. */
  addressNote: z.string().optional(),
  error: WireError.optional(),
  /**
   * The certificate the server presented, when it is not trusted as things stand: untrusted by
   * this computer, not yet confirmed (a profile from before pinning), or changed since pinned.
   */
  certificate: z
    .object({
      problem: z.enum(['untrusted', 'unconfirmed', 'changed']),
      presented: CertificateInfo,
      /** The pinned fingerprint, when the certificate changed. */
      pinned: Sha256Fingerprint.optional(),
    })
    .optional(),
});
export type ConnectionReport = z.infer<typeof ConnectionReport>;

export const InstanceSummary = z.object({
  id: InstanceId,
  name: z.string(),
  baseUrl: z.string(),
  colour: z.string(),
  timeoutMs: z.number(),
  certificatePin: CertificatePin.optional(),
  /** Saved when any certificate was accepted; refused until the person confirms one. */
  certificateUnconfirmed: z.boolean(),
  allowInsecureHttp: z.boolean(),
  hasCustomCa: z.boolean(),
  /** Last four characters only; the key itself never leaves main. */
  adminKeyMasked: z.string(),
  adminKeyFingerprint: z.string(),
  lastCheck: ConnectionReport.optional(),
});
export type InstanceSummary = z.infer<typeof InstanceSummary>;

export const InstanceList = z.object({
  instances: z.array(InstanceSummary),
  activeId: InstanceId.optional(),
});
export type InstanceList = z.infer<typeof InstanceList>;
