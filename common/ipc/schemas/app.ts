import { z } from 'zod';

export const AppInfo = z.object({
  version: z.string(),
  platform: z.string(),
  /** 'electron' in the desktop app, 'harness' in the loopback test harness, 'cli' in fkv. */
  host: z.enum(['electron', 'harness', 'cli']),
  /** false when this system gives the app no way to see the screen lock (Linux without D-Bus);
   * left out where the OS reports it or it is not yet known. */
  screenLockDetectable: z.boolean().optional(),
});
export type AppInfo = z.infer<typeof AppInfo>;
