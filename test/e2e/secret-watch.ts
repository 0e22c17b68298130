// What one e2e test's secret scan looks at, gathered while the test runs (see
// ../harness/secret-scan.ts for what counts as a secret and what a hit says).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Page } from '@playwright/test';

import type { Harness, HarnessOptions } from '../harness/harness-server.js';
import type { ScanSource, SecretHit } from '../harness/secret-scan.js';
import {
  recordingHandler,
  recordingHttp,
  scanForSecrets,
  SecretSet,
  withoutRevealedValue,
} from '../harness/secret-scan.js';

/** The encrypted vault and its backup: ciphertext, the one place secrets belong on disk. */
const ENCRYPTED = new Set(['vault.fkv', 'vault.fkv.bak']);

export class SecretWatch {
  readonly secrets = new SecretSet();
  private readonly sources: ScanSource[] = [];
  private readonly harnesses: Harness[] = [];

  /** Pass to startHarness: notes secrets at the HTTP port and in calls, and taps the WebSocket. */
  harnessOptions(): Required<Pick<HarnessOptions, 'wrapHttp' | 'wrapHandler' | 'wireTap'>> {
    return {
      wrapHttp: (http) => recordingHttp(http, this.secrets),
      wrapHandler: (channel, handler) => recordingHandler(channel, handler, this.secrets),
      wireTap: (text, about) => {
        this.sources.push(
          'channel' in about
            ? {
                where: `WebSocket reply to ${about.channel}`,
                text: withoutRevealedValue(about.channel, text),
              }
            : { where: `WebSocket event ${about.event}`, text },
        );
      },
    };
  }

  /** Its log lines are read when the scan runs, so lines written while closing count too. */
  watchHarness(harness: Harness): void {
    this.harnesses.push(harness);
  }

  watchPage(page: Page): void {
    page.on('console', (message) => {
      this.sources.push({ where: `browser console (${message.type()})`, text: message.text() });
    });
    page.on('pageerror', (error) => {
      this.sources.push({
        where: 'uncaught page error',
        text: `${error.message}\n${error.stack ?? ''}`,
      });
    });
  }

  async snapshotDom(page: Page, when: string): Promise<void> {
    if (page.isClosed()) return;
    this.sources.push({ where: `DOM ${when}`, text: await page.content() });
  }

  /** Every file in the data folder but the encrypted vault: state, logs, temporary files. */
  async readDataDir(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || ENCRYPTED.has(entry.name)) continue;
      const path = join(entry.parentPath, entry.name);
      this.sources.push({
        where: `data folder file ${path.slice(dir.length + 1)}`,
        text: (await readFile(path)).toString('latin1'),
      });
    }
  }

  /** The hits, and how many texts were looked at. */
  scan(): { hits: SecretHit[]; places: number } {
    const logs = this.harnesses.map((harness, i) => ({
      where: `harness log${this.harnesses.length > 1 ? ` #${String(i + 1)}` : ''}`,
      text: JSON.stringify(harness.logger.lines),
    }));
    const places = [...logs, ...this.sources];
    return { hits: scanForSecrets(this.secrets, places), places: places.length };
  }
}
