// fkv status, fkv instances list and fkv instances test: read-only looks at the vault and servers.
import type { ConnectionReport, InstanceSummary } from '../../common/ipc/schemas/instances.js';
import type { RotationView } from '../../common/ipc/schemas/rotation.js';
import type { ExitCode } from './exit-codes.js';
import { EXIT, exitCodeOfWire } from './exit-codes.js';
import { findInstance } from './lookup.js';
import { day, note, printJson, printTable, say } from './output.js';
import type { VaultOptions } from './vault-session.js';
import { withVault } from './vault-session.js';

export interface OutputOptions extends VaultOptions {
  json?: boolean;
}

const checkWords = (check: ConnectionReport | undefined): string =>
  check === undefined
    ? 'never tested'
    : `${check.ok ? 'ok' : `failed (${check.error?.code ?? 'error'})`} ${day(check.checkedAt)}${check.version === undefined ? '' : `, Flowise ${check.version}`}`;

const instanceBrief = (i: InstanceSummary) => ({
  id: i.id,
  name: i.name,
  baseUrl: i.baseUrl,
  adminKeyMasked: i.adminKeyMasked,
  lastCheck:
    i.lastCheck === undefined
      ? undefined
      : {
          ok: i.lastCheck.ok,
          checkedAt: i.lastCheck.checkedAt,
          version: i.lastCheck.version,
          error: i.lastCheck.error?.code,
        },
});

export const rotationBrief = (r: RotationView) => ({
  id: r.id,
  instanceName: r.instanceName,
  oldKey: r.oldKey.name,
  status: r.status,
  reached: r.reached,
  failedStep: r.failedStep,
  error: r.error?.message,
  startedAt: r.startedAt,
  deliveries: r.deliveries?.map((d) => ({ label: d.label, state: d.state, check: d.check })),
  revokeBlockers: r.revokeBlockers,
});

function printInstances(instances: readonly InstanceSummary[]): void {
  if (instances.length === 0) say('No instances yet: add one in the desktop app.');
  printTable(
    ['NAME', 'ADDRESS', 'ADMIN KEY', 'LAST TEST'],
    instances.map((i) => [i.name, i.baseUrl, i.adminKeyMasked, checkWords(i.lastCheck)]),
  );
}

export function printRotations(rotations: readonly RotationView[]): void {
  printTable(
    ['ROTATION', 'INSTANCE', 'KEY', 'STATUS', 'STEP', 'STARTED'],
    rotations.map((r) => [
      r.id,
      r.instanceName,
      r.oldKey.name,
      r.status,
      r.failedStep === undefined ? r.reached : `${r.failedStep} failed`,
      day(r.startedAt),
    ]),
  );
}

/** Exit 5 while a rotation is unfinished, so cron and CI notice one left half done. */
export function statusCommand(options: OutputOptions): Promise<ExitCode> {
  return withVault(options, async ({ api, before }) => {
    const [{ instances }, { rotations }] = await Promise.all([
      api.instances.list(),
      api.rotation.list(),
    ]);
    const unfinished = rotations.filter((r) => r.unfinished);
    if (options.json === true)
      printJson({
        path: before.path,
        state: before.state,
        backupAvailable: before.backupAvailable,
        instances: instances.map(instanceBrief),
        unfinishedRotations: unfinished.map(rotationBrief),
      });
    else {
      say(`Vault: ${before.path} (${before.state}; unlocked for this command, locked again now)`);
      say('');
      printInstances(instances);
      say('');
      if (unfinished.length === 0) say('No unfinished rotations.');
      else {
        say('Unfinished rotations (resume with: fkv rotate --resume):');
        printRotations(unfinished);
      }
    }
    return unfinished.length > 0 ? EXIT.attention : EXIT.ok;
  });
}

export function instancesListCommand(options: OutputOptions): Promise<ExitCode> {
  return withVault(options, async ({ api }) => {
    const { instances } = await api.instances.list();
    if (options.json === true) printJson(instances.map(instanceBrief));
    else printInstances(instances);
    return EXIT.ok;
  });
}

export function instancesTestCommand(name: string, options: OutputOptions): Promise<ExitCode> {
  return withVault(options, async ({ api }) => {
    const instance = await findInstance(api, name);
    const report = await api.instances.test(instance.id);
    if (options.json === true) printJson({ instance: instance.name, ...report });
    else if (report.ok) say(`${instance.name}: ${report.summary}`);
    else note(`${instance.name}: ${report.error?.message ?? report.summary}`);
    return report.ok ? EXIT.ok : exitCodeOfWire(report.error?.code ?? 'internal');
  });
}
