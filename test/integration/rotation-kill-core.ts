// The core as the real-server kill test runs it, in the child that is killed and in the process
// that resumes: real vault files in `dir`, real HTTP, and a line in `logFile` for every checkpoint
// passed and every request sent, written synchronously so it survives a SIGKILL.
import { appendFileSync, readFileSync } from 'node:fs';

import type { Api } from '../../common/ipc/contract.js';
import type { Core } from '../../main/core/create-core.js';
import { createCore } from '../../main/core/create-core.js';
import { createNodeCommands } from '../../main/core/delivery/node-commands.js';
import { createNodeTargetFiles } from '../../main/core/delivery/node-target-files.js';
import { createNodeHttp } from '../../main/core/flowise/node-http.js';
import type { RotationCheckpoint } from '../../main/core/rotation/rotation-checkpoints.js';
import { FakeClock } from '../../main/core/testing/fake-clock.js';
import { MemoryClipboard } from '../../main/core/testing/memory-clipboard.js';
import {
  InMemoryKeyProtector,
  MemoryLogger,
  MemoryStateStore,
  RecordingEventSink,
} from '../../main/core/testing/memory-ports.js';
import { createNodeVaultFileStore } from '../../main/core/vault/node-file-store.js';
import { inProcessApi } from './in-process-api.js';

export const KDF = { params: { memoryKiB: 1024, iterations: 1, parallelism: 1 } };

export type LogLine =
  | { t: 'cp'; name: RotationCheckpoint }
  | { t: 'req'; method: string; path: string }
  | { t: 'res' }
  | { t: 'phase'; name: string }
  /** A write of the vault file. */
  | { t: 'write' }
  /** A delivery target changed: a file written, or a command run. */
  | { t: 'target' };

export function logTo(file: string): (line: LogLine) => void {
  return (line) => {
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  };
}

export function readLog(file: string): LogLine[] {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as LogLine);
}

export function killableCore(
  dir: string,
  log: (line: LogLine) => void,
  at: (point: RotationCheckpoint) => void = () => undefined,
): { core: Core; api: Api } {
  const events = new RecordingEventSink();
  const http = createNodeHttp();
  const files = createNodeVaultFileStore(dir);
  const targetFiles = createNodeTargetFiles();
  const commands = createNodeCommands();
  const core = createCore({
    files: {
      path: files.path,
      backupPath: files.backupPath,
      read: () => files.read(),
      readBackup: () => files.readBackup(),
      restoreBackup: () => files.restoreBackup(),
      leftovers: () => files.leftovers(),
      setAsideLeftovers: () => files.setAsideLeftovers(),
      exclusive: (job) => files.exclusive(job),
      keepGeneration: (data, counter, keep) => files.keepGeneration(data, counter, keep),
      generations: () => files.generations(),
      readGeneration: (id) => files.readGeneration(id),
      write: (data) => {
        log({ t: 'write' });
        return files.write(data);
      },
    },
    protector: new InMemoryKeyProtector(),
    state: new MemoryStateStore(),
    clock: new FakeClock(Date.now()),
    events,
    logger: new MemoryLogger(),
    host: { version: 'test', platform: 'linux', host: 'harness' },
    http: {
      request: async (request) => {
        log({ t: 'req', method: request.method, path: new URL(request.url).pathname });
        try {
          return await http.request(request);
        } finally {
          log({ t: 'res' });
        }
      },
    },
    clipboard: new MemoryClipboard(),
    osUser: 'tester',
    kdf: KDF,
    // Real files and commands for delivery targets; the person says yes to every command.
    targetFiles: {
      read: (path) => targetFiles.read(path),
      replace: (path, text, options) => {
        log({ t: 'target' });
        return targetFiles.replace(path, text, options);
      },
    },
    commands: {
      cwd: commands.cwd,
      run: (request) => {
        log({ t: 'target' });
        return commands.run(request);
      },
    },
    confirmCommand: { confirm: () => Promise.resolve(true) },
    rotationHooks: {
      at(point) {
        log({ t: 'cp', name: point });
        at(point);
      },
    },
  });
  return { core, api: inProcessApi(core, events) };
}
