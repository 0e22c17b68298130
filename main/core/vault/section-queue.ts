// Read-modify-writes of a vault section: one at a time in this process, and each on the newest
// generation under the file's lock, so neither another job here nor another process (the app and
// the fkv command line share the vault) loses an update.
import { SerialQueue } from './serial-queue.js';
import type { Vault } from './vault.js';

export type SectionQueue = <T>(job: () => Promise<T>) => Promise<T>;

export function sectionQueue(vault: Pick<Vault, 'transact'>): SectionQueue {
  const queue = new SerialQueue();
  return (job) => queue.run(() => vault.transact(job));
}
