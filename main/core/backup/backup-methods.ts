// The backup.* methods: export the vault (or chosen instances) to a .fkvbak under its own
// passphrase, preview one against the open vault, import it in one vault save, or restore it as a
// new vault. A backup that cannot be used is refused before anything is written.
import { z } from 'zod';

import { AppError } from '../../../common/errors.js';
import type { ApiImpl } from '../../../common/ipc/contract.js';
import { AuditRecord } from '../../../common/ipc/schemas/audit.js';
import type { AuditEntry } from '../../../common/ipc/schemas/audit.js';
import type { BackupPreview, ImportResult } from '../../../common/ipc/schemas/backup.js';
import { BACKUP_EXTENSION } from '../../../common/ipc/schemas/backup.js';
import type { VaultStatus } from '../../../common/ipc/schemas/vault.js';
import { BACKUP_MIN_SCORE, estimateStrength } from '../../../common/password-strength.js';
import type { Clock } from '../ports.js';
import type { KdfCost } from '../vault/kdf.js';
import { kdfBounds, resolveKdfCost } from '../vault/kdf.js';
import type { Vault } from '../vault/vault.js';
import { InstanceRecord } from '../instances/instance-store.js';
import type { BackupContent } from './backup-content.js';
import {
  SCOPED_NAMES,
  collectContent,
  parseContent,
  readScoped,
  scopedValues,
} from './backup-content.js';
import { fingerprintOf, openBackup, sealBackup } from './backup-file.js';
import { planImport, previewItems } from './backup-merge.js';
import type { VaultSide } from './backup-merge.js';

export interface BackupDeps {
  vault: Vault;
  audit: { append(entry: AuditEntry): Promise<void> };
  clock: Clock;
  /** Fixed Argon2id cost (tests, the harness); the app calibrates. */
  kdf: KdfCost | undefined;
  settings: () => unknown;
  /** Creates the vault a restore fills (vault.create's method, with its side effects). */
  createVault: (password: string) => Promise<VaultStatus>;
  status: () => Promise<VaultStatus>;
  /** After an import: every window told of the new instance list, cached reports dropped. */
  changed: () => Promise<void>;
}

const InstancesSection = z.object({
  instances: z.array(InstanceRecord),
  activeId: z.string().optional(),
});
const AuditSection = z.object({ records: z.array(AuditRecord) });

const day = (at: number): string => new Date(at).toISOString().slice(0, 10);
/** The fingerprint as people compare it: the first 16 hex digits in groups of four. */
export const shortFingerprint = (hex: string): string =>
  (hex.slice(0, 16).match(/.{4}/g) ?? []).join(' ');

function assertStrongPassphrase(passphrase: string): void {
  const strength = estimateStrength(passphrase);
  if (strength.score < BACKUP_MIN_SCORE)
    throw new AppError(
      'weak_password',
      `The backup's passphrase is too easy to guess (${strength.label}): ${strength.tip}`,
      { strength: strength.label },
    );
}

function mineOf(vault: Vault): VaultSide {
  const section = vault.readSection('instances', InstancesSection);
  return {
    instances: section?.instances ?? [],
    ...(section?.activeId === undefined ? {} : { activeId: section.activeId }),
    sections: Object.fromEntries(
      SCOPED_NAMES.map((name) => [name, readScoped(vault, name)]),
    ) as VaultSide['sections'],
  };
}

export function createBackupMethods(deps: BackupDeps): ApiImpl['backup'] {
  const { vault, clock } = deps;

  async function open(
    base64: string,
    passphrase: string,
  ): Promise<{ content: BackupContent; fingerprint: string }> {
    const bytes = Buffer.from(base64, 'base64');
    const fingerprint = fingerprintOf(bytes);
    const { plaintext } = await openBackup(bytes, passphrase, kdfBounds(deps.kdf));
    try {
      return { content: parseContent(plaintext), fingerprint };
    } finally {
      plaintext.fill(0);
    }
  }

  /** Writes the plan in one save, then audits it with the backup's fingerprint and date. */
  async function apply(
    content: BackupContent,
    fingerprint: string,
    resolutions: Readonly<Record<string, 'mine' | 'theirs' | 'both'>>,
    extra: Record<string, unknown> = {},
  ): Promise<ImportResult> {
    // Under the vault file's lock, after any other process's saves: the plan is made from, and
    // written over, the newest data.
    const plan = await vault.transact(async () => {
      const planned = planImport(mineOf(vault), content, resolutions);
      await vault.writeSections({
        ...scopedValues(planned.sections),
        instances: planned.instances,
        ...extra,
      });
      return planned;
    });
    const { counts } = plan;
    await deps.audit
      .append({
        action: 'backup.import',
        outcome: 'ok',
        subject: { kind: 'vault', name: 'backup', id: fingerprint, fingerprint },
        detail:
          `Backup of ${new Date(content.createdAt).toISOString()} (fingerprint ` +
          `${shortFingerprint(fingerprint)}): ${plan.lines.join('; ') || 'nothing new'}` +
          `${counts.identical > 0 ? `; ${String(counts.identical)} identical` : ''}.`,
      })
      .catch(() => {});
    await deps.changed();
    return { fingerprint, ...counts };
  }

  return {
    async export({ password, passphrase, instanceIds, includeAudit }) {
      await vault.verifyPassword(password);
      assertStrongPassphrase(passphrase);
      const known = new Set(mineOf(vault).instances.map((i) => i.id));
      const unknown = instanceIds?.find((id) => !known.has(id));
      if (unknown !== undefined)
        throw new AppError('not_found', 'That instance no longer exists.', { instanceId: unknown });
      const createdAt = clock.now();
      const content = collectContent(
        vault,
        { ...(instanceIds === undefined ? {} : { instanceIds }), includeAudit },
        {
          createdAt,
          audit: () => vault.readSection('audit', AuditSection)?.records ?? [],
          settings: deps.settings(),
        },
      );
      const plaintext = Buffer.from(JSON.stringify(content), 'utf8');
      let bytes: Buffer;
      try {
        bytes = await sealBackup(passphrase, await resolveKdfCost(deps.kdf), createdAt, plaintext);
      } finally {
        plaintext.fill(0);
      }
      const fingerprint = fingerprintOf(bytes);
      const names = content.instances.map((i) => `"${i.name}"`).join(', ');
      await deps.audit
        .append({
          action: 'backup.export',
          outcome: 'ok',
          subject: { kind: 'vault', name: 'backup', id: fingerprint, fingerprint },
          detail:
            `Backup of ${new Date(createdAt).toISOString()} (fingerprint ` +
            `${shortFingerprint(fingerprint)}): ${names || 'no instances'}; audit log ` +
            `${includeAudit ? 'included' : 'left out'}.`,
        })
        .catch(() => {});
      return {
        fileName: `flowise-key-vault-${day(createdAt)}.${BACKUP_EXTENSION}`,
        content: bytes.toString('base64'),
        fingerprint,
        createdAt,
        instances: content.instances.length,
      };
    },

    async preview({ content: base64, passphrase }): Promise<BackupPreview> {
      const mine = mineOf(vault); // locked: refused before the passphrase is even tried
      const { content, fingerprint } = await open(base64, passphrase);
      return {
        fingerprint,
        createdAt: content.createdAt,
        ...(content.audit === undefined ? {} : { auditRecords: content.audit.length }),
        items: previewItems(mine, content),
      };
    },

    async import({ content: base64, passphrase, resolutions }) {
      mineOf(vault);
      const { content, fingerprint } = await open(base64, passphrase);
      return apply(content, fingerprint, resolutions);
    },

    async restore({ content: base64, passphrase, password }) {
      // Opened first: a backup that cannot be used leaves no new vault behind.
      const { content, fingerprint } = await open(base64, passphrase);
      await deps.createVault(password);
      // A new vault's log starts as the backup's, when it holds one, so its chain still verifies.
      await apply(
        content,
        fingerprint,
        {},
        content.audit === undefined ? {} : { audit: { records: content.audit } },
      );
      return deps.status();
    },
  };
}
