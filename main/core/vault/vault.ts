// The encrypted vault: one file, a data key (DEK) wrapped by the master password (and optionally
// by the OS keychain), named sections of JSON inside. File layout: vault-format.ts.
import type { z } from 'zod';

import type { VaultGeneration, VaultStatus } from '../../../common/ipc/schemas/vault.js';
import type {
  Clock,
  KeyProtector,
  Logger,
  SecureValueStore,
  StateStore,
  VaultFileStore,
} from '../ports.js';
import { randomKey } from './aead.js';
import { resolveKdfCost } from './kdf.js';
import { RollbackGuard } from './rollback-guard.js';
import { SerialQueue } from './serial-queue.js';
import { adoptSession } from './vault-adopt.js';
import { catchUp } from './vault-catch-up.js';
import { listGenerations, putGenerationInPlace } from './vault-generations.js';
import {
  assertStrongPassword,
  corruptError,
  existsError,
  keychainOffError,
  noBackupError,
  keychainFailedError,
  keychainUnavailableError,
  leftoversError,
  lockedError,
  wrongPasswordError,
} from './vault-errors.js';
import type { VaultFile } from './vault-format.js';
import {
  adoptKey,
  availabilityOf,
  keychainWrap,
  sameKey,
  unwrapWithPassword,
  wrapWithPassword,
} from './vault-keys.js';
import { checkKdf, raiseKdfCost, replaceDataKey } from './vault-rekey.js';
import type { RekeyContext } from './vault-rekey.js';
import { persist, requireLive } from './vault-save.js';
import { newSession, parseSection, revisionOf, withSections } from './vault-session.js';
import type { AdoptOptions, OpenSession } from './vault-session.js';
import { readVaultFile } from './vault-open.js';
import { vaultStatus } from './vault-status.js';

export interface KdfPolicy {
  /** Fixed Argon2id cost. Only tests and the harness set it; the app calibrates. */
  params?: { memoryKiB: number; iterations: number; parallelism: number };
}

export interface VaultDeps {
  files: VaultFileStore;
  protector: KeyProtector;
  state: StateStore;
  /** The OS keychain's small-value store, for a second copy of the rollback counter. */
  secure?: SecureValueStore;
  clock: Clock;
  logger: Logger;
  kdf?: KdfPolicy;
  /** How many automatic local backups to keep (the setting); none without it. */
  keepGenerations?: () => number;
}

export class Vault {
  private session: OpenSession | undefined;
  private readonly queue = new SerialQueue();
  /** Counts lock() calls, so an unlock that was in flight when the app locked does not win. */
  private locks = 0;
  private restoredBackup = false;
  /** Start-up notices are shown until the vault has been opened once in this run. */
  private openedOnce = false;
  private readonly guard: RollbackGuard;
  private lockedItselfListener: (() => void) | undefined;

  /** What the saves and key rewraps in vault-save.ts and vault-rekey.ts need of this vault. */
  private readonly ctx: RekeyContext;

  constructor(private readonly deps: VaultDeps) {
    this.guard = new RollbackGuard(deps);
    this.ctx = {
      deps,
      guard: this.guard,
      isLive: (session) => this.isLive(session),
      replaceSession: this.replaceSession.bind(this),
      saving: (job) => this.saving(job),
    };
  }

  get isUnlocked(): boolean {
    return this.session !== undefined;
  }

  async status(): Promise<Omit<VaultStatus, 'lastLockReason'>> {
    const session = this.session;
    return vaultStatus({
      ...this.deps,
      ...(session === undefined
        ? {}
        : { open: { header: session.header, unlockedAt: session.unlockedAt } }),
      showNotices: !this.openedOnce,
    });
  }

  /** Called just before the vault locks itself rather than overwrite what another process saved
   * (its session then locks with a reason the window shows). */
  onLockedItself(listener: () => void): void {
    this.lockedItselfListener = listener;
  }

  /** With earlier files (a backup, damaged copies) next to the missing vault, creating needs
   * `replaceLeftovers`; they are then moved into a dated folder, never deleted or overwritten. */
  create(password: string, options: { replaceLeftovers?: boolean } = {}): Promise<void> {
    const locks = this.locks;
    // Under the file lock from the first look: two processes creating at once make one vault.
    return this.exclusive(async () => {
      const { files, clock, logger } = this.deps;
      if ((await files.read()) !== null) throw existsError(files.path);
      const leftovers = await files.leftovers();
      if (leftovers.length > 0 && options.replaceLeftovers !== true)
        throw leftoversError(files.path, leftovers);
      assertStrongPassword(password);
      const cost = await resolveKdfCost(this.deps.kdf?.params);
      const dek = randomKey();
      try {
        const { header, session } = newSession(dek, {
          // A vault created after an old one was deleted continues its count: no false rollback.
          counter: await this.guard.startingCounter(),
          wrap: await wrapWithPassword(password, cost, dek),
          now: clock.now(),
        });
        if (leftovers.length > 0) {
          await files.setAsideLeftovers();
          logger.warn('earlier vault files moved aside before creating', {
            files: leftovers.length,
          });
        }
        this.replaceSession(session);
        await persist(this.ctx, session, header, session.sections);
        this.openedOnce = true;
        logger.info('vault created', { counter: session.counter, iterations: cost.iterations });
        if (this.locks !== locks) this.lock(); // created, but a lock arrived meanwhile
      } catch (error) {
        if (this.session?.dek === dek) this.lock();
        dek.fill(0);
        throw error;
      }
    });
  }

  async unlock(password: string, options: { allowRollback?: boolean } = {}): Promise<void> {
    const locks = this.locks;
    const belowPolicy = await this.queue.run(async () => {
      const file = await readVaultFile(this.deps.files, () => this.hasBackup());
      const below = await checkKdf(this.deps, file, () => this.hasBackup());
      const unwrapped = await unwrapWithPassword(password, file.header);
      if (!unwrapped.ok) {
        if (unwrapped.why === 'wrong') throw wrongPasswordError(this.deps.files.path);
        throw corruptError(this.deps.files.path, 'unusable-kdf', await this.hasBackup());
      }
      await this.adopt(file, unwrapped.dek, {
        via: 'password',
        allowRollback: options.allowRollback === true,
        locks,
      });
      return below;
    });
    const session = this.session;
    if (belowPolicy && session !== undefined)
      await raiseKdfCost(this.ctx, session.header.kdf, password);
  }

  unlockWithKeychain(): Promise<void> {
    const locks = this.locks;
    return this.queue.run(async () => {
      const { files, protector } = this.deps;
      const file = await readVaultFile(this.deps.files, () => this.hasBackup());
      // No password here to redo the wrap: the next password unlock does.
      await checkKdf(this.deps, file, () => this.hasBackup());
      const blob = file.header.keychainWrap;
      if (blob === undefined) throw keychainOffError(files.path);
      const availability = await availabilityOf(protector);
      if (!availability.available)
        throw keychainUnavailableError(availability.backend, availability.reason);
      const raw = await protector.unprotect(Buffer.from(blob, 'base64')).catch(() => undefined);
      if (raw === undefined)
        throw keychainUnavailableError(availability.backend, 'It refused to unlock.');
      const dek = adoptKey(raw);
      if (dek === undefined) throw keychainFailedError(files.path);
      await this.adopt(file, dek, { via: 'keychain', allowRollback: false, locks });
    });
  }

  lock(): void {
    this.locks++;
    this.drop();
  }

  /** Resolves once every job queued so far (a save under way included) has ended, so a quit never
   * leaves a write to the data folder running behind it. */
  settled(): Promise<void> {
    return this.queue.run(() => Promise.resolve());
  }

  /** A fresh data key, not a re-wrap of the old one: an old copy of the file (a backup, sync
   * history, a .damaged-* file) and the old password then open nothing written from now on. */
  changePassword(current: string, next: string): Promise<void> {
    return this.saving(async (session) => {
      assertStrongPassword(next);
      await this.checkPassword(session, current);
      const keychain = session.header.keychainWrap !== undefined;
      await replaceDataKey(this.ctx, session, next, keychain);
      this.deps.logger.info('vault password changed, data key replaced');
    });
  }

  restoreBackup(): Promise<void> {
    this.lock();
    return this.exclusive(async () => {
      const { files, logger } = this.deps;
      if (!(await this.hasBackup())) throw noBackupError(files.path);
      const damaged = await files.restoreBackup();
      this.restoredBackup = true;
      logger.warn('vault restored from backup', { keptDamagedCopy: damaged !== '' });
    });
  }

  /** Both directions need the master password: on, because anyone at this OS account can then
   * open the vault; off, because the keychain keeps the old data key whatever we ask of it, so a
   * fresh key is made and wrapped with the password alone. */
  setKeychainUnlock(enabled: boolean, password: string): Promise<void> {
    return this.saving(async (session) => {
      await this.checkPassword(session, password);
      const { keychainWrap: existing, ...rest } = session.header;
      if (!enabled) {
        if (existing === undefined) return;
        await replaceDataKey(this.ctx, session, password, false);
        this.deps.logger.info('vault keychain unlock turned off, data key replaced');
        return;
      }
      const availability = await availabilityOf(this.deps.protector);
      if (!availability.available)
        throw keychainUnavailableError(availability.backend, availability.reason);
      requireLive(this.ctx, session);
      const wrap = await keychainWrap(this.deps.protector, session.dek);
      await persist(this.ctx, session, { ...rest, keychainWrap: wrap }, session.sections);
      this.deps.logger.info('vault keychain unlock turned on', { counter: session.counter });
    });
  }

  /** When the open session began; undefined while locked. */
  get unlockedAt(): number | undefined {
    return this.session?.unlockedAt;
  }

  /** Re-checks the master password of the open vault (before copying a secret, say). */
  verifyPassword(password: string): Promise<void> {
    return this.checkPassword(this.requireSession(), password);
  }

  /** The same object until a section changes (here or in another process's save) or a lock. */
  revision(): object {
    return revisionOf(this.requireSession().sections);
  }

  readSection<T>(name: string, schema: z.ZodType<T>): T | undefined {
    return parseSection(this.requireSession().sections, name, schema, this.deps.files.path);
  }

  /** The automatic local backups, newest first: save numbers and dates, which every file's
   * header shows in the clear anyway. */
  generations(): Promise<VaultGeneration[]> {
    return listGenerations(this.deps.files);
  }

  /** Puts an automatic backup in place of the vault (the current file becomes the .bak, and stays
   * among the backups) and locks: the next unlock meets it as an older file and asks first. */
  restoreGeneration(id: string): Promise<VaultGeneration> {
    // Asked for while unlocked (vault-methods.ts checks), but the session locks before this runs.
    return this.exclusive(() => putGenerationInPlace(this.deps, id, this.lock.bind(this)));
  }

  /** Replaces one section. Any other process's saves are loaded first, so their sections stay;
   * a read-modify-write of a section belongs inside `transact`. */
  writeSection(name: string, value: unknown): Promise<void> {
    return this.writeSections({ [name]: value });
  }

  /** Several sections in one save, so the file holds all of the changes or none of them. */
  writeSections(values: Readonly<Record<string, unknown>>): Promise<void> {
    return this.saving(async (session) => {
      await persist(this.ctx, session, session.header, withSections(session.sections, values));
    });
  }

  /**
   * Runs `job` holding the vault file's lock, after loading what any other process (the app, the
   * fkv command line) saved since: reads inside see the newest data and no other process saves
   * until `job` ends, so a read-modify-write made inside never drops another process's change.
   */
  transact<T>(job: () => Promise<T>): Promise<T> {
    return this.deps.files.exclusive(async () => {
      await this.queue.run(() => this.catchUp(this.requireSession()));
      return job();
    });
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────

  /** The file lock first, then this vault's queue: always in that order, so neither waits on the
   * other (a transaction holds the lock while its saves go through the queue). */
  private exclusive<T>(job: () => Promise<T>): Promise<T> {
    return this.deps.files.exclusive(() => this.queue.run(job));
  }

  /** A change of the open vault: under the file lock, on the newest generation on disk. */
  private saving<T>(job: (session: OpenSession) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const session = this.requireSession();
      await this.catchUp(session);
      return job(session);
    });
  }

  private async catchUp(session: OpenSession): Promise<void> {
    const hasBackup = () => this.hasBackup();
    const result = await catchUp(session, { ...this.deps, guard: this.guard, hasBackup });
    if (!result.ok) {
      // Listener first: the session locks with its reason while the vault is still open.
      if (result.lock && this.session !== undefined) this.lockedItselfListener?.();
      if (result.lock) this.lock();
      throw result.error;
    }
    if (result.reloaded === undefined) return;
    requireLive(this.ctx, session);
    Object.assign(session, result.reloaded);
  }

  private requireSession(): OpenSession {
    if (this.session === undefined) throw lockedError();
    return this.session;
  }

  private isLive(session: OpenSession): boolean {
    return this.session === session;
  }

  /** The password opens the open vault's own wrap, to the same key (not just some key). */
  private async checkPassword(session: OpenSession, password: string): Promise<void> {
    const check = await unwrapWithPassword(password, session.header);
    if (!check.ok) throw wrongPasswordError(this.deps.files.path);
    const same = this.isLive(session) && sameKey(check.dek, session.dek);
    check.dek.fill(0);
    if (!same)
      throw this.isLive(session) ? wrongPasswordError(this.deps.files.path) : lockedError();
  }

  private drop(): void {
    const session = this.session;
    if (session === undefined) return;
    this.session = undefined;
    session.dek.fill(0);
    session.sections = new Map();
  }

  private replaceSession(next: OpenSession): void {
    if (this.session?.dek !== next.dek) this.drop();
    this.session = next;
  }

  private async hasBackup(): Promise<boolean> {
    return (await this.deps.files.readBackup().catch(() => null)) !== null;
  }

  /** Makes the unwrapped DEK's session (vault-adopt.ts) the open one; wiped on refusal. */
  private async adopt(file: VaultFile, dek: Buffer, how: AdoptOptions): Promise<void> {
    const session = await adoptSession(
      {
        deps: this.deps,
        guard: this.guard,
        hasBackup: () => this.hasBackup(),
        restoredBackup: () => this.restoredBackup,
        locks: () => this.locks,
      },
      file,
      dek,
      how,
    );
    this.restoredBackup = false;
    this.openedOnce = true;
    this.replaceSession(session);
  }
}
