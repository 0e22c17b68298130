// The clipboard for fkv, through the platform's own command (wl-copy, xclip, xsel, pbcopy, clip),
// run without a shell and given the value on stdin, never in argv. Only text goes: the history
// concealment formats the app adds need a GUI clipboard API these commands do not offer.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

import { AppError } from '../../common/errors.js';
import type { ClipboardPort } from '../core/ports.js';

interface Tool {
  copy: readonly string[];
  paste: readonly string[];
}

const TOOLS: Record<string, Tool> = {
  'wl-copy': { copy: ['wl-copy'], paste: ['wl-paste', '--no-newline'] },
  xclip: {
    copy: ['xclip', '-selection', 'clipboard', '-in'],
    paste: ['xclip', '-selection', 'clipboard', '-out'],
  },
  xsel: { copy: ['xsel', '--clipboard', '--input'], paste: ['xsel', '--clipboard', '--output'] },
  pbcopy: { copy: ['pbcopy'], paste: ['pbpaste'] },
  clip: {
    copy: ['clip.exe'],
    paste: ['powershell.exe', '-NoProfile', '-Command', 'Get-Clipboard -Raw'],
  },
};

function onPath(name: string, env: NodeJS.ProcessEnv): boolean {
  return (env['PATH'] ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The command this session can use, or undefined: which one depends on the display server. */
export function findClipboardTool(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Tool | undefined {
  const candidates =
    platform === 'darwin'
      ? ['pbcopy']
      : platform === 'win32'
        ? ['clip']
        : [
            ...(env['WAYLAND_DISPLAY'] ? ['wl-copy'] : []),
            ...(env['DISPLAY'] ? ['xclip', 'xsel'] : []),
          ];
  const name = candidates.find((candidate) => {
    const tool = TOOLS[candidate];
    return tool !== undefined && onPath(tool.copy[0] ?? '', env);
  });
  return name === undefined ? undefined : TOOLS[name];
}

export const NO_CLIPBOARD =
  'No clipboard command was found (wl-copy on Wayland, xclip or xsel on X11, pbcopy, clip). ' +
  'Install one, or use --reveal to print the value instead.';

function run(argv: readonly string[], input: string | undefined): Promise<string> {
  const [command = '', ...args] = argv;
  return new Promise((resolve, reject) => {
    // xclip and wl-copy stay behind to serve the selection: their output is not waited for.
    const child = spawn(command, args, {
      stdio: [
        input === undefined ? 'ignore' : 'pipe',
        input === undefined ? 'pipe' : 'ignore',
        'ignore',
      ],
      shell: false,
      windowsHide: true,
    });
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', () => {
      reject(new AppError('internal', `The clipboard command ${command} could not start.`));
    });
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new AppError('internal', `The clipboard command ${command} failed.`));
    });
    child.stdin?.end(input);
  });
}

export function createCommandClipboard(tool: Tool | undefined): ClipboardPort {
  const need = (): Tool => {
    if (tool === undefined) throw new AppError('precondition_failed', NO_CLIPBOARD);
    return tool;
  };
  return {
    async write(entries) {
      const text = entries.find((entry) => entry.format === 'text/plain')?.data;
      await run(need().copy, typeof text === 'string' ? text : '');
    },
    readText: () => run(need().paste, undefined),
    async clear() {
      await run(need().copy, '');
    },
  };
}
