// The automatic local backups as the vault sees them: which generations are kept (their save
// number and date, read from each file's header), and the file of one, checked before it is put in
// place of the vault.
import { AppError } from '../../../common/errors.js';
import type { VaultGeneration } from '../../../common/ipc/schemas/vault.js';
import type { Logger, VaultFileStore } from '../ports.js';
import { corruptError } from './vault-errors.js';
import { decodeVaultFile } from './vault-format.js';

/** Newest first; a file that does not decode is left out (it cannot be restored anyway). */
export async function listGenerations(files: VaultFileStore): Promise<VaultGeneration[]> {
  const found: VaultGeneration[] = [];
  for (const id of await files.generations()) {
    const bytes = await files.readGeneration(id);
    if (bytes === null) continue;
    const decoded = decodeVaultFile(bytes);
    if (!decoded.ok) continue;
    const { counter, updatedAt } = decoded.file.header;
    found.push({ id, counter, savedAt: updatedAt });
  }
  return found;
}

/** The generation's bytes and what it is, or the error that says why it cannot be restored. */
export async function readGeneration(
  files: VaultFileStore,
  id: string,
): Promise<{ bytes: Uint8Array; generation: VaultGeneration }> {
  const bytes = await files.readGeneration(id);
  if (bytes === null)
    throw new AppError('not_found', 'That automatic backup is no longer there.', { id });
  const decoded = decodeVaultFile(bytes);
  if (!decoded.ok) throw corruptError(`${files.path} (backup ${id})`, 'bad-header', false);
  const { counter, updatedAt } = decoded.file.header;
  return { bytes, generation: { id, counter, savedAt: updatedAt } };
}

/** Keeps the file just saved among the backups; one that could not be kept never fails the save.
 * `atMost` lowers the setting for this save (a new data key keeps none of the older ones). */
export async function keepGeneration(
  deps: { files: VaultFileStore; logger: Logger; keepGenerations?: () => number },
  bytes: Uint8Array,
  counter: number,
  atMost?: number,
): Promise<void> {
  const setting = deps.keepGenerations?.() ?? 0;
  const keep = atMost === undefined ? setting : Math.min(setting, atMost);
  await deps.files.keepGeneration(bytes, counter, keep).catch(() => {
    deps.logger.warn('automatic backup not kept', { counter });
  });
}

/** Holding the file lock: checks the backup, calls `beforeWrite` (the vault locks), then writes it
 * in place; the file it replaces becomes the .bak and stays among the backups. */
export async function putGenerationInPlace(
  deps: { files: VaultFileStore; logger: Logger },
  id: string,
  beforeWrite: () => void,
): Promise<VaultGeneration> {
  const { bytes, generation } = await readGeneration(deps.files, id);
  beforeWrite();
  await deps.files.write(bytes);
  deps.logger.warn('vault restored from an automatic backup', { counter: generation.counter });
  return generation;
}
