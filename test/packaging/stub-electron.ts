// A stand-in for the Electron distribution electron-builder would download (it cannot be fetched
// here). It carries a real fuse wire, in Electron's factory state, so the afterPack hook flips
// fuses in it exactly as it would in the real binary and the test can read them back.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The marker @electron/fuses searches for; the wire follows it. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_WIRE_VERSION = 1;
/** Electron's defaults: RunAsNode, NODE_OPTIONS, inspect and file:// privileges on; rest off. */
const FACTORY_WIRE = '10110001';

export async function writeStubElectron(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const binary = join(dir, 'electron');
  await writeFile(
    binary,
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "stub Electron: packaging smoke test only" >&2\nexit 1\n'),
      Buffer.from(FUSE_SENTINEL),
      Buffer.from([FUSE_WIRE_VERSION, FACTORY_WIRE.length]),
      Buffer.from(FACTORY_WIRE),
    ]),
  );
  await chmod(binary, 0o755);
  return dir;
}
