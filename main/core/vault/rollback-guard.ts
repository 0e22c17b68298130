// The highest write counter this installation has ever seen, so that copying an older vault file
// over the current one is noticed. Kept in the non-secret state store with an HMAC keyed from the
// data key (a value lowered by hand no longer verifies), and, while keychain unlock is on, in the
// OS keychain too. A file is checked against the highest value any record shows; with no record
// that verifies, its history cannot be checked and the person decides.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

import type { AppError } from '../../../common/errors.js';
import type { Logger, SecureValueStore, StateStore } from '../ports.js';
import { rollbackError, unverifiedHistoryError } from './vault-errors.js';

export const HIGHEST_COUNTER_KEY = 'vault.highestCounter';
/** The name of the keychain entry holding the same counter. */
export const KEYCHAIN_COUNTER_NAME = 'vault.highestCounter';

const MAC_INFO = 'flowise-key-vault rollback-guard v1';

export interface CounterRecord {
  counter: number;
  /** base64 HMAC-SHA256 of the counter under a key derived from the data key. */
  mac?: string;
  /** The same under the data key a save under way is about to take, so a crash right after that
   * save (file on the new key, record not yet updated) still finds a record it can verify. */
  next?: string;
}

export interface HistoryCheck {
  /** The highest counter any record shows, verified or not (0 when none). */
  highest: number;
  /** A record that cannot have been lowered by hand (valid HMAC, or the keychain) exists. */
  verified: boolean;
}

const isCounter = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function macOf(dek: Buffer, counter: number): string {
  const key = Buffer.from(hkdfSync('sha256', dek, Buffer.alloc(0), MAC_INFO, 32));
  try {
    return createHmac('sha256', key).update(`highest-counter:${counter}`).digest('base64');
  } finally {
    key.fill(0);
  }
}

function verifies(record: CounterRecord, dek: Buffer): boolean {
  const expected = Buffer.from(macOf(dek, record.counter), 'base64');
  return [record.mac, record.next].some((mac) => {
    if (mac === undefined) return false;
    const given = Buffer.from(mac, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** Reads either shape: a bare number (written before the HMAC existed) or `{ counter, mac }`. */
export function readRecord(state: StateStore): CounterRecord | undefined {
  const value = state.get(HIGHEST_COUNTER_KEY);
  if (isCounter(value)) return { counter: value };
  if (typeof value !== 'object' || value === null) return undefined;
  const { counter, mac } = value as { counter?: unknown; mac?: unknown };
  if (!isCounter(counter)) return undefined;
  const { next } = value as { next?: unknown };
  return {
    counter,
    ...(typeof mac === 'string' ? { mac } : {}),
    ...(typeof next === 'string' ? { next } : {}),
  };
}

/**
 * Why a file may not open without an explicit yes, or undefined when it may. Right after a
 * restore the person chose, the backup may be one save behind the newest, never more.
 */
export function historyProblem(
  path: string,
  file: { counter: number; updatedAt: number },
  { highest, verified }: HistoryCheck,
  restored: boolean,
): AppError | undefined {
  const { counter, updatedAt } = file;
  if (restored && verified && counter >= highest - 1) return undefined;
  if (counter < highest) return rollbackError(path, counter, highest, updatedAt);
  return verified ? undefined : unverifiedHistoryError(path, counter, updatedAt);
}

/** Names the kind of failure without its message. */
const kindOf = (error: unknown): string => (error instanceof Error ? error.name : typeof error);

export interface RollbackGuardDeps {
  state: StateStore;
  /** Absent where no keychain store exists (tests, the harness): the state store alone. */
  secure?: SecureValueStore;
  logger: Logger;
}

export class RollbackGuard {
  /** The keychain's value as last read or written, so a save costs one keychain call. */
  private keychainKnown: number | undefined;

  constructor(private readonly deps: RollbackGuardDeps) {}

  /** The highest counter the state store shows, verified or not: only ever used to count up. */
  stateHighest(): number {
    return readRecord(this.deps.state)?.counter ?? 0;
  }

  /** Where a new vault's count starts, so a vault created after an old one is never "older". */
  async startingCounter(): Promise<number> {
    return Math.max(this.stateHighest(), (await this.keychainCounter()) ?? 0);
  }

  /** Compares nothing itself: reports what the records say, checking the HMAC with `dek`. */
  async check(dek: Buffer): Promise<HistoryCheck> {
    const record = readRecord(this.deps.state);
    const fromKeychain = await this.keychainCounter();
    const stateVerified = record !== undefined && verifies(record, dek);
    return {
      highest: Math.max(record?.counter ?? 0, fromKeychain ?? 0),
      verified: stateVerified || fromKeychain !== undefined,
    };
  }

  /** Before a save that replaces the data key: vouches for the current record under the new key
   * too, only if the current key vouches for it now. */
  prepareRekey(current: Buffer, next: Buffer): void {
    const record = readRecord(this.deps.state);
    if (record === undefined || !verifies(record, current)) return;
    this.deps.state.set(HIGHEST_COUNTER_KEY, { ...record, next: macOf(next, record.counter) });
  }

  /** Raises the records to `counter` (never lowers them); the keychain only when asked. */
  async record(counter: number, dek: Buffer, keychain: boolean): Promise<void> {
    const current = readRecord(this.deps.state);
    const stale =
      current === undefined ||
      counter > current.counter ||
      (counter === current.counter && !verifies(current, dek));
    if (stale) this.deps.state.set(HIGHEST_COUNTER_KEY, { counter, mac: macOf(dek, counter) });
    const secure = this.deps.secure;
    if (!keychain || secure === undefined) return;
    try {
      const known = this.keychainKnown ?? (await this.keychainCounter());
      if (known !== undefined && counter <= known) return;
      await secure.set(KEYCHAIN_COUNTER_NAME, String(counter));
      this.keychainKnown = counter;
    } catch (error) {
      this.deps.logger.warn('rollback guard: keychain not updated, state file only', {
        kind: kindOf(error),
      });
    }
  }

  private async keychainCounter(): Promise<number | undefined> {
    const secure = this.deps.secure;
    if (secure === undefined) return undefined;
    try {
      const text = await secure.get(KEYCHAIN_COUNTER_NAME);
      const value = text === null ? NaN : Number(text);
      this.keychainKnown = isCounter(value) ? value : undefined;
      return this.keychainKnown;
    } catch (error) {
      this.deps.logger.info('rollback guard: keychain not readable, state file only', {
        kind: kindOf(error),
      });
      return undefined;
    }
  }
}
