// In-memory ports for unit tests and the harness.
import type { AppEventName, AppEventPayload } from '../../../common/ipc/contract.js';
import type {
  EventSink,
  KeyProtector,
  Logger,
  LogFields,
  ProtectorAvailability,
  SecureValueStore,
  StateStore,
} from '../ports.js';

export class MemoryStateStore implements StateStore {
  readonly values = new Map<string, unknown>();
  /** Tests set it to act out a state file that was unreadable at start. */
  setAsidePath?: string;
  get(key: string): unknown {
    return this.values.get(key);
  }
  set(key: string, value: unknown): void {
    this.values.set(key, structuredClone(value));
  }
}

/** Stands in for the OS keychain's value store; `failing` makes every call reject, as a locked or
 * absent keychain does. */
export class MemorySecureValueStore implements SecureValueStore {
  readonly values = new Map<string, string>();
  failing = false;
  get(name: string): Promise<string | null> {
    if (this.failing) return Promise.reject(new Error('keychain unavailable'));
    return Promise.resolve(this.values.get(name) ?? null);
  }
  set(name: string, value: string): Promise<void> {
    if (this.failing) return Promise.reject(new Error('keychain unavailable'));
    this.values.set(name, value);
    return Promise.resolve();
  }
}

export interface RecordedEvent {
  event: AppEventName;
  payload: unknown;
}

/** Hands each event to its subscribers and keeps none: for long runs (the benches), where a
 * record of every event would grow the heap the runs are timed on. */
export class RelayEventSink implements EventSink {
  private readonly listeners = new Set<(e: RecordedEvent) => void>();
  emit<E extends AppEventName>(event: E, payload: AppEventPayload<E>): void {
    const recorded = { event, payload };
    for (const listener of this.listeners) listener(recorded);
  }
  subscribe(listener: (e: RecordedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export class RecordingEventSink extends RelayEventSink {
  readonly events: RecordedEvent[] = [];
  override emit<E extends AppEventName>(event: E, payload: AppEventPayload<E>): void {
    this.events.push({ event, payload });
    super.emit(event, payload);
  }
}

/** Stands in for a real OS keychain: a fixed XOR mask is enough to prove the data went through it. */
export class InMemoryKeyProtector implements KeyProtector {
  constructor(
    private readonly state: ProtectorAvailability = { available: true, backend: 'memory' },
  ) {}
  availability(): Promise<ProtectorAvailability> {
    return Promise.resolve(this.state);
  }
  protect(data: Uint8Array): Promise<Uint8Array> {
    return Promise.resolve(Uint8Array.from(data, (b) => b ^ 0x5a));
  }
  unprotect(blob: Uint8Array): Promise<Uint8Array> {
    return Promise.resolve(Uint8Array.from(blob, (b) => b ^ 0x5a));
  }
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: LogFields | undefined;
}

export class MemoryLogger implements Logger {
  readonly lines: LogLine[] = [];
  info(message: string, fields?: LogFields): void {
    this.lines.push({ level: 'info', message, fields });
  }
  warn(message: string, fields?: LogFields): void {
    this.lines.push({ level: 'warn', message, fields });
  }
  error(message: string, fields?: LogFields): void {
    this.lines.push({ level: 'error', message, fields });
  }
}
