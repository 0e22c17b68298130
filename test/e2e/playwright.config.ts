// Two launchers, one set of specs (VS Code's model): 'harness' drives the real renderer in Debian
// Chromium against the real core over loopback; 'electron' drives the desktop app wherever an
// Electron binary exists, and skips with the reason elsewhere. Both use the run's Flowise 3.1.4.
// The keys and rotation specs run once more per older release (flowise-versions.ts), in the
// harness, each against its own real server; tests about per-key permissions skip there, saying
// why, because those servers have none.
import { execSync } from 'node:child_process';

import { defineConfig } from '@playwright/test';

import { E2E_OLDER_VERSIONS } from './flowise-versions.js';

function chromiumPath(): string {
  if (process.env['CHROMIUM_PATH']) return process.env['CHROMIUM_PATH'];
  try {
    return execSync('command -v chromium', { encoding: 'utf8' }).trim();
  } catch {
    return '/usr/bin/chromium';
  }
}

// The worker option the per-release projects set (fixtures.ts).
export default defineConfig<object, { flowiseVersion: string | undefined }>({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  // One real Flowise server for the run; its teardown is the function the setup returns.
  globalSetup: './flowise-global-setup.ts',
  use: { trace: 'retain-on-failure' },
  projects: [
    { name: 'harness', use: chromium() },
    // Playwright starts the browser fixture before a test can skip, so this project gets the same
    // Chromium settings even though its specs drive Electron.
    { name: 'electron', use: chromium() },
    ...E2E_OLDER_VERSIONS.map((version) => ({
      name: `harness-flowise-${version}`,
      testMatch: ['keys.spec.ts', 'rotation.spec.ts'],
      use: { ...chromium(), flowiseVersion: version },
    })),
  ],
});

function chromium() {
  return {
    browserName: 'chromium' as const,
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  };
}
