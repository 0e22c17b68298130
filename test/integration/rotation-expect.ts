// What every rotation test checks on the fake Flowise afterwards: nobody locked out, one
// replacement at most, the old key deleted exactly once (or, after a rollback, never).
import { expect } from 'vitest';

import type { RotationView } from '../../common/ipc/schemas/rotation.js';
import type { FakeFlowise } from '../fakes/fake-flowise.js';
import type { FakeKey } from '../fakes/fake-flowise-state.js';
import type { CrashPoint, RotationFixture } from './rotation-fixture.js';

/** No flow may be bound to a key the server no longer has. */
export function expectNoLockedOutFlow(flowise: FakeFlowise): void {
  const keys = new Set(flowise.state.keys.keys());
  const locked = [...flowise.state.chatflows.values()].filter(
    (f) => f.apikeyid !== null && f.apikeyid !== '' && !keys.has(f.apikeyid),
  );
  expect(locked.map((f) => f.name)).toEqual([]);
}

/** DELETE requests the fake received for a key. */
export function deletesOf(flowise: FakeFlowise, keyId: string): number {
  return flowise.log.filter((r) => r.method === 'DELETE' && r.url === `/api/v1/apikey/${keyId}`)
    .length;
}

/** The keys on the server named like the replacement, or with its id once it took the old
 * key's name after revoke. */
export function replacements(
  flowise: FakeFlowise,
  view: Pick<RotationView, 'newKeyName'> & Partial<Pick<RotationView, 'newKey'>>,
) {
  return [...flowise.state.keys.values()].filter(
    (k) => k.keyName === view.newKeyName || (view.newKey !== undefined && k.id === view.newKey.id),
  );
}

/** The rotation ended well: one replacement holding `value`, every flow that was on the old key
 * now on it, the old key gone after `deletes` DELETE requests, nobody locked out. */
export function expectRotated(
  flowise: FakeFlowise,
  view: RotationView,
  old: FakeKey,
  value: string,
  deletes: number,
): void {
  expect(view.status).toBe('done');
  const fresh = replacements(flowise, view);
  expect(fresh).toHaveLength(1);
  expect(fresh[0]?.apiKey).toBe(value);
  expect(flowise.state.keys.has(old.id)).toBe(false);
  expect(deletesOf(flowise, old.id)).toBe(deletes);
  const moved = view.flows.map((f) => flowise.state.chatflows.get(f.id)?.apikeyid);
  expect(moved).toEqual(view.flows.map(() => fresh[0]?.id));
  expectNoLockedOutFlow(flowise);
}

/** Rolled back: no replacement left, the old key kept and never deleted, its flows back on it. */
export function expectRolledBack(flowise: FakeFlowise, view: RotationView, old: FakeKey): void {
  expect(view.status).toBe('rolled_back');
  expect(replacements(flowise, view)).toHaveLength(0);
  expect(flowise.state.keys.has(old.id)).toBe(true);
  expect(deletesOf(flowise, old.id)).toBe(0);
  const back = view.flows.map((f) => flowise.state.chatflows.get(f.id)?.apikeyid);
  expect(back).toEqual(view.flows.map(() => old.id));
  expectNoLockedOutFlow(flowise);
}

/** A crash point as a test name. */
export const crashLabel = (c: CrashPoint): string =>
  `${c.point}${c.nth === undefined ? '' : ` #${String(c.nth)}`}`;

/** Plays the crash during `call`, checks what the dead core left (`dead`, after the shared
 * lock-out check), restarts on the same vault, runs `restarted`, and returns the one rotation
 * left unfinished. */
export async function crashAndRestart(
  f: RotationFixture,
  crash: CrashPoint,
  call: () => Promise<unknown>,
  checks: { dead?: () => void; restarted?: () => Promise<void> } = {},
): Promise<RotationView> {
  f.crashAt(crash);
  await call().catch(() => undefined);
  expect(f.points).toContain(crash.point);
  expectNoLockedOutFlow(f.flowise);
  checks.dead?.();
  await f.restart();
  await checks.restarted?.();
  const open = (await f.api.rotation.list()).rotations.filter((r) => r.unfinished);
  expect(open).toHaveLength(1);
  return open[0] as RotationView;
}
