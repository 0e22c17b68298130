// The master password, from one of three places and never from argv or a plain environment
// variable (both are readable by other processes and end up in shell history and crash reports):
// --password-stdin, a FKV_PASSWORD_FILE readable by its owner only (mode 0600), or a prompt on
// the terminal that echoes nothing.
import { readFile, stat } from 'node:fs/promises';

import { AppError } from '../../common/errors.js';
import { UsageError } from './exit-codes.js';

export interface PasswordOptions {
  passwordStdin?: boolean;
}

/** The first line only: a trailing newline from `echo` or an editor is not part of it. */
const firstLine = (text: string): string => text.split(/\r?\n/, 1)[0] ?? '';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks);
  try {
    return firstLine(text.toString('utf8'));
  } finally {
    text.fill(0);
  }
}

async function readPasswordFile(path: string): Promise<string> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new UsageError(`FKV_PASSWORD_FILE names ${path}, which cannot be read.`);
  }
  // Windows has no such mode bits; there the file's ACL is the person's to set.
  if (process.platform !== 'win32') {
    const mode = info.mode & 0o777;
    if (mode !== 0o600)
      throw new UsageError(
        `FKV_PASSWORD_FILE ${path} has mode ${mode.toString(8).padStart(4, '0')}; only 0600 is ` +
          `accepted (run: chmod 600 "${path}").`,
      );
    if (process.getuid !== undefined && info.uid !== process.getuid())
      throw new UsageError(`FKV_PASSWORD_FILE ${path} belongs to another user; it must be yours.`);
  }
  const bytes = await readFile(path);
  try {
    return firstLine(bytes.toString('utf8'));
  } finally {
    bytes.fill(0);
  }
}

/** Reads keystrokes in raw mode so nothing is echoed; Backspace edits, Ctrl+C and Ctrl+D give up. */
function prompt(question: string): Promise<string> {
  const input = process.stdin;
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (error?: Error): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error === undefined) resolve(typed);
      else reject(error);
    };
    const onData = (chunk: Buffer): void => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          done();
          return;
        }
        if (char === '\u0003' || (char === '\u0004' && typed === '')) {
          done(new AppError('vault_locked', 'No password was typed; the vault stays locked.'));
          return;
        }
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (char >= ' ') typed += char;
      }
    };
    // Raw first: the terminal echoes what is typed as soon as the prompt shows, if still cooked.
    input.setRawMode(true);
    process.stderr.write(question);
    input.resume();
    input.on('data', onData);
  });
}

export async function readPassword(options: PasswordOptions): Promise<string> {
  if (process.env['FKV_PASSWORD'] !== undefined)
    throw new UsageError(
      'FKV_PASSWORD is never read: a password in the environment reaches every child process. ' +
        'Use --password-stdin or FKV_PASSWORD_FILE (mode 0600).',
    );
  let password: string;
  const file = process.env['FKV_PASSWORD_FILE'];
  if (options.passwordStdin === true) password = await readStdin();
  else if (file !== undefined && file !== '') password = await readPasswordFile(file);
  else if (process.stdin.isTTY) password = await prompt('Master password: ');
  else
    throw new AppError(
      'vault_locked',
      'The vault is locked and no password was given: type it at the prompt (on a terminal), ' +
        'pipe it with --password-stdin, or name a file of mode 0600 in FKV_PASSWORD_FILE.',
    );
  if (password === '') throw new AppError('wrong_password', 'The password given is empty.');
  return password;
}
