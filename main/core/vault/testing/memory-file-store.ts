// A VaultFileStore in memory for unit tests: same contract as the node store, inspectable bytes.
import { AppError } from '../../../../common/errors.js';
import type { VaultFileStore } from '../../ports.js';
import { reentrantLock } from '../reentrant-lock.js';

export class MemoryVaultFileStore implements VaultFileStore {
  readonly path = '/vaults/test/vault.fkv';
  readonly backupPath = '/vaults/test/vault.fkv.bak';
  file: Uint8Array | null = null;
  backup: Uint8Array | null = null;
  readonly damaged: Uint8Array[] = [];
  writes = 0;
  /** Two Vaults over one store act as two processes sharing the file and its lock. */
  private readonly lock = reentrantLock(() => Promise.resolve(() => Promise.resolve()));

  exclusive<T>(job: () => Promise<T>): Promise<T> {
    return this.lock.run(job);
  }

  /** The automatic backups by id (the counter, as the node store names them). */
  readonly kept = new Map<string, Uint8Array>();

  keepGeneration(data: Uint8Array, counter: number, keep: number): Promise<void> {
    if (keep > 0) this.kept.set(`${String(counter).padStart(15, '0')}.fkv`, Uint8Array.from(data));
    const ids = [...this.kept.keys()].sort().reverse();
    for (const old of ids.slice(keep)) this.kept.delete(old);
    return Promise.resolve();
  }

  generations(): Promise<string[]> {
    return Promise.resolve([...this.kept.keys()].sort().reverse());
  }

  readGeneration(id: string): Promise<Uint8Array | null> {
    const found = this.kept.get(id);
    return Promise.resolve(found === undefined ? null : Uint8Array.from(found));
  }

  read(): Promise<Uint8Array | null> {
    return Promise.resolve(this.file === null ? null : Uint8Array.from(this.file));
  }

  readBackup(): Promise<Uint8Array | null> {
    return Promise.resolve(this.backup === null ? null : Uint8Array.from(this.backup));
  }

  write(data: Uint8Array): Promise<void> {
    if (this.file !== null) this.backup = this.file;
    this.file = Uint8Array.from(data);
    this.writes++;
    return Promise.resolve();
  }

  restoreBackup(): Promise<string> {
    if (this.backup === null) return Promise.reject(new AppError('no_backup', 'no backup'));
    if (this.file !== null) this.damaged.push(this.file);
    this.file = Uint8Array.from(this.backup);
    return Promise.resolve(`${this.path}.damaged-${this.damaged.length}`);
  }

  /** Files moved aside by setAsideLeftovers, by the folder they went to. */
  readonly setAside = new Map<string, { backup: Uint8Array | null; damaged: Uint8Array[] }>();

  leftovers(): Promise<string[]> {
    const names = [
      ...(this.backup === null ? [] : [this.backupPath]),
      ...this.damaged.map((_, i) => `${this.path}.damaged-${i + 1}`),
    ];
    return Promise.resolve(names);
  }

  async setAsideLeftovers(): Promise<string> {
    if ((await this.leftovers()).length === 0) return '';
    const folder = `/vaults/test/set-aside-${this.setAside.size + 1}`;
    this.setAside.set(folder, { backup: this.backup, damaged: this.damaged.splice(0) });
    this.backup = null;
    return folder;
  }
}
