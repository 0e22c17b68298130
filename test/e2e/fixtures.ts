// The `app` fixture: a fresh user-data folder per test, launched through the harness in Chromium
// or as the desktop app under Electron. Specs talk to pages, never to the launcher.
// The `flowise` fixture: the run's real Flowise server (started by flowise-global-setup.ts);
// `secondFlowise`: one more of the same release, started by the first test that asks for it.
// The `secretScan` fixture, automatic: after every harness test, no secret the run handled may
// be found in its logs, DOM, console, WebSocket traffic or plain data files (secret-watch.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { Browser, Page, TestInfo } from '@playwright/test';
import { _electron, test as base } from '@playwright/test';

import type { FlowiseGeneration } from '../../main/core/flowise/generation.js';
import { startFlowise } from '../flowise/flowise-server.js';
import { knownFlowise, pickTarget, targetFromEnv } from '../flowise/flowise-target.js';
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
  {
    app: AppDriver;
    /** Another app, each call in a new user-data folder of its own (a second machine). */
    freshApp: () => Promise<AppDriver>;
    secretScan: SecretWatch;
  },
  {
    flowise: FlowiseServer;
    /** A second real server of the run's release, for moves between two servers. */
    secondFlowise: FlowiseServer;
    flowiseVersion: string | undefined;
  }
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
  secondFlowise: [
    async ({ flowise }, use) => {
      const server = await startFlowise({ version: flowise.version });
      try {
        const { url, apiKey, apiKeyId, version, generation } = await knownFlowise(
          pickTarget(server),
        );
        await use({ url, apiKey, apiKeyId, version, generation });
      } finally {
        await server.stop();
      }
    },
    // Started only for the tests that ask for it, once per worker; 10 to 20 s from the cached
    // install, up to the start timeout on a busy machine.
    { scope: 'worker', timeout: 300_000 },
  ],
  app: async ({ browser, secretScan }, use, testInfo) => {
    const launched = await launchApp(browser, secretScan, testInfo);
    try {
      await use(launched.driver);
    } finally {
      await launched.close();
    }
  },
  freshApp: async ({ browser, secretScan }, use, testInfo) => {
    const launched: Launched[] = [];
    try {
      await use(async () => {
        const app = await launchApp(browser, secretScan, testInfo);
        launched.push(app);
        return app.driver;
      });
    } finally {
      for (const app of launched.reverse()) await app.close();
    }
  },
});

interface Launched {
  driver: AppDriver;
  /** Closes the app, scans what it left in its data folder, and removes the folder. */
  close(): Promise<void>;
}

/** The app in a new user-data folder of its own, as the harness or the desktop app. */
async function launchApp(
  browser: Browser,
  secretScan: SecretWatch,
  testInfo: TestInfo,
): Promise<Launched> {
  const dataDir = await mkdtemp(join(tmpdir(), 'fkv-e2e-'));
  const removeDir = () => rm(dataDir, { recursive: true, force: true });
  try {
    if (testInfo.project.name === 'electron') {
      const executablePath = findElectronBinary();
      testInfo.skip(executablePath === undefined, NO_ELECTRON_REASON);
      const app = await _electron.launch({
        executablePath: executablePath ?? '',
        args: [resolve(import.meta.dirname, '../..'), `--user-data-dir=${dataDir}`, '--no-sandbox'],
        env: { ...process.env, FKV_USER_DATA: dataDir },
      });
      const page = await app.firstWindow();
      return {
        driver: {
          page,
          dataDir,
          harness: undefined,
          advanceClock: () => {
            testInfo.skip(true, 'Moving the clock needs the harness.');
          },
          reload: () => page.reload().then(() => undefined),
        },
        close: async () => {
          await app.close().finally(removeDir);
        },
      };
    }
    const harness = await startHarness({ dataDir, ...secretScan.harnessOptions() });
    secretScan.watchHarness(harness);
    const context = await browser.newContext();
    const page = await context.newPage();
    secretScan.watchPage(page);
    await page.goto(harness.url);
    return {
      driver: {
        page,
        dataDir,
        harness,
        advanceClock: (ms) => harness.fakeClock?.advance(ms),
        reload: async () => {
          // The bridge strips the token from the address bar, so a fresh load needs the full URL.
          await page.goto('about:blank');
          await page.goto(harness.url);
        },
      },
      close: async () => {
        try {
          await secretScan.snapshotDom(page, 'after the test');
          await context.close();
          await harness.close();
          await secretScan.readDataDir(dataDir);
        } finally {
          await removeDir();
        }
      },
    };
  } catch (error) {
    await removeDir();
    throw error;
  }
}

export { expect } from '@playwright/test';
