// Page objects for the Overview. Locators live here only, by role and label.
import type { Locator, Page } from '@playwright/test';

export class OverviewPage {
  readonly findings: Locator;
  readonly refreshButton: Locator;
  readonly filter: Locator;
  readonly progress: Locator;

  constructor(readonly page: Page) {
    this.findings = page.getByRole('list', { name: 'Findings' });
    this.refreshButton = page.getByRole('button', { name: 'Refresh', exact: true });
    this.filter = page.getByLabel('Filter findings');
    this.progress = page.getByRole('region', { name: 'Instances checked' });
  }

  /** The findings about `subject` (an exact flow, key or credential name). */
  findingsAbout(subject: string): Locator {
    return this.findings.getByRole('article', { name: new RegExp(`^${escape(subject)}: `) });
  }

  /** Why each finding about `subject` was raised, as the page says it. */
  async whysAbout(subject: string): Promise<string[]> {
    const labels = await this.findingsAbout(subject).evaluateAll((rows) =>
      rows.map((row) => row.getAttribute('aria-label') ?? ''),
    );
    return labels.map((label) => label.slice(subject.length + 2));
  }

  /** Fetches every instance again and waits for the whole report. */
  async refresh(): Promise<void> {
    await this.refreshButton.click();
    await this.page.getByRole('button', { name: 'Refreshing…' }).waitFor({ state: 'detached' });
  }

  /** Shows only the findings that mention `text`: the windowed list then holds them all. */
  async narrowTo(text: string): Promise<void> {
    await this.filter.fill(text);
  }

  async fix(label: string, subject: string): Promise<void> {
    await this.findingsAbout(subject)
      .getByRole('button', { name: `${label}: ${subject}`, exact: true })
      .click();
  }

  dialog(name: string): Locator {
    return this.page.getByRole('dialog', { name });
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
