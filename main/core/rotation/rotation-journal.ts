// The journal of each rotation, kept in the vault's "rotations" section and saved after every
// step, so that a crash at any point can be resumed. It holds the old and new key values (the vault
// is encrypted); they are dropped once the rotation ends, and never leave main.
import { z } from 'zod';

import { AppError, WireError } from '../../../common/errors.js';
import { DeliveryTarget } from '../../../common/ipc/schemas/delivery.js';
import {
  DeliveryState,
  RotationStatus,
  RotationStep,
} from '../../../common/ipc/schemas/rotation.js';
import type { RotationStep as Step } from '../../../common/ipc/schemas/rotation.js';
import { FlowType } from '../../../common/ipc/schemas/keys.js';
import { sectionQueue } from '../vault/section-queue.js';
import type { Vault } from '../vault/vault.js';

const JournalKey = z.object({
  id: z.string(),
  name: z.string(),
  fingerprint: z.string(),
  masked: z.string(),
  /** Dropped when the rotation ends. */
  value: z.string().optional(),
});

const JournalFlow = z.object({
  id: z.string(),
  name: z.string(),
  type: FlowType,
  state: z.enum(['pending', 'rebound', 'verified', 'restored', 'skipped']),
  probe: z.boolean(),
});

/** A delivery target as it was when the rotation began, and how far its delivery got. */
const JournalDelivery = z.object({
  target: DeliveryTarget,
  state: DeliveryState,
  check: z.enum(['passed', 'failed']).optional(),
  words: z.string().optional(),
  output: z.string().optional(),
  checkWords: z.string().optional(),
});
export type JournalDelivery = z.infer<typeof JournalDelivery>;

export const Journal = z.object({
  id: z.string(),
  instanceId: z.string(),
  instanceName: z.string(),
  oldKey: JournalKey,
  permissions: z.array(z.string()).optional(),
  newKeyName: z.string(),
  newKey: JournalKey.optional(),
  flows: z.array(JournalFlow),
  reached: RotationStep,
  status: RotationStatus,
  /** A rollback was asked for; resume carries it on. */
  rollingBack: z.boolean(),
  failedStep: RotationStep.optional(),
  error: WireError.optional(),
  startedAt: z.number(),
  updatedAt: z.number(),
  revealedAt: z.number().optional(),
  cutoverMs: z.number().optional(),
  /** The key is the instance's admin key: the switch step changes the stored one. */
  admin: z.boolean().optional(),
  /** The journaled replacement is no longer on the server: resume creates another. */
  newKeyGone: z.boolean().optional(),
  /** Replacements of this rotation that vanished from the server. Flows the server still shows on
   * them are locked out: they are moved on (forward) or back (rollback) like flows on the old key. */
  lostKeyIds: z.array(z.string()).optional(),
  /** The bulk rotation this one belongs to. */
  batchId: z.string().optional(),
  deliveries: z.array(JournalDelivery).optional(),
  /** Revoked although these failed, as the person confirmed. */
  overridden: z.string().optional(),
});
export type Journal = z.infer<typeof Journal>;
export type JournalFlow = z.infer<typeof JournalFlow>;

const Section = z.object({ rotations: z.array(Journal) });
const SECTION = 'rotations';
/** Finished journals kept as history; unfinished ones are never dropped. */
const KEEP_FINISHED = 50;

export const STEPS: readonly Step[] = RotationStep.options;

export function stepIndex(step: Step): number {
  return STEPS.indexOf(step);
}

export function isFinished(journal: Journal): boolean {
  return journal.status === 'done' || journal.status === 'rolled_back';
}

/** An instance with a rotation under way keeps its journal's only way back to the server (and,
 * for its admin key, the key the vault holds), so it cannot be removed until that ends. */
export function refuseWhileRotating(journals: JournalStore, instanceId: string): void {
  const open = journals.all().find((j) => j.instanceId === instanceId && !isFinished(j));
  if (open !== undefined)
    throw new AppError(
      'precondition_failed',
      `A rotation of "${open.oldKey.name}" on this instance has not finished. Finish it or roll it back on the Rotation page, then remove the instance.`,
      { rotationId: open.id },
    );
}

export interface JournalStore {
  all(): Journal[];
  get(id: string): Journal | undefined;
  /** Replaces the journal with the same id (or adds it) and writes the vault. */
  save(journal: Journal): Promise<void>;
}

export function createJournalStore(vault: Vault): JournalStore {
  // Read-modify-write of the whole section: one at a time, or two rotations would lose updates.
  const queue = sectionQueue(vault);
  const all = (): Journal[] => vault.readSection(SECTION, Section)?.rotations ?? [];
  return {
    all,
    get: (id) => all().find((j) => j.id === id),
    save: (journal) =>
      queue(async () => {
        const others = all().filter((j) => j.id !== journal.id);
        const finished = others.filter(isFinished).sort((a, b) => b.updatedAt - a.updatedAt);
        const dropped = new Set(finished.slice(KEEP_FINISHED - 1).map((j) => j.id));
        const kept = others.filter((j) => !dropped.has(j.id));
        await vault.writeSection(SECTION, { rotations: [...kept, journal] });
      }),
  };
}
