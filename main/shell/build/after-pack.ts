// electron-builder's afterPack hook (electron-builder.yml). It runs after the app is copied and
// before signing, the last moment the binary may change without breaking its signature.
import type { AfterPackContext } from 'electron-builder';
import { log } from 'electron-builder';

import { fuseConfigFor, variantFromEnv } from './fuses.js';

export async function afterPack(context: AfterPackContext): Promise<void> {
  const variant = variantFromEnv(process.env);
  if (variant === 'e2e') log.warn('test build: the inspect fuse stays on; never publish it');
  // Through the packager, so the binary's name and place follow each platform's layout.
  const flipped = await context.packager.addElectronFuses(context, fuseConfigFor(variant));
  if (flipped < 1) throw new Error('No fuse wire found in the Electron binary');
}
