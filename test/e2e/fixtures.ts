// The `app` fixture: a fresh user-data folder per test, launched through the harness in Chromium
// or as the desktop app under Electron. Specs talk to pages, never to the launcher.
// The `flowise` fixture: the run's real Flowise server (started by flowise-global-setup.ts).
// The `secretScan` fixture, automatic: after every harness test, no secret the run handled may
// be found in its logs, DOM, console, WebSocket traffic or plain data files (secret-watch.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { Page } from '@playwright/test';
import { _electron, test as base } from '@playwright/test';

import type { FlowiseGeneration } from '../../main/core/flowise/generation.js';
import { knownFlowise, targetFromEnv } from '../flowise/flowise-target.js';
import type { Harness } from '../harness/harness-server.js';
import { startHarness } from '../harness/harness-server.js';
import { describeHits } from '../harness/secret-scan.js';
import { findElectronBinary, NO_ELECTRON_REASON } from './electron-binary.js';
import { SecretWatch } from './secret-watch.js';

export interface AppDriver {
  page: Page;
  dataDir: string;
  /** Only the harness can move time; Electron specs that need it skip. */
  harness: Harness | undefined;
  advanceClock(ms: number): void;
  /** Restart the page against the same data folder, as a relaunch would. */
  reload(): Promise<void>;
}

export interface FlowiseServer {
  url: string;
  /** Holds every permission an API key may hold (before 3.0.13: full access). */
  apiKey: string;
  apiKeyId: string;
  version: string;
  generation: FlowiseGeneration;
}

export const test = base.extend<
  { app: AppDriver; secretScan: SecretWatch },
  { flowise: FlowiseServer; flowiseVersion: string | undefined }
>({
  // Set by the per-release projects (playwright.config.ts); undefined: the run's own server.
  flowiseVersion: [undefined, { option: true, scope: 'worker' }],
  secretScan: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this pattern.
    async ({}, use, testInfo) => {
      const watch = new SecretWatch();
      await use(watch);
      const { hits, places } = watch.scan();
      testInfo.annotations.push({
        type: 'secret scan',
        description: `${String(watch.secrets.size)} secrets, ${String(places)} places, ${String(hits.length)} hits`,
      });
      if (hits.length > 0) throw new Error(describeHits(hits, watch.secrets.size));
    },
    { auto: true },
  ],
  flowise: [
    async ({ flowiseVersion }, use) => {
      const target = targetFromEnv(process.env, flowiseVersion);
      if (target === undefined) {
        throw new Error('No Flowise server: run through test/e2e/playwright.config.ts.');
      }
      const { url, apiKey, apiKeyId, version, generation } = await knownFlowise(target);
      await use({ url, apiKey, apiKeyId, version, generation });
    },
    { scope: 'worker' },
  ],
  app: async ({ browser, secretScan }, use, testInfo) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'fkv-e2e-'));
    try {
      if (testInfo.project.name === 'electron') {
        const executablePath = findElectronBinary();
        testInfo.skip(executablePath === undefined, NO_ELECTRON_REASON);
        const app = await _electron.launch({
          executablePath: executablePath ?? '',
          args: [
            resolve(import.meta.dirname, '../..'),
            `--user-data-dir=${dataDir}`,
            '--no-sandbox',
          ],
          env: { ...process.env, FKV_USER_DATA: dataDir },
        });
        const page = await app.firstWindow();
        await use({
          page,
          dataDir,
          harness: undefined,
          advanceClock: () => {
            testInfo.skip(true, 'Moving the clock needs the harness.');
          },
          reload: () => page.reload().then(() => undefined),
        });
        await app.close();
        return;
      }
      const harness = await startHarness({ dataDir, ...secretScan.harnessOptions() });
      secretScan.watchHarness(harness);
      const context = await browser.newContext();
      const page = await context.newPage();
      secretScan.watchPage(page);
      await page.goto(harness.url);
      await use({
        page,
        dataDir,
        harness,
        advanceClock: (ms) => harness.fakeClock?.advance(ms),
        reload: async () => {
          // The bridge strips the token from the address bar, so a fresh load needs the full URL.
          await page.goto('about:blank');
          await page.goto(harness.url);
        },
      });
      await secretScan.snapshotDom(page, 'after the test');
      await context.close();
      await harness.close();
      await secretScan.readDataDir(dataDir);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';
