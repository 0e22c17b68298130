import { z } from 'zod';

export const AppInfo = z.object({
  version: z.string(),
  platform: z.string(),
  /** 'electron' in the desktop app, 'harness' in the loopback test harness. */
  host: z.enum(['electron', 'harness']),
});
export type AppInfo = z.infer<typeof AppInfo>;
