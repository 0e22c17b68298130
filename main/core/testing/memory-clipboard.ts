// A clipboard for tests and the harness: keeps every write, so tests can check the formats.
import type { ClipboardEntry, ClipboardPort } from '../ports.js';

export class MemoryClipboard implements ClipboardPort {
  entries: readonly ClipboardEntry[] = [];
  readonly writes: (readonly ClipboardEntry[])[] = [];

  write(entries: readonly ClipboardEntry[]): Promise<void> {
    this.entries = entries;
    this.writes.push(entries);
    return Promise.resolve();
  }

  /** What another application does: replaces everything with plain text. */
  setText(text: string): void {
    this.entries = [{ format: 'text/plain', data: text }];
  }

  readText(): Promise<string> {
    const text = this.entries.find((entry) => entry.format === 'text/plain')?.data;
    return Promise.resolve(typeof text === 'string' ? text : '');
  }

  clear(): Promise<void> {
    this.entries = [];
    return Promise.resolve();
  }
}
