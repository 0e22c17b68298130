// The automatic local backups on disk: each save's file, as written, kept in `<file>.generations/`
// next to the vault under its counter (`000000000000042.fkv`), the newest `keep` of them. Each is
// the vault file of that generation, so it is sealed exactly as the vault was.
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
const NAME = /^\d{15}\.fkv$/;

const code = (error: unknown): unknown => (error as NodeJS.ErrnoException | null)?.code;

export const generationId = (counter: number): string => `${String(counter).padStart(15, '0')}.fkv`;

/** Only names this module makes: an id from elsewhere can never point outside the folder. */
export const isGenerationId = (id: string): boolean => NAME.test(id);

export interface GenerationFiles {
  keep(data: Uint8Array, counter: number, keep: number): Promise<void>;
  /** Newest first. */
  list(): Promise<string[]>;
  read(id: string): Promise<Uint8Array | null>;
}

export function generationFiles(folder: string): GenerationFiles {
  async function list(): Promise<string[]> {
    try {
      return (await readdir(folder)).filter(isGenerationId).sort().reverse();
    } catch (error) {
      if (code(error) === 'ENOENT') return [];
      throw error;
    }
  }
  return {
    list,
    async keep(data, counter, keep) {
      if (keep > 0) {
        await mkdir(folder, { recursive: true, mode: DIR_MODE });
        const id = generationId(counter);
        // Not fsynced: the vault file itself already is; a backup lost to a power cut is the one
        // the vault still holds.
        await writeFile(join(folder, `${id}.tmp`), data, { mode: FILE_MODE });
        await rename(join(folder, `${id}.tmp`), join(folder, id));
      }
      for (const old of (await list()).slice(keep)) {
        await unlink(join(folder, old)).catch((error: unknown) => {
          if (code(error) !== 'ENOENT') throw error;
        });
      }
    },
    async read(id) {
      if (!isGenerationId(id)) return null;
      try {
        return await readFile(join(folder, id));
      } catch (error) {
        if (code(error) === 'ENOENT') return null;
        throw error;
      }
    },
  };
}
