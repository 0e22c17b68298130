// What the Overview rules look at for one instance: plain data, no value of any key or credential,
// so every rule is a pure function of it. Built from what the app fetches anyway.
import type { WireError } from '../../../common/errors.js';
import type { CertificatePin } from '../../../common/ipc/schemas/instances.js';
import type { FlowiseGeneration } from '../flowise/generation.js';
import type { RotationStatus, RotationStep } from '../../../common/ipc/schemas/rotation.js';

export interface SnapshotKey {
  id: string;
  name: string;
  /** 3.0.13+ only; older keys can do everything. */
  permissions?: readonly string[];
  /** When the app first saw the key, or its last rotation through the app if later. */
  since: number;
  /** The key's or its instance's rotation policy; absent: Settings' keyMaxAgeDays applies. */
  maxAgeDays?: number;
  /** The app has copied or revealed it (the audit log says so). */
  copied: boolean;
  /** The key the vault uses for this instance. */
  admin: boolean;
}

export interface SnapshotFlow {
  id: string;
  name: string;
  type: string;
  apikeyid: string | null;
}

export interface SnapshotCredential {
  id: string;
  name: string;
  /** Flows naming it; undefined when usage could not be checked. */
  usedBy?: number;
}

export interface SnapshotRotation {
  id: string;
  keyId: string;
  keyName: string;
  status: RotationStatus;
  reached: RotationStep;
  updatedAt: number;
  /** When the rotation reached grace, if it waits there. */
  graceSince?: number;
}

export interface SnapshotProfile {
  baseUrl: string;
  allowInsecureHttp: boolean;
  certificatePin?: CertificatePin;
  certificateUnconfirmed: boolean;
  hasCustomCa: boolean;
}

export interface Thresholds {
  keyMaxAgeDays: number;
  manyFlowsThreshold: number;
  graceLimitDays: number;
}

export type Reach = { state: 'ok' } | { state: 'unreachable' | 'unauthorised'; error: WireError };

export interface InstanceSnapshot {
  instanceId: string;
  name: string;
  now: number;
  thresholds: Thresholds;
  profile: SnapshotProfile;
  /** Unreachable and unauthorised instances have no server data: only the vault's is checked. */
  reach: Reach;
  generation?: FlowiseGeneration;
  /** The server's grantable permissions (3.0.13+), when it told them. */
  catalog?: readonly string[];
  keys: readonly SnapshotKey[];
  flows: readonly SnapshotFlow[];
  credentials: readonly SnapshotCredential[];
  rotations: readonly SnapshotRotation[];
  /** Flow ids marked "public on purpose". */
  publicFlows: ReadonlySet<string>;
}
