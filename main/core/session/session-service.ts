// Owns "is the vault open right now": unlocking arms the idle timer, every lock path (button,
// idle, screen, sleep, quit) goes through lock(), which drops key material and tells the renderer.
import type { LockReason } from '../../../common/ipc/schemas/vault.js';
import type { EventSink, Logger } from '../ports.js';
import type { AutoLock } from './auto-lock.js';
import type { Vault } from '../vault/vault.js';

export interface SessionService {
  unlocked(): void;
  lock(reason: LockReason): void;
  activity(): void;
  readonly lastLockReason: LockReason | undefined;
  /** Runs on every lock, before the renderer hears of it (e.g. to clear the clipboard). */
  onLock(hook: (reason: LockReason) => void): void;
  /** After each unlock (the vault is open). */
  onUnlock(hook: () => void): void;
  dispose(): void;
}

export interface SessionDeps {
  vault: Vault;
  events: EventSink;
  logger: Logger;
  autoLock: (onIdle: () => void) => AutoLock;
}

export function createSessionService({
  vault,
  events,
  logger,
  autoLock,
}: SessionDeps): SessionService {
  let lastLockReason: LockReason | undefined = 'startup';
  const timer = autoLock(() => {
    lock('idle');
  });
  const onLock: ((reason: LockReason) => void)[] = [];
  const onUnlock: (() => void)[] = [];
  vault.onLockedItself(() => {
    lock('elsewhere');
  });

  function lock(reason: LockReason): void {
    timer.stop();
    const wasUnlocked = vault.isUnlocked;
    // Always, even when nothing is open yet: an unlock, create or keychain unlock still running its
    // key derivation (or waiting on a keychain prompt) sees the lock and ends locked.
    vault.lock();
    if (!wasUnlocked) return;
    for (const hook of onLock) hook(reason);
    lastLockReason = reason;
    logger.info('vault locked', { reason });
    events.emit('vault.locked', { reason });
  }

  return {
    unlocked() {
      // A lock may have landed between the vault opening and this call: it stays the last word.
      if (!vault.isUnlocked) return;
      lastLockReason = undefined;
      timer.touch();
      logger.info('vault unlocked');
      for (const hook of onUnlock) hook();
      events.emit('vault.unlocked', {});
    },
    lock,
    activity() {
      if (vault.isUnlocked) timer.touch();
    },
    get lastLockReason() {
      return lastLockReason;
    },
    onLock(hook) {
      onLock.push(hook);
    },
    onUnlock(hook) {
      onUnlock.push(hook);
    },
    dispose() {
      timer.stop();
    },
  };
}
