// Instance profiles live in the vault (they hold the admin key), in one section.
import { z } from 'zod';

import { deepFreeze } from '../../../common/deep-freeze.js';
import { AppError } from '../../../common/errors.js';
import { CertificatePin, ConnectionReport } from '../../../common/ipc/schemas/instances.js';
import type { Vault } from '../vault/vault.js';

const Profile = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  adminKey: z.string(),
  caCertPem: z.string().optional(),
  certificatePin: CertificatePin.optional(),
  /** Saved under the old "accept any certificate" switch: refused until a certificate is pinned. */
  certificateUnconfirmed: z.boolean().optional(),
  allowInsecureHttp: z.boolean().default(false),
  timeoutMs: z.number(),
  colour: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  lastCheck: ConnectionReport.optional(),
});

/** Profiles saved before pinning carried `allowSelfSigned`; `true` becomes "unconfirmed". */
function migrate(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || !('allowSelfSigned' in raw)) return raw;
  const { allowSelfSigned, ...rest } = raw;
  return allowSelfSigned === true && !('certificatePin' in rest)
    ? { ...rest, certificateUnconfirmed: true }
    : rest;
}

export const InstanceRecord = z.preprocess(migrate, Profile);
export type InstanceRecord = z.infer<typeof Profile>;

const Section = z.object({
  instances: z.array(InstanceRecord),
  activeId: z.string().optional(),
});
export type InstanceSection = z.infer<typeof Section>;

const SECTION = 'instances';

export interface InstanceStore {
  read(): InstanceSection;
  /** Saves `change` of the newest section: another process's changes made meanwhile are kept. */
  update(change: (current: InstanceSection) => InstanceSection): Promise<void>;
  get(id: string): InstanceRecord;
}

export function createInstanceStore(vault: Vault): InstanceStore {
  // Every call to a server reads its instance, so the section is parsed once per vault revision
  // and shared, frozen, until the next change. Weakly held: once a change or a lock retires the
  // revision, the parsed admin keys go with it.
  const kept = new WeakMap<object, InstanceSection>();
  const read = (): InstanceSection => {
    const revision = vault.revision();
    let section = kept.get(revision);
    if (section === undefined) {
      section = deepFreeze(vault.readSection(SECTION, Section) ?? { instances: [] });
      kept.set(revision, section);
    }
    return section;
  };
  return {
    read,
    update: (change) => vault.transact(() => vault.writeSection(SECTION, change(read()))),
    get(id) {
      const found = read().instances.find((instance) => instance.id === id);
      if (found === undefined) throw new AppError('not_found', 'That instance no longer exists.');
      return found;
    },
  };
}
