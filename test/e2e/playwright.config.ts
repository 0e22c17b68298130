// Two launchers, one set of specs (VS Code's model): 'harness' drives the real renderer in Debian
// Chromium against the real core over loopback; 'electron' drives the desktop app wherever an
// Electron binary exists, and skips with the reason elsewhere.
import { execSync } from 'node:child_process';

import { defineConfig } from '@playwright/test';

function chromiumPath(): string {
  if (process.env['CHROMIUM_PATH']) return process.env['CHROMIUM_PATH'];
  try {
    return execSync('command -v chromium', { encoding: 'utf8' }).trim();
  } catch {
    return '/usr/bin/chromium';
  }
}

export default defineConfig({
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
