// Delivery targets' world for renderer tests: .env files in memory, commands that only record what
// they were given (their stdin echoed back, as a tool might print it), and main's confirmation
// before each command, answered yes unless a test says no. Test code only.
import type { CorePorts } from '../../main/core/create-core.js';
import { MemoryTargetFiles } from '../../main/core/delivery/testing/memory-target-files.js';
import type { CommandConfirmRequest } from '../../main/core/ports.js';

export interface TestDelivery {
  files: MemoryTargetFiles;
  /** Each program run, by its first step's name. */
  readonly ran: string[];
  /** Each confirmation main asked for, as "purpose target label". */
  readonly asked: string[];
  /** A program's exit code; 0 unless set. */
  exitCodes: Map<string, number>;
  /** The answer to main's confirmation. */
  confirm: boolean;
  ports: Required<Pick<CorePorts, 'targetFiles' | 'commands' | 'confirmCommand'>>;
}

export function createTestDelivery(): TestDelivery {
  const files = new MemoryTargetFiles();
  const world: TestDelivery = {
    files,
    ran: [],
    asked: [],
    exitCodes: new Map(),
    confirm: true,
    ports: {
      targetFiles: files,
      commands: {
        cwd: '/home/op',
        run: (request) => {
          const program = request.steps[0]?.executable ?? '';
          world.ran.push(program);
          return Promise.resolve({
            exitCodes: request.steps.map(() => world.exitCodes.get(program) ?? 0),
            startErrors: request.steps.map(() => null),
            timedOut: false,
            stdout: `stored ${request.stdin}`,
            stderr: '',
          });
        },
      },
      confirmCommand: {
        confirm: (request: CommandConfirmRequest) => {
          world.asked.push(`${request.purpose} ${request.targetLabel}`);
          return Promise.resolve(world.confirm);
        },
      },
    },
  };
  return world;
}
