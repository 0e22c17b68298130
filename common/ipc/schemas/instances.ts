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

export const InstanceDraft = z.strictObject({
  name: Name,
  baseUrl: BaseUrl,
  adminKey: AdminKey,
  caCertPem: CaPem.optional(),
  allowSelfSigned: z.boolean().default(false),
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
  allowSelfSigned: z.boolean().optional(),
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
  /** The whole report in words, e.g. "Flowise 3.1.4, open source. This key can …". */
  summary: z.string(),
  error: WireError.optional(),
});
export type ConnectionReport = z.infer<typeof ConnectionReport>;

export const InstanceSummary = z.object({
  id: InstanceId,
  name: z.string(),
  baseUrl: z.string(),
  colour: z.string(),
  timeoutMs: z.number(),
  allowSelfSigned: z.boolean(),
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
