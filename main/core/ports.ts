// Every effect the core has on the world goes through one of these ports. The Electron shell, the
// loopback harness and the unit tests each pass their own implementations to createCore.
import type { AppEventName, AppEventPayload } from '../../common/ipc/contract.js';

export type TimerHandle = { readonly __timer: unique symbol } | object;

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The vault file and its previous generation. */
export interface VaultFileStore {
  readonly path: string;
  readonly backupPath: string;
  /** The current file's bytes, or null when no vault exists yet. */
  read(): Promise<Uint8Array | null>;
  readBackup(): Promise<Uint8Array | null>;
  /** Atomically replaces the file; the generation it replaces becomes the backup. Takes the
   * inter-process lock itself when not called inside `exclusive`. */
  write(data: Uint8Array): Promise<void>;
  /**
   * Runs `job` holding the inter-process lock on the file (the app and the fkv command line may
   * run at once): another process's writes wait until it ends. Reentrant: `exclusive`, `write`,
   * `restoreBackup` and `setAsideLeftovers` called from inside `job` do not wait on it.
   */
  exclusive<T>(job: () => Promise<T>): Promise<T>;
  /** Keeps `data`, the file just written as save `counter`, among the automatic local backups
   * beside the vault, and drops all but the newest `keep` of them. */
  keepGeneration(data: Uint8Array, counter: number, keep: number): Promise<void>;
  /** The automatic backups' ids, newest first. */
  generations(): Promise<string[]>;
  /** One backup's bytes, or null when there is no such backup. */
  readGeneration(id: string): Promise<Uint8Array | null>;
  /** Moves the damaged file aside (never deleting it), puts the backup in its place, and returns
   * where the damaged file now is. */
  restoreBackup(): Promise<string>;
  /** Earlier generations left next to a missing file (the backup, damaged copies), by path. */
  leftovers(): Promise<string[]>;
  /** Moves every leftover into a new dated folder next to the file, never deleting one; returns
   * the folder, or '' when there was nothing to move. */
  setAsideLeftovers(): Promise<string>;
}

export interface ProtectorAvailability {
  available: boolean;
  backend: string;
  /** Why it is not available, in words a person can act on. */
  reason?: string;
}

/** The OS keychain, as Electron's safeStorage offers it. Async, as safeStorage now is. */
export interface KeyProtector {
  availability(): Promise<ProtectorAvailability>;
  protect(data: Uint8Array): Promise<Uint8Array>;
  unprotect(blob: Uint8Array): Promise<Uint8Array>;
}

/** Non-secret app state (electron-store in the app, conf under Node). Never a secret. */
export interface StateStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  /** Set when the file could not be read at start: it was moved here and the store began empty. */
  readonly setAsidePath?: string;
}

/**
 * A few small, non-secret values kept where a person cannot simply edit them by hand (the OS
 * keychain). Either call may fail or hang on a locked or missing keychain; callers fall back.
 */
export interface SecureValueStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
}

export interface EventSink {
  emit<E extends AppEventName>(event: E, payload: AppEventPayload<E>): void;
}

export type LogFields = Record<string, string | number | boolean>;

/** Fields must be ids, names, codes and counts. Never a secret, never a request body. */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface HostInfo {
  version: string;
  platform: string;
  host: 'electron' | 'harness' | 'cli';
  /** Set by the shell once it knows whether a screen lock can be seen; app.info reads it live. */
  screenLockDetectable?: boolean;
}

/** TLS choices of one Flowise instance. */
export interface HttpTls {
  /** Extra CA certificate (PEM) trusted on top of the system's. */
  ca?: string;
  /**
   * SHA-256 fingerprint (AA:BB:…) the person confirmed for this server. When set, it alone decides:
   * any other certificate is refused before a byte of the request is written.
   */
  pin?: string;
}

/** A server certificate as a person checks it before trusting it. */
export interface PeerCertificate {
  sha256: string;
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
}

export interface CertificateProbe {
  /** The chain (with the optional CA) and the name check passed. */
  trusted: boolean;
  /** Why not, as Node names it (e.g. DEPTH_ZERO_SELF_SIGNED_CERT). */
  reason?: string;
  certificate: PeerCertificate;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** The port stops reading and fails with `too_large` past this many bytes. */
  maxBodyBytes: number;
  tls?: HttpTls;
}

export interface HttpResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
}

/**
 * One HTTP exchange, no redirects followed: the Flowise client decides what a redirect may carry.
 * Fails with AppError codes `timeout`, `network`, `tls` or `too_large`; messages name the host,
 * never a header or body.
 */
export interface HttpPort {
  request(request: HttpRequest): Promise<HttpResponse>;
  /**
   * A TLS handshake only, no HTTP request: what certificate an https address presents. Absent in
   * ports that cannot tell (scripted tests); the connection test then shows no certificate.
   */
  probeCertificate?(target: {
    url: string;
    ca?: string;
    timeoutMs: number;
  }): Promise<CertificateProbe>;
}

/** One representation on the clipboard: `text/plain`, or a raw OS format name with its bytes. */
export interface ClipboardEntry {
  format: string;
  data: string | Uint8Array;
}

/** The system clipboard. `write` puts all entries on it in one atomic step. */
export interface ClipboardPort {
  write(entries: readonly ClipboardEntry[]): Promise<void>;
  readText(): Promise<string>;
  clear(): Promise<void>;
}

/** A text file outside the vault that the user chose as a delivery target (a .env file). */
export interface TargetFileContent {
  text: string;
  /** Permission bits (0o7777 at most). */
  mode: number;
}

/**
 * Delivery target files. `replace` never leaves a half-written file: a temp file in the same
 * folder, fsync, rename; the file keeps its mode. It refuses a missing or read-only file before
 * anything is written. Errors are AppErrors that name the path, never the content.
 */
export interface TargetFilePort {
  /** The file's text and mode, or null when there is no such file. */
  read(path: string): Promise<TargetFileContent | null>;
  /** With `backupPath`, the current content is first kept there (atomically, same mode). */
  replace(path: string, text: string, options?: { backupPath?: string }): Promise<void>;
}

/** Programs run for delivery targets and checks: never through a shell. */
export interface CommandRunRequest {
  /** Run as a pipeline, each step's stdout into the next step's stdin. */
  steps: readonly { executable: string; args: readonly string[] }[];
  /** Written to the first step's stdin, which then closes. */
  stdin: string;
  /** Added to the first step's environment only. */
  env: Readonly<Record<string, string>>;
  /** Past this, every step is killed (with its children). */
  timeoutMs: number;
  /** Output kept per stream; the rest is read and dropped. */
  maxOutputBytes: number;
}

export interface CommandRunResult {
  /** Per step: its exit code, or null when it did not start or was killed by a signal. */
  exitCodes: (number | null)[];
  /** Per step: why it could not start (an errno code such as ENOENT), or null. */
  startErrors: (string | null)[];
  timedOut: boolean;
  /** The last step's stdout; every step's stderr, in step order. */
  stdout: string;
  stderr: string;
}

export interface CommandPort {
  /** The folder every command starts in. */
  readonly cwd: string;
  run(request: CommandRunRequest): Promise<CommandRunResult>;
}

/** One command run exactly as it will happen, for the person to allow or refuse first. */
export interface CommandConfirmRequest {
  /** deliver: the new key goes to a target; check: proves a consumer works with the new key;
   * rollback: the old key goes back. */
  purpose: 'deliver' | 'check' | 'rollback';
  instanceName: string;
  keyName: string;
  targetLabel: string;
  /** Run as a pipeline, without a shell, each argument as it is. */
  steps: readonly { executable: string; args: readonly string[] }[];
  cwd: string;
  /** How the key reaches the first step, in words (stdin, or the variable's name). */
  keyInput: string;
  timeoutSeconds: number;
}

/**
 * Main's own confirmation before each command run: the core asks right before every run
 * (delivery, check, rollback), and nothing runs unless this resolves true. The shell shows a
 * native dialog, so no renderer can answer it.
 */
export interface CommandConfirmPort {
  confirm(request: CommandConfirmRequest): Promise<boolean>;
}

/** An OS notification (Electron's Notification in the app). Names and counts only, never a value. */
export interface NotifierPort {
  notify(note: { title: string; body: string }): void;
}
