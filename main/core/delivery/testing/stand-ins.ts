// Stand-in executables for command-target tests: small sh scripts in a temp folder put first on
// PATH. Each records its argv (NUL-separated) and what it read (opening /dev/stdin when an argument
// names it, as kubectl and the AWS CLI do), so a test sees exactly where the key arrived.
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Recorded {
  name: string;
  argv: string[];
  stdin: string;
}

export interface StandIns {
  dir: string;
  /** PATH with the stand-ins first. */
  env: NodeJS.ProcessEnv;
  /** Adds an executable `name` whose body runs after it recorded argv ($RECORD_FILE.argv). */
  add(name: string, body: string): Promise<void>;
  /** A recorder: argv to .argv, its input to .stdin, then that input echoed to stdout if `echo`. */
  addRecorder(name: string, options?: { echo?: boolean }): Promise<void>;
  /** Everything recorded (steps of one pipeline run at once: find them by name and argv). */
  recorded(): Promise<Recorded[]>;
  /** A named pipe in the folder, for handshakes with a running stand-in. */
  fifo(name: string): string;
  remove(): Promise<void>;
}

export async function createStandIns(): Promise<StandIns> {
  const dir = await mkdtemp(join(tmpdir(), 'fkv-standins-'));
  const bin = join(dir, 'bin');
  const records = join(dir, 'records');
  await mkdir(bin);
  await mkdir(records);
  const env = {
    ...process.env,
    PATH: `${bin}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
    FKV_RECORDS: records,
  };

  async function add(name: string, body: string): Promise<void> {
    const file = join(bin, name);
    const script = [
      '#!/bin/sh',
      `RECORD_FILE="$FKV_RECORDS/${name}-$$"`,
      `printf '%s\\0' "$@" > "$RECORD_FILE.argv"`,
      body,
      '',
    ].join('\n');
    await writeFile(file, script);
    await chmod(file, 0o755);
  }

  return {
    dir,
    env,
    add,
    addRecorder: (name, options = {}) =>
      add(
        name,
        [
          // As the real tools do: open /dev/stdin when an argument names it, else read fd 0.
          'case " $* " in *"/dev/stdin"*) cat /dev/stdin ;; *) cat ;; esac > "$RECORD_FILE.stdin"',
          options.echo === true ? 'cat "$RECORD_FILE.stdin"' : '',
        ].join('\n'),
      ),
    async recorded() {
      const names = (await readdir(records)).filter((n) => n.endsWith('.argv')).sort();
      return Promise.all(
        names.map(async (file) => {
          const base = file.slice(0, -'.argv'.length);
          const argv = (await readFile(join(records, file), 'utf8')).split('\0').slice(0, -1);
          const stdin = await readFile(join(records, `${base}.stdin`), 'utf8').catch(() => '');
          return { name: base.split('-')[0] ?? '', argv, stdin };
        }),
      );
    },
    fifo(name) {
      const path = join(dir, name);
      execFileSync('mkfifo', [path]);
      return path;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
