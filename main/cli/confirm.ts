// The yes that every change asks for: --yes, or a typed "y" on a terminal. Without a terminal and
// without --yes nothing is changed and fkv exits 2, so a script never changes things by accident.
import { createInterface } from 'node:readline/promises';

import { UsageError } from './exit-codes.js';

export async function confirm(question: string, yes: boolean | undefined): Promise<void> {
  if (yes === true) return;
  if (!process.stdin.isTTY)
    throw new UsageError(
      'Nothing was changed: confirm with --yes when fkv is not run on a terminal.',
    );
  const lines = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await lines.question(`${question} [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) throw new UsageError('Nothing was changed.');
  } finally {
    lines.close();
  }
}
