// The key buffers the core was handed (register.ts says how), and at the process's very end a
// report of each to FKV_ZERO_REPORT: whether it held key material once and whether it is all
// zeros now. These are references to the buffers the core itself used, not copies or flags.
import { writeFileSync } from 'node:fs';

export interface HeldReport {
  what: string;
  /** Not all zeros when handed over: a key was really there. */
  wasSet: boolean;
  /** All zeros at exit. */
  zero: boolean;
}

const kept: { what: string; buffer: Buffer; wasSet: boolean }[] = [];
const allZero = (buffer: Buffer): boolean => buffer.every((byte) => byte === 0);

export function held(what: string, buffer: Buffer): Buffer {
  kept.push({ what, buffer, wasSet: !allZero(buffer) });
  return buffer;
}

process.on('exit', () => {
  const path = process.env['FKV_ZERO_REPORT'];
  if (path === undefined) return;
  const report: HeldReport[] = kept.map(({ what, buffer, wasSet }) => ({
    what,
    wasSet,
    zero: allZero(buffer),
  }));
  writeFileSync(path, JSON.stringify(report));
});
