// The Overview as the page shows it: every instance's state and findings, filled in instance by
// instance from `overview.progress` while a report runs, then replaced by the whole report. A fix
// done from the page drops its finding at once; the next refresh is the server's word on it.
// Findings hold names and ids only, never a key value or a credential secret.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

import type { Api } from '../../common/ipc/contract.js';
import type { SplitResult } from '../../common/ipc/schemas/keys.js';
import type {
  Finding,
  OverviewExport,
  OverviewExportFormat,
  OverviewInstance,
  OverviewProgress,
} from '../../common/ipc/schemas/overview.js';
import type { StoreError } from './store-error.js';
import type { Outcome } from './store-kit.js';
import { attempt, isVaultState, staleGuard } from './store-kit.js';

export interface OverviewStoreState {
  /** Every instance in the instance list's order; 'pending' until its part arrives. */
  readonly instances: readonly OverviewInstance[];
  /** null until the first report (or its first part) arrives, and again once the vault locks. */
  readonly findings: readonly Finding[] | null;
  /** The findings about each key, credential or flow, by subjectKey(instanceId, id): the badges
   * of the Keys and Credentials rows, from the same rules. */
  readonly bySubject: ReadonlyMap<string, readonly Finding[]>;
  readonly generatedAt: number | null;
  readonly running: boolean;
  readonly error: StoreError | null;
  /** Subscribes to vault.locked and overview.progress; returns the unsubscribe. */
  connect: () => () => void;
  /** The report cached since unlock (computed on first need). */
  load: () => Promise<void>;
  /** Fetches every instance again. */
  refresh: () => Promise<void>;
  /** A fix done from the page: the finding leaves the list until a refresh says otherwise. */
  resolved: (findingId: string) => void;
  exportReport: (format: OverviewExportFormat) => Promise<Outcome<OverviewExport>>;
  /** The flow of a 'flow-public' finding is remembered as public on purpose. */
  markPublic: (finding: Finding) => Promise<Outcome<void>>;
  /** The key of a 'key-many-flows' finding becomes one key per flow; a full success resolves it. */
  split: (finding: Finding) => Promise<Outcome<SplitResult>>;
}

export type OverviewStore = StoreApi<OverviewStoreState>;

export const subjectKey = (instanceId: string, subjectId: string): string =>
  `${instanceId}\n${subjectId}`;

function bySubject(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = subjectKey(f.instanceId, f.subject.id);
    const list = map.get(key);
    if (list === undefined) map.set(key, [f]);
    else list.push(f);
  }
  return map;
}

/** The findings with their index; every change of `findings` goes through here. */
const withFindings = (findings: readonly Finding[]) => ({
  findings,
  bySubject: bySubject(findings),
});

const EMPTY = {
  instances: [],
  findings: null,
  bySubject: new Map<string, readonly Finding[]>(),
  generatedAt: null,
  running: false,
  error: null,
} as const;

/** This instance's part put in place of what the list held for it. */
function withPart(
  state: Pick<OverviewStoreState, 'instances' | 'findings'>,
  part: OverviewProgress,
): Pick<OverviewStoreState, 'instances' | 'findings' | 'bySubject'> {
  const id = part.instance.instanceId;
  const known = state.instances.some((i) => i.instanceId === id);
  return {
    instances: known
      ? state.instances.map((i) => (i.instanceId === id ? part.instance : i))
      : [...state.instances, part.instance],
    ...withFindings([
      ...(state.findings ?? []).filter((f) => f.instanceId !== id),
      ...part.findings,
    ]),
  };
}

export function createOverviewStore(api: Api): OverviewStore {
  // Bumped on every lock and every new run: a report or part from before belongs to another view.
  const guard = staleGuard();
  let live: (() => boolean) | null = null;

  return createStore<OverviewStoreState>()((set, get) => {
    const run = async (refresh: boolean): Promise<void> => {
      guard.bump();
      live = guard.start();
      set({
        running: true,
        error: null,
        instances: get().instances.map((i) => ({ ...i, state: 'pending' as const })),
      });
      await guard.attempt(
        () => api.overview.report(refresh ? { refresh: true } : {}),
        (outcome) => {
          live = null;
          if (outcome.ok) {
            const { instances, findings, generatedAt } = outcome.value;
            set({ instances, ...withFindings(findings), generatedAt, running: false });
          } else {
            set({
              running: false,
              ...(isVaultState(outcome.error) ? {} : { error: outcome.error }),
            });
          }
        },
      );
    };

    return {
      ...EMPTY,

      connect: () => {
        const off = [
          api.on('vault.locked', () => {
            guard.bump();
            live = null;
            set(EMPTY);
          }),
          api.on('overview.progress', (part) => {
            if (live?.() === true) set(withPart(get(), part));
          }),
        ];
        return () => {
          for (const stop of off) stop();
        };
      },

      load: () => run(false),
      refresh: () => run(true),

      resolved: (findingId) => {
        set(withFindings((get().findings ?? []).filter((f) => f.id !== findingId)));
      },

      exportReport: (format) => attempt(() => api.overview.export({ format })),

      markPublic: async (finding) => {
        const { instanceId, subject } = finding;
        const outcome = await attempt(() =>
          api.chatflows.markPublic({ instanceId, chatflowId: subject.id }),
        );
        if (outcome.ok) get().resolved(finding.id);
        return outcome;
      },

      split: async (finding) => {
        const { instanceId, subject } = finding;
        const outcome = await attempt(() => api.keys.split({ instanceId, keyId: subject.id }));
        if (outcome.ok && outcome.value.failed.length === 0) get().resolved(finding.id);
        return outcome;
      },
    };
  });
}
