// The Electron fuses every installer ships with, flipped in the binary by the afterPack hook
// before electron-builder signs it (security checklist item 4).
import type { FuseV1Config } from '@electron/fuses';
import { FuseV1Options, FuseVersion } from '@electron/fuses';

export type BuildVariant = 'release' | 'e2e';

/**
 * The switches a release must have, in the order of the fuse wire. A test fails if the hook's
 * configuration leaves any of them out or sets it the other way.
 */
export const REQUIRED_RELEASE_FUSES: readonly (readonly [FuseV1Options, boolean])[] = [
  // ELECTRON_RUN_AS_NODE would turn the signed binary into a general-purpose Node.
  [FuseV1Options.RunAsNode, false],
  // Cookies and local storage are encrypted with the OS key store.
  [FuseV1Options.EnableCookieEncryption, true],
  // NODE_OPTIONS could preload code into main before our first line runs.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable, false],
  // --inspect would hand main, and with it the unlocked vault, to a debugger.
  [FuseV1Options.EnableNodeCliInspectArguments, false],
  // An edited app.asar refuses to load (macOS and Windows check the embedded hash).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, true],
  // Without it, a loose resources/app folder beside the asar would be loaded instead.
  [FuseV1Options.OnlyLoadAppFromAsar, true],
  // We serve from app://, so file:// needs none of its legacy powers.
  [FuseV1Options.GrantFileProtocolExtraPrivileges, false],
];

/**
 * The e2e variant differs in one switch: Playwright's _electron attaches through --inspect, so
 * that build keeps the inspect fuse on (Podman Desktop's ELECTRON_ENABLE_INSPECT build does the
 * same). It is never published.
 */
export function fuseConfigFor(variant: BuildVariant): FuseV1Config {
  const config: FuseV1Config = { version: FuseVersion.V1 };
  for (const [fuse, value] of REQUIRED_RELEASE_FUSES) config[fuse] = value;
  if (variant === 'e2e') config[FuseV1Options.EnableNodeCliInspectArguments] = true;
  return config;
}

/** `FKV_ENABLE_INSPECT=true` selects the test build; anything else builds a release. */
export function variantFromEnv(env: NodeJS.ProcessEnv): BuildVariant {
  return env['FKV_ENABLE_INSPECT'] === 'true' ? 'e2e' : 'release';
}
