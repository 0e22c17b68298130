import type { BrowserWindow as ElectronWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { CommandConfirmRequest } from '../core/ports.js';
import { createDialogConfirmation, RUN_BUTTON } from './command-confirm-dialog.js';
import { BrowserWindow, dialog, resetElectronFake } from './testing/electron-fake.js';

vi.mock('electron', () => import('./testing/electron-fake.js'));

const request: CommandConfirmRequest = {
  purpose: 'deliver',
  instanceName: 'prod',
  keyName: 'deploy',
  targetLabel: 'cluster secret',
  steps: [
    {
      executable: 'kubectl',
      args: ['create', 'secret', 'generic', 'my app', '--from-file=K=/dev/stdin'],
    },
    { executable: 'kubectl', args: ['apply', '-f', '-'] },
  ],
  cwd: '/home/op',
  keyInput: 'on stdin',
  timeoutSeconds: 20,
};

describe('createDialogConfirmation', () => {
  let window: BrowserWindow;
  beforeEach(() => {
    resetElectronFake();
    window = new BrowserWindow();
  });
  const confirmation = () => createDialogConfirmation(() => window as unknown as ElectronWindow);

  it('shows a native box over the window with each program, each argument, the folder and how the key goes', async () => {
    dialog.response = RUN_BUTTON;
    await expect(confirmation().confirm(request)).resolves.toBe(true);
    expect(dialog.shown).toHaveLength(1);
    const [box] = dialog.shown;
    expect(box?.window).toBe(window);
    expect(box?.options).toMatchObject({
      type: 'warning',
      message: 'Deliver the new key of "deploy" (prod) to "cluster secret"?',
      buttons: ['Cancel', 'Run it'],
      defaultId: 0,
      cancelId: 0,
    });
    expect(box?.options['detail']).toBe(
      [
        'This will run, without a shell, exactly:',
        'Step 1: program "kubectl"',
        '  argument 1: "create"',
        '  argument 2: "secret"',
        '  argument 3: "generic"',
        '  argument 4: "my app"',
        '  argument 5: "--from-file=K=/dev/stdin"',
        'Step 2 (reads the previous step’s output): program "kubectl"',
        '  argument 1: "apply"',
        '  argument 2: "-f"',
        '  argument 3: "-"',
        'In the folder: /home/op',
        'The key: on stdin (never in the arguments)',
        'Stopped after 20 s.',
      ].join('\n'),
    );
  });

  it('runs nothing unless "Run it" is pressed: Cancel, Esc and a box that fails all say no', async () => {
    dialog.response = 0;
    await expect(confirmation().confirm(request)).resolves.toBe(false);
    const failing = vi.spyOn(dialog, 'showMessageBox').mockRejectedValueOnce(new Error('gone'));
    await expect(confirmation().confirm(request)).resolves.toBe(false);
    failing.mockRestore();
  });

  it('names a check and a rollback for what they are', async () => {
    const port = confirmation();
    await port.confirm({
      ...request,
      purpose: 'check',
      steps: [{ executable: 'probe', args: [] }],
    });
    await port.confirm({
      ...request,
      purpose: 'rollback',
      keyInput: 'in the environment variable K',
    });
    expect(dialog.shown.map((b) => b.options['message'])).toEqual([
      'Check that "cluster secret" works with the new key of "deploy" (prod)?',
      'Give "cluster secret" the old key of "deploy" (prod) back?',
    ]);
    expect(dialog.shown[0]?.options['detail']).toContain('Program: "probe"\n  no arguments');
    expect(dialog.shown[1]?.options['detail']).toContain(
      'The key: in the environment variable K (never in the arguments)',
    );
  });

  it('asks one at a time, and without a window still asks (never runs unasked)', async () => {
    let release: (() => void) | undefined;
    const spy = vi.spyOn(dialog, 'showMessageBox').mockImplementationOnce(
      () =>
        new Promise((resolve) => {
          release = () => {
            resolve({ response: RUN_BUTTON, checkboxChecked: false });
          };
        }),
    );
    const port = createDialogConfirmation(() => undefined);
    const first = port.confirm(request);
    const second = port.confirm(request);
    await vi.waitFor(() => {
      expect(release).toBeDefined();
    });
    expect(spy).toHaveBeenCalledTimes(1);
    release?.();
    await expect(first).resolves.toBe(true);
    await expect(second).resolves.toBe(false);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(spy.mock.calls[1]?.[0]).toMatchObject({ title: 'Run a command' });
    spy.mockRestore();
  });
});
