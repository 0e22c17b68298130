// The Overview: every instance's security posture, as findings computed in main from what the app
// already fetches. A finding names what is wrong, why it matters and the fix, never a secret.
import { z } from 'zod';

import { WireError } from '../../errors.js';
import { listCheckedOnce } from './checked-once.js';

/** One entry per rule of main/core/overview/overview-rules.ts. */
export const OverviewRule = z.enum([
  /** A chatflow or agentflow with no key: anyone who can reach the server can call it. */
  'flow-public',
  /** A flow bound to a key that no longer exists: every call fails. */
  'flow-missing-key',
  /** A key older than the maximum age in Settings. */
  'key-old',
  /** A key with every permission, or all of apikeys:*. */
  'key-broad',
  /** A key bound to no flow that the app never copied. */
  'key-unused',
  /** A key bound to more flows than the "many flows" threshold in Settings. */
  'key-many-flows',
  /** The instance's admin key holds every permission, or all of apikeys:*. */
  'admin-key-broad',
  /** The instance's admin key is older than the maximum age. */
  'admin-key-old',
  /** A 2.x or 3.0.x server, where every key has full access. */
  'admin-key-full-access-server',
  /** Plain http to a host other than this computer. */
  'transport-plain-http',
  /** The instance trusts a pinned self-signed certificate (or one not yet confirmed). */
  'transport-self-signed',
  /** The pinned certificate expires soon, or has expired. */
  'transport-cert-expiring',
  /** A credential no flow uses. */
  'credential-unused',
  /** A rotation that stopped before grace, or failed. */
  'rotation-unfinished',
  /** A rotation waiting in grace for longer than the grace limit in Settings. */
  'rotation-grace-long',
  /** The server could not be reached. */
  'instance-unreachable',
  /** The server refused the admin key (401). */
  'instance-unauthorised',
]);
export type OverviewRule = z.infer<typeof OverviewRule>;

export const FindingSeverity = z.enum(['high', 'medium', 'low']);
export type FindingSeverity = z.infer<typeof FindingSeverity>;

/** The one-click fix the renderer offers for a finding. */
export const FixAction = z.enum([
  'bind-key',
  'mark-public',
  'rotate-key',
  'rotate-admin',
  'edit-permissions',
  'delete-key',
  'split-key',
  'edit-instance',
  'delete-credential',
  'resume-rotation',
  'test-instance',
]);
export type FixAction = z.infer<typeof FixAction>;

export const FindingSubject = z.object({
  kind: z.enum(['flow', 'key', 'credential', 'instance', 'rotation']),
  /** The flow, key, credential or rotation id on its server; the instance id for 'instance'. */
  id: z.string(),
  name: z.string(),
});
export type FindingSubject = z.infer<typeof FindingSubject>;

export const Finding = z.object({
  /** Stable across refreshes: `${rule}:${instanceId}:${subject.id}`. */
  id: z.string(),
  rule: OverviewRule,
  severity: FindingSeverity,
  instanceId: z.string(),
  instanceName: z.string(),
  subject: FindingSubject,
  /** One sentence: what is wrong here and why it matters. */
  why: z.string(),
  fix: z.object({
    action: FixAction,
    /** The button's words, e.g. "Bind a key". */
    label: z.string(),
    /** Other fixes for the same finding, e.g. "mark-public" beside "bind-key". */
    alternatives: z.array(z.object({ action: FixAction, label: z.string() })).optional(),
  }),
});
export type Finding = z.infer<typeof Finding>;

export const OverviewInstanceState = z.enum(['ok', 'unreachable', 'unauthorised', 'pending']);
export type OverviewInstanceState = z.infer<typeof OverviewInstanceState>;

export const OverviewInstance = z.object({
  instanceId: z.string(),
  name: z.string(),
  state: OverviewInstanceState,
  error: WireError.optional(),
  /** What was looked at, once fetched. */
  counts: z.object({ keys: z.number(), flows: z.number(), credentials: z.number() }).optional(),
  /** When this instance's data was fetched. */
  checkedAt: z.number().optional(),
});
export type OverviewInstance = z.infer<typeof OverviewInstance>;

export const OverviewReport = z.object({
  generatedAt: z.number(),
  /** In the order of the instance list; 'pending' only in progress events, never in a result. */
  instances: z.array(OverviewInstance),
  /** High first, then medium, then low; within a severity by instance, then rule. */
  findings: listCheckedOnce(Finding),
});
export type OverviewReport = z.infer<typeof OverviewReport>;

export const OverviewReportArgs = z.strictObject({
  /** Fetches every instance again instead of the report cached since unlock. */
  refresh: z.boolean().optional(),
});
export type OverviewReportArgs = z.input<typeof OverviewReportArgs>;

/** One instance's part of a report, sent as soon as it arrives. */
export const OverviewProgress = z.object({
  /** The `generatedAt` of the report this belongs to, to tell two runs apart. */
  generatedAt: z.number(),
  instance: OverviewInstance,
  /** This instance's findings. */
  findings: z.array(Finding),
  done: z.number(),
  total: z.number(),
});
export type OverviewProgress = z.infer<typeof OverviewProgress>;

export const OverviewExportFormat = z.enum(['markdown', 'json', 'csv']);
export type OverviewExportFormat = z.infer<typeof OverviewExportFormat>;

export const OverviewExportArgs = z.strictObject({ format: OverviewExportFormat });
export type OverviewExportArgs = z.input<typeof OverviewExportArgs>;

/** Saved by the renderer as a download, which the shell sends through the save dialog. */
export const OverviewExport = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  text: z.string(),
});
export type OverviewExport = z.infer<typeof OverviewExport>;
