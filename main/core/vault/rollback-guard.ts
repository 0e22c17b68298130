// The highest write counter this installation has ever seen, so that copying an older vault file
// over the current one is noticed. Kept in the non-secret state store with an HMAC keyed from the
// data key (a value lowered by hand no longer verifies), and, while keychain unlock is on, in the
// OS keychain too, with the same HMAC. A file is checked against the highest value the records
// show; with no record that verifies, its history cannot be checked and the person decides.
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
  return parseRecord(state.get(HIGHEST_COUNTER_KEY));
}

function parseRecord(value: unknown): CounterRecord | undefined {
  if (isCounter(value)) return { counter: value };
  if (typeof value !== 'object' || value === null) return undefined;
  const { counter, mac, next } = value as { counter?: unknown; mac?: unknown; next?: unknown };
  if (!isCounter(counter)) return undefined;
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
  /** The keychain's verified counter as last read or written, so a save costs one keychain call
   * and never lowers it. */
  private keychainKnown: number | undefined;

  constructor(private readonly deps: RollbackGuardDeps) {}

  /** The highest counter the state store shows, verified or not: only ever used to count up. */
  stateHighest(): number {
    return readRecord(this.deps.state)?.counter ?? 0;
  }

  /** Where a new vault's count starts, so a vault created after an old one is never "older".
   * The keychain is not asked: its record is bound to the old vault's key and means nothing to
   * the new one. */
  startingCounter(): Promise<number> {
    return Promise.resolve(this.stateHighest());
  }

  /** What the records say about the vault whose data key is `dek`. A keychain record counts only
   * if it verifies under `dek` (an entry left by another vault is ignored); a state record that
   * does not verify still counts towards `highest`, since raising it by hand gains nothing. */
  async check(dek: Buffer): Promise<HistoryCheck> {
    const record = readRecord(this.deps.state);
    const fromKeychain = await this.readKeychain();
    const inKeychain =
      fromKeychain !== undefined && verifies(fromKeychain, dek) ? fromKeychain.counter : undefined;
    this.keychainKnown = inKeychain;
    return {
      highest: Math.max(record?.counter ?? 0, inKeychain ?? 0),
      verified: (record !== undefined && verifies(record, dek)) || inKeychain !== undefined,
    };
  }

  /** Before a save that replaces the data key: vouches for the current record under the new key
   * too, only if the current key vouches for it now. */
  prepareRekey(current: Buffer, next: Buffer): void {
    const record = readRecord(this.deps.state);
    if (record === undefined || !verifies(record, current)) return;
    this.deps.state.set(HIGHEST_COUNTER_KEY, { ...record, next: macOf(next, record.counter) });
  }

  /** Raises the records to `counter` (never lowers them); the keychain only while keychain
   * unlock is on. The HMACs are made before the first await, while `dek` is surely intact. */
  async record(counter: number, dek: Buffer, keychain: boolean): Promise<void> {
    const current = readRecord(this.deps.state);
    const stale =
      current === undefined ||
      counter > current.counter ||
      (counter === current.counter && !verifies(current, dek));
    const mac = macOf(dek, counter);
    if (stale) this.deps.state.set(HIGHEST_COUNTER_KEY, { counter, mac });
    const secure = this.deps.secure;
    if (!keychain || secure === undefined) return;
    if (this.keychainKnown !== undefined && counter <= this.keychainKnown) return;
    try {
      await secure.set(KEYCHAIN_COUNTER_NAME, JSON.stringify({ counter, mac }));
      this.keychainKnown = counter;
    } catch (error) {
      this.deps.logger.warn('rollback guard: keychain not updated, state file only', {
        kind: kindOf(error),
      });
    }
  }

  private async readKeychain(): Promise<CounterRecord | undefined> {
    const secure = this.deps.secure;
    if (secure === undefined) return undefined;
    try {
      const text = await secure.get(KEYCHAIN_COUNTER_NAME);
      if (text === null) return undefined;
      const parsed = parseRecord(JSON.parse(text));
      return parsed?.mac === undefined ? undefined : parsed;
    } catch (error) {
      this.deps.logger.info('rollback guard: keychain not readable, state file only', {
        kind: kindOf(error),
      });
      return undefined;
    }
  }
}
