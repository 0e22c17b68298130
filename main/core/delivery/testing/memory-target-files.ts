// Delivery target files in memory, for unit tests and the harness. Same refusals as the node port.
import { AppError } from '../../../../common/errors.js';
import type { TargetFileContent, TargetFilePort } from '../../ports.js';

export class MemoryTargetFiles implements TargetFilePort {
  readonly files = new Map<string, TargetFileContent>();

  put(path: string, text: string, mode = 0o600): void {
    this.files.set(path, { text, mode });
  }

  text(path: string): string | undefined {
    return this.files.get(path)?.text;
  }

  read(path: string): Promise<TargetFileContent | null> {
    const file = this.files.get(path);
    return Promise.resolve(file === undefined ? null : { ...file });
  }

  replace(path: string, text: string, options: { backupPath?: string } = {}): Promise<void> {
    const file = this.files.get(path);
    if (file === undefined) {
      return Promise.reject(new AppError('precondition_failed', `${path} does not exist.`));
    }
    if ((file.mode & 0o222) === 0) {
      return Promise.reject(new AppError('precondition_failed', `${path} is read-only.`));
    }
    if (options.backupPath !== undefined) this.files.set(options.backupPath, { ...file });
    this.files.set(path, { text, mode: file.mode });
    return Promise.resolve();
  }
}
