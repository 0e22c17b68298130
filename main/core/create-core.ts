// The composition root: the only place where the core's modules are wired to the ports. The
// Electron shell, the loopback harness and the tests all call this with their own ports.
import type { ApiImpl } from '../../common/ipc/contract.js';
import type { Settings } from '../../common/ipc/schemas/settings.js';
import type { LockReason } from '../../common/ipc/schemas/vault.js';
import type { AuditLog } from './audit/audit-log.js';
import { createAppMethods } from './app/app-methods.js';
import { createAuditLog } from './audit/audit-log.js';
import { createAuditMethods } from './audit/audit-methods.js';
import { createBackupMethods } from './backup/backup-methods.js';
import { createClipboardGuard } from './clipboard/clipboard-guard.js';
import { createClipboardMethods } from './clipboard/clipboard-methods.js';
import type {
  ClipboardPort,
  Clock,
  CommandConfirmPort,
  CommandPort,
  EventSink,
  HostInfo,
  HttpPort,
  KeyProtector,
  Logger,
  NotifierPort,
  SecureValueStore,
  StateStore,
  TargetFilePort,
  VaultFileStore,
} from './ports.js';
import { createCredentialsMethods } from './credentials/credentials-methods.js';
import { createDeliveryMethods } from './delivery/delivery-methods.js';
import { createTargetStore } from './delivery/target-store.js';
import { createConnect, createProbe } from './flowise/connect.js';
import { createInstanceClients, keyedClients } from './instances/instance-clients.js';
import { createKeyWriteQueues } from './flowise/key-write-queues.js';
import { createServerGenerations } from './flowise/server-generations.js';
import { createConditionalReads } from './flowise/conditional-reads.js';
import { createChatflowsMethods } from './keys/chatflows-methods.js';
import { createKeyCopy } from './keys/key-copy.js';
import { createKeysMethods } from './keys/keys-methods.js';
import type { KeysDeps } from './keys/keys-deps.js';
import { createKnownKeys } from './keys/known-keys.js';
import { createPublicFlows } from './keys/public-flows.js';
import { createRevealTickets } from './keys/reveal-tickets.js';
import { createPromoteMethods } from './promote/promote-methods.js';
import type { RotationHooks } from './rotation/rotation-deps.js';
import { createJournalStore, refuseWhileRotating } from './rotation/rotation-journal.js';
import { createRotationMethods } from './rotation/rotation-methods.js';
import { rotatingKeyIds } from './rotation/rotation-overlap.js';
import { createInstanceStore } from './instances/instance-store.js';
import { createInstancesMethods } from './instances/instances-methods.js';
import { createOverviewMethods } from './overview/overview-methods.js';
import { dueFacts, listDue } from './policies/due-list.js';
import { createDueWatch } from './policies/due-watch.js';
import { createPoliciesMethods } from './policies/policies-methods.js';
import { createPolicyStore } from './policies/policy-store.js';
import { createAutoLock } from './session/auto-lock.js';
import { createSessionMethods } from './session/session-methods.js';
import { createSessionService } from './session/session-service.js';
import { trackActivity } from './session/track-activity.js';
import { createSettingsMethods } from './settings/settings-methods.js';
import { createSettingsService } from './settings/settings-service.js';
import { createUnlockAttempts } from './vault/unlock-attempts.js';
import { createVaultMethods } from './vault/vault-methods.js';
import type { KdfPolicy } from './vault/vault.js';
import { Vault } from './vault/vault.js';

export interface CorePorts {
  files: VaultFileStore;
  protector: KeyProtector;
  state: StateStore;
  /** The OS keychain's small-value store; without it the rollback counter lives in state only. */
  secure?: SecureValueStore;
  clock: Clock;
  events: EventSink;
  logger: Logger;
  host: HostInfo;
  /** Every request to a Flowise server. */
  http: HttpPort;
  clipboard: ClipboardPort;
  /** The OS account name, for the audit log. */
  osUser: string;
  /** Delivery targets' files and commands; without both, a rotation delivers nothing. */
  targetFiles?: TargetFilePort;
  commands?: CommandPort;
  /** Asked before each command run; without it every command run is declined. */
  confirmCommand?: CommandConfirmPort;
  /** OS notifications (a key became due); without it, none are shown. */
  notifier?: NotifierPort;
  /** Tests pass tiny parameters; the app never does. */
  kdf?: KdfPolicy;
  /** The bench only: how many instances the Overview fetches at once (one, to compare). */
  overviewConcurrency?: number;
  /** Tests only: named points inside a rotation where a crash is played. */
  rotationHooks?: RotationHooks;
}

export interface Core {
  impl: ApiImpl;
  /** Locks now if unlocked (screen lock, sleep, quit, or the lock button). */
  lock(reason: LockReason): void;
  settings(): Settings;
  readonly audit: AuditLog;
  /** Locks with reason 'quit' and stops every timer. */
  shutdown(): Promise<void>;
}

/** No one to ask: nothing runs. */
const DECLINE_ALL: CommandConfirmPort = { confirm: () => Promise.resolve(false) };

export function createCore(ports: CorePorts): Core {
  const { clock, events, logger } = ports;
  const settings = createSettingsService(ports.state);
  const vault = new Vault({
    files: ports.files,
    protector: ports.protector,
    state: ports.state,
    ...(ports.secure === undefined ? {} : { secure: ports.secure }),
    clock,
    logger,
    ...(ports.kdf === undefined ? {} : { kdf: ports.kdf }),
    keepGenerations: () => settings.get().backupGenerations,
  });
  const session = createSessionService({
    vault,
    events,
    logger,
    autoLock: (onIdle) =>
      createAutoLock({ clock, minutes: () => settings.get().autoLockMinutes, onIdle }),
  });

  const clipboard = createClipboardGuard({
    clipboard: ports.clipboard,
    clock,
    events,
    logger,
    platform: ports.host.platform,
    clearAfterSeconds: () => settings.get().clipboardClearSeconds,
  });
  session.onLock(() => {
    void clipboard.clearNow('lock');
  });
  const audit = createAuditLog({ vault, clock, state: ports.state, logger, osUser: ports.osUser });
  const instanceStore = createInstanceStore(vault);
  const knownKeys = createKnownKeys(vault);
  const publicFlows = createPublicFlows(vault);
  const tickets = createRevealTickets(clock);
  // One queue per server for key changes on 2.x, its generation and the lists it last sent (with
  // their ETag), shared by every client made for it; a lock forgets the generation and the lists.
  const shared = {
    keyWrites: createKeyWriteQueues(),
    generations: createServerGenerations(),
    reads: createConditionalReads(),
  };
  session.onLock(() => {
    shared.generations.forget();
    shared.reads.forget();
  });
  const clients = createInstanceClients(instanceStore, ports.http, shared);
  const journals = createJournalStore(vault);
  const keysDeps: KeysDeps = {
    clients,
    known: knownKeys,
    publicFlows,
    tickets,
    clipboard,
    audit,
    vault,
    settings: () => settings.get(),
    clock,
    rotatingKeys: (instanceId) => rotatingKeyIds({ clients, journals }, instanceId),
    journals,
  };
  // keys.copy and chatflows.copySnippet share one re-auth window, and a lock voids it with the
  // reveal tickets.
  const keyCopy = createKeyCopy(keysDeps);
  session.onLock(() => {
    keyCopy.clear();
  });

  const keysMethods = createKeysMethods(keysDeps, keyCopy);

  const targets = createTargetStore(vault);
  const policies = createPolicyStore(vault);
  const dueDeps = {
    clients,
    known: knownKeys,
    journals,
    policies,
    settings: () => settings.get(),
    clock,
  };
  const dueWatch =
    ports.notifier === undefined
      ? undefined
      : createDueWatch({
          due: () => listDue(dueDeps),
          notifier: ports.notifier,
          clock,
          enabled: () => settings.get().notifyDue,
          logger,
        });
  session.onUnlock(() => dueWatch?.start());
  session.onLock(() => dueWatch?.stop());
  const instances = createInstancesMethods({
    store: instanceStore,
    connect: createConnect(ports.http),
    probe: createProbe(ports.http),
    verifyPassword: (password) => vault.verifyPassword(password),
    clock,
    audit,
    events,
    onRemoved: async (id) => {
      await knownKeys.forgetInstance(id);
      await publicFlows.forgetInstance(id);
      await targets.forgetInstance(id);
      await policies.forgetInstance(id);
    },
    beforeRemove: (id) => {
      refuseWhileRotating(journals, id);
    },
  });

  const overview = createOverviewMethods({
    dueFacts: () => dueFacts(dueDeps),
    revision: () => vault.revision(),
    clients,
    known: knownKeys,
    publicFlows,
    journals,
    audit,
    settings: () => settings.get(),
    clock,
    events,
    logger,
    ...(ports.overviewConcurrency === undefined ? {} : { concurrency: ports.overviewConcurrency }),
  });
  // The report is cached per unlock: a lock forgets it with everything else read from the vault.
  session.onLock(() => {
    overview.clear();
  });

  const vaultMethods = createVaultMethods(
    vault,
    session,
    audit,
    createUnlockAttempts(ports.state, clock),
  );
  const impl: ApiImpl = {
    app: createAppMethods(ports.host),
    vault: vaultMethods,
    settings: createSettingsMethods({
      settings,
      verifyPassword: (password) => vault.verifyPassword(password),
      audit,
      events,
      activity: () => {
        session.activity();
      },
    }),
    instances,
    keys: keysMethods,
    chatflows: createChatflowsMethods(keysDeps, keyCopy),
    credentials: createCredentialsMethods({ clients, audit, clock }),
    promote: createPromoteMethods({ keys: keysDeps }),
    rotation: createRotationMethods({
      clients,
      clientWithKey: keyedClients(instanceStore, ports.http, shared),
      known: knownKeys,
      // As the instance edit form saves a new key: audited, and every window told.
      setAdminKey: async (id, adminKey) => {
        await instances.update(id, { adminKey });
      },
      tickets,
      audit,
      journals,
      vault,
      events,
      clock,
      settings: () => settings.get(),
      hooks: ports.rotationHooks,
      targets,
      policies,
      dueFacts: () => dueFacts(dueDeps),
      delivery:
        ports.targetFiles === undefined || ports.commands === undefined
          ? undefined
          : {
              files: ports.targetFiles,
              commands: ports.commands,
              http: ports.http,
              confirm: ports.confirmCommand ?? DECLINE_ALL,
            },
    }),
    overview: overview.methods,
    policies: createPoliciesMethods({
      ...dueDeps,
      audit,
      onChanged: () => {
        // The report judged ages with the old policy; the next visit computes it again.
        overview.clear();
        dueWatch?.check();
      },
    }),
    delivery: createDeliveryMethods({
      store: targets,
      verifyPassword: (password) => vault.verifyPassword(password),
      audit,
      known: knownKeys,
      instanceName: (id) => instanceStore.read().instances.find((i) => i.id === id)?.name,
    }),
    backup: createBackupMethods({
      vault,
      audit,
      clock,
      kdf: ports.kdf?.params,
      settings: () => settings.get(),
      createVault: async (password) => vaultMethods.create({ password }),
      status: async () => vaultMethods.status(),
      changed: async () => {
        overview.clear();
        events.emit('instances.changed', await instances.list());
      },
    }),
    audit: createAuditMethods(audit),
    clipboard: createClipboardMethods(clipboard),
    session: createSessionMethods(session),
  };

  return {
    impl: trackActivity(impl, () => {
      session.activity();
    }),
    lock: (reason) => {
      session.lock(reason);
    },
    settings: () => settings.get(),
    audit,
    shutdown: async () => {
      session.lock('quit');
      session.dispose();
      await vault.settled();
      await clipboard.clearNow('quit');
      clipboard.dispose();
    },
  };
}
