// The fkv command tree (commander): every command, its options, and for each option an example in
// its --help. Commands return an exit code; program.ts only parses and dispatches.
import { Command, CommanderError } from 'commander';

import type { ExitCode } from './exit-codes.js';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.js';
import type { CredentialsOptions, ExportOptions } from './audit-commands.js';
import {
  auditExportCommand,
  auditVerifyCommand,
  credentialsListCommand,
} from './audit-commands.js';
import type { CopyOptions, CreateOptions } from './keys-commands.js';
import { keysCopyCommand, keysCreateCommand } from './keys-commands.js';
import { keysListCommand } from './keys-list-command.js';
import type { RotateOptions } from './rotate-command.js';
import { rotateCommand } from './rotate-command.js';
import type { OutputOptions } from './status-commands.js';
import { instancesListCommand, instancesTestCommand, statusCommand } from './status-commands.js';

export const VERSION = '0.1.0';

const COMMON_EXAMPLES = `
Options every command takes:
  fkv status --vault ~/fkv-test          a data folder other than the app's (or FKV_VAULT)
  pass show fkv | fkv status --password-stdin
                                         the master password on stdin (first line)
  FKV_PASSWORD_FILE=~/.fkv-pass fkv status
                                         the password in a file of mode 0600 (nothing else is read)
  fkv status --json                      JSON on stdout instead of a table
  fkv status --verbose                   the core's warnings on stderr too
Without --password-stdin or FKV_PASSWORD_FILE, fkv asks for the password on the terminal and echoes nothing. A password is never
taken from an argument or a plain environment variable.`;

/** The options every vault command shares, and its examples after its own. */
function vaultCommand(parent: Command, name: string, summary: string, examples: string): Command {
  return parent
    .command(name)
    .description(summary)
    .option(
      '--vault <path>',
      "the data folder holding vault.fkv (default: the app's; env FKV_VAULT)",
    )
    .option('--password-stdin', 'read the master password from stdin')
    .option('--json', 'print JSON on stdout')
    .option('--verbose', "also print the core's warnings on stderr")
    .addHelpText('after', `\nExamples:\n${examples}\n${COMMON_EXAMPLES}\n\n${EXIT_CODES_HELP}`);
}

export function buildProgram(exit: (code: ExitCode) => void): Command {
  const program = new Command('fkv')
    .description(
      "Flowise Key Vault on the command line: the desktop app's vault, journal and audit log, for scripts, cron and CI.",
    )
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError()
    .addHelpText(
      'after',
      `\nExamples:\n  fkv status\n  fkv keys list --older-than 90d --json\n  fkv <command> --help\n\n${EXIT_CODES_HELP}`,
    );

  const run =
    <A extends unknown[]>(action: (...args: A) => Promise<ExitCode>) =>
    async (...args: A): Promise<void> => {
      exit(await action(...args));
    };

  vaultCommand(
    program,
    'status',
    "the vault's path and lock state, the instances and the unfinished rotations (exit 5 while one is unfinished)",
    '  fkv status\n  fkv status --json',
  ).action(run((options: object) => statusCommand(options)));

  const instances = program.command('instances').description('the Flowise servers in the vault');
  vaultCommand(
    instances,
    'list',
    'every instance with its last connection test',
    '  fkv instances list\n  fkv instances list --json',
  ).action(run((options: object) => instancesListCommand(options)));
  vaultCommand(
    instances,
    'test',
    'test the connection and admin key of one instance (exit 4 when unreachable)',
    '  fkv instances test prod\n  fkv instances test prod --json',
  )
    .argument('<instance>', 'the instance, by name or id')
    .action(run((name: string, options: object) => instancesTestCommand(name, options)));

  const keys = program.command('keys').description("the API keys on the vault's instances");
  vaultCommand(
    keys,
    'list',
    "every instance's keys (masked), or one instance's, filtered",
    [
      '  fkv keys list                          every instance',
      '  fkv keys list --instance prod          one instance, by name or id',
      '  fkv keys list --unused                 keys no flow is bound to',
      '  fkv keys list --older-than 90d         first seen more than 90 days ago (or 12w)',
      '  fkv keys list --broad                  full access, key management or delete rights',
    ].join('\n'),
  )
    .option('--instance <name>', 'only this instance (name or id)')
    .option('--unused', 'only keys no flow is bound to')
    .option('--older-than <age>', 'only keys first seen longer ago than this, e.g. 90d')
    .option('--broad', 'only keys with broad permissions')
    .action(run((options: object) => keysListCommand(options)));

  vaultCommand(
    keys,
    'create',
    'create a key; its value goes to stdout once when stdout is not a terminal (or with --reveal), else to the clipboard',
    [
      '  fkv keys create ci-deploy --instance prod --permission chatflows:view --permission prediction:create',
      '  fkv keys create ci-deploy --instance prod --permission chatflows:view > key.txt   printed once, to the file',
      '  fkv keys create ci-deploy --instance prod --permission chatflows:view --reveal    printed on the terminal',
    ].join('\n'),
  )
    .argument('<name>', "the new key's name")
    .requiredOption('--instance <name>', 'the instance to create it on (name or id)')
    .option(
      '--permission <permission...>',
      'a permission the key gets (repeat it); none on servers before 3.0.13',
    )
    .option('--reveal', 'print the value on the terminal too, once, instead of copying it')
    .action(run((name: string, options: CreateOptions) => keysCreateCommand(name, options)));
  vaultCommand(
    keys,
    'copy',
    "copy a key's value to the clipboard, cleared after the app's clipboard setting (or Ctrl+C)",
    '  fkv keys copy ci-deploy --instance prod',
  )
    .argument('<key>', 'the key, by name or id')
    .requiredOption('--instance <name>', 'its instance (name or id)')
    .action(run((name: string, options: CopyOptions) => keysCopyCommand(name, options)));

  vaultCommand(
    program,
    'rotate',
    "replace keys with new ones, rebind their flows, delete the old ones; the app's own journal",
    [
      '  fkv rotate deploy --instance prod             one key, after a plan and a yes',
      '  fkv rotate deploy --instance prod --yes       no question (scripts, CI)',
      '  fkv rotate deploy --instance prod --yes --allow-commands',
      "                                                also run the key's delivery commands",
      '  fkv rotate deploy --instance prod --keep-old  keep the old key for a grace period',
      '  fkv rotate --older-than 90d --instance prod   every key first seen over 90 days ago',
      '  fkv rotate --due --yes                        every key past its rotation policy (cron)',
      '  fkv rotate --resume                           carry on every unfinished rotation',
      '  fkv rotate --resume 0123456789ab              carry on one',
      '  fkv rotate --rollback 0123456789ab            flows back to the old key, new key deleted',
      '  fkv rotate --finish 0123456789ab              end the grace period: delete the old key',
      '  fkv rotate --retry-delivery 0123456789ab --allow-commands',
      '                                                deliver again where it failed, then finish',
      '  fkv rotate --finish 0123456789ab --override   delete the old key although a delivery failed',
    ].join('\n'),
  )
    .argument('[key]', 'the key to rotate, by name or id (with --instance)')
    .option(
      '--instance <name...>',
      "the key's instance; with --older-than, the instances to look at",
    )
    .option('--older-than <age>', 'every key first seen longer ago than this, e.g. 90d')
    .option('--due', "every key at or past its rotation policy's maximum age")
    .option('--resume [id]', 'carry on unfinished rotations (all, or the one named)')
    .option('--rollback <id>', 'undo a rotation that has not deleted its old key yet')
    .option('--finish <id>', 'end the grace period of a rotation: delete the old key')
    .option(
      '--retry-delivery <id>',
      'run again the deliveries (and checks) of a held rotation that failed, then finish it',
    )
    .option(
      '--override',
      'with --finish: delete the old key although a delivery or check failed (--yes alone never does)',
    )
    .option('--keep-old', 'stop in the grace period instead of deleting the old key')
    .option('--yes', 'do not ask for confirmation (never allows a delivery command)')
    .option(
      '--allow-commands',
      "run the key's delivery, check and rollback commands without asking, each printed on stderr first",
    )
    .addHelpText(
      'after',
      `
Delivery targets: a rotation puts the new key into the key's targets (set in the desktop app)
before the old key is deleted. A .env file is written without a question. Before each command,
fkv prints exactly what will run (each program, each argument quoted, the folder, how the key is
passed, the time limit) and asks y/N on the terminal; without a terminal it runs none unless
--allow-commands is given (--yes alone never runs one). While a target is not delivered or its
check failed, the old key is kept and fkv exits 5: fkv rotate --retry-delivery <id> tries those
targets again, and fkv rotate --finish <id> --override deletes the old key anyway, after naming
what failed.`,
    )
    .action(run((key: string | undefined, options: RotateOptions) => rotateCommand(key, options)));

  const credentials = program
    .command('credentials')
    .description('the Flowise credentials (names and types, never a secret)');
  vaultCommand(
    credentials,
    'list',
    "every instance's credentials, or one instance's, with the flows that use them",
    '  fkv credentials list\n  fkv credentials list --instance prod --json',
  )
    .option('--instance <name>', 'only this instance (name or id)')
    .action(run((options: CredentialsOptions) => credentialsListCommand(options)));

  const audit = program.command('audit').description("the vault's hash-chained audit log");
  vaultCommand(
    audit,
    'verify',
    'check every link of the chain (exit 1 when broken)',
    '  fkv audit verify\n  fkv audit verify --json',
  ).action(run((options: OutputOptions) => auditVerifyCommand(options)));
  vaultCommand(
    audit,
    'export',
    'write out every record, as JSON (as the app exports it) or CSV',
    '  fkv audit export --format json > audit.json\n  fkv audit export --format csv --output audit.csv',
  )
    .option('--format <format>', 'json or csv', 'json')
    .option('--output <file>', 'write to this new file (mode 0600) instead of stdout')
    .action(run((options: ExportOptions) => auditExportCommand(options)));

  return program;
}

/** Parses argv and runs the command; usage errors exit 2, --help and --version 0. */
export async function runProgram(argv: readonly string[]): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const program = buildProgram((result) => {
    code = result;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // --help and --version end with 0; every parse error, and a group named without a command, 2.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  return code;
}
