// Instance profiles live in the vault (they hold the admin key), in one section.
import { z } from 'zod';

import { AppError } from '../../../common/errors.js';
import { ConnectionReport } from '../../../common/ipc/schemas/instances.js';
import type { Vault } from '../vault/vault.js';

export const InstanceRecord = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  adminKey: z.string(),
  caCertPem: z.string().optional(),
  allowSelfSigned: z.boolean(),
  allowInsecureHttp: z.boolean().default(false),
  timeoutMs: z.number(),
  colour: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  lastCheck: ConnectionReport.optional(),
});
export type InstanceRecord = z.infer<typeof InstanceRecord>;

const Section = z.object({
  instances: z.array(InstanceRecord),
  activeId: z.string().optional(),
});
export type InstanceSection = z.infer<typeof Section>;

const SECTION = 'instances';

export interface InstanceStore {
  read(): InstanceSection;
  write(next: InstanceSection): Promise<void>;
  get(id: string): InstanceRecord;
}

export function createInstanceStore(vault: Vault): InstanceStore {
  const read = (): InstanceSection => vault.readSection(SECTION, Section) ?? { instances: [] };
  return {
    read,
    write: (next) => vault.writeSection(SECTION, next),
    get(id) {
      const found = read().instances.find((instance) => instance.id === id);
      if (found === undefined) throw new AppError('not_found', 'That instance no longer exists.');
      return found;
    },
  };
}
