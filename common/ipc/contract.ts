// Every renderer-to-main call and main-to-renderer event, defined once. Main validates arguments
// with these schemas before any handler runs; the renderer's `Api` type is derived from them.
import { z } from 'zod';

import type { ApiOf, ImplOf, RawApiOf } from './define.js';
import { method } from './define.js';
import { allKeysWire, keyListWire } from './key-list-wire.js';
import { AppInfo } from './schemas/app.js';
import { AuditExport, AuditPage, AuditQuery, AuditVerification } from './schemas/audit.js';
import {
  BackupFile,
  BackupPreview,
  ExportBackupArgs,
  ImportBackupArgs,
  ImportResult,
  OpenBackupArgs,
  RestoreBackupArgs,
} from './schemas/backup.js';
import {
  CreateCredentialArgs,
  CredentialForEdit,
  CredentialList,
  CredentialRef,
  CredentialSummary,
  CredentialTypeCatalog,
  CredentialTypesArgs,
  DeleteCredentialArgs,
  RotatePlanArgs,
  RotateSecretArgs,
  RotationPlan,
  UpdateCredentialArgs,
} from './schemas/credentials.js';
import {
  AddTargetArgs,
  DeliveryTarget,
  KeyTargets,
  KeyTargetsArgs,
  RemoveTargetArgs,
  UpdateTargetArgs,
} from './schemas/delivery.js';
import {
  ConnectionReport,
  InstanceDraft,
  InstanceId,
  InstanceList,
  InstancePatch,
  InstanceReauth,
  InstanceSummary,
  PinCertificateArgs,
} from './schemas/instances.js';
import {
  AllKeys,
  BindArgs,
  BindManyArgs,
  BindManyResult,
  Chatflow,
  ChatflowRef,
  Copied,
  CopyKeyArgs,
  CreatedKey,
  CreateKeyArgs,
  DeleteKeyArgs,
  InstanceArg,
  KeyList,
  KeyRef,
  KeySummary,
  PermissionCatalog,
  PublicFlow,
  Revealed,
  RevealArgs,
  Snippet,
  SnippetArgs,
  SplitKeyArgs,
  SplitResult,
  UpdateKeyArgs,
} from './schemas/keys.js';
import {
  OverviewExport,
  OverviewExportArgs,
  OverviewProgress,
  OverviewReport,
  OverviewReportArgs,
} from './schemas/overview.js';
import { DueArgs, DueReport, PolicyList, SetPolicyArgs } from './schemas/policies.js';
import {
  BatchPlan,
  BatchRef,
  BatchResult,
  BatchSelection,
  StartManyArgs,
} from './schemas/rotation-batch.js';
import {
  KeyRotationPlan,
  RotationList,
  RotationPlanArgs,
  RetryDeliveryArgs,
  RevokeArgs,
  RotationRef,
  RotationRevealArgs,
  RotationView,
  StartRotationArgs,
} from './schemas/rotation.js';
import {
  CredentialCopyArgs,
  CredentialCopyPlan,
  CredentialCopyPlanArgs,
  CredentialCopyResult,
  FlowCheck,
  FlowCheckArgs,
  KeyPromoteArgs,
  KeyPromotePlan,
  KeyPromoteRef,
  PromotedKey,
} from './schemas/promote.js';
import { Settings, SettingsPatch } from './schemas/settings.js';
import {
  ChangePasswordArgs,
  CreateVaultArgs,
  KeychainArgs,
  LockReason,
  RestoreGenerationArgs,
  UnlockArgs,
  VaultGeneration,
  VaultStatus,
} from './schemas/vault.js';

const none = z.tuple([]);

export const contract = {
  methods: {
    app: {
      info: method(none, AppInfo),
    },
    vault: {
      status: method(none, VaultStatus),
      create: method(z.tuple([CreateVaultArgs]), VaultStatus),
      unlock: method(z.tuple([UnlockArgs]), VaultStatus),
      unlockWithKeychain: method(none, VaultStatus),
      lock: method(none, VaultStatus),
      changePassword: method(z.tuple([ChangePasswordArgs]), z.void()),
      /** Keeps the damaged file aside, then opens the previous generation. */
      restoreBackup: method(none, VaultStatus),
      setKeychainUnlock: method(z.tuple([KeychainArgs]), VaultStatus),
      /** The automatic local backups, newest first (the newest is the vault as it is now). */
      generations: method(none, z.array(VaultGeneration)),
      /** Puts one in place of the vault and locks; the unlock then asks before opening it (the
       * rollback prompt, naming its date and save number). */
      restoreGeneration: method(z.tuple([RestoreGenerationArgs]), VaultStatus),
    },
    settings: {
      get: method(none, Settings),
      update: method(z.tuple([SettingsPatch]), Settings),
    },
    instances: {
      list: method(none, InstanceList),
      add: method(z.tuple([InstanceDraft]), InstanceSummary),
      /**
       * Only the fields that changed; the admin key only when the person typed a new one. A new
       * address or trust setting without a typed key needs the master password.
       */
      update: method(
        z.tuple([InstanceId, InstancePatch, InstanceReauth.optional()]),
        InstanceSummary,
      ),
      remove: method(z.tuple([InstanceId]), z.void()),
      /** The full list of ids in the new order. */
      reorder: method(z.tuple([z.array(InstanceId).max(1000)]), InstanceList),
      setActive: method(z.tuple([InstanceId]), z.void()),
      /** Tests a saved instance and keeps the report with it. */
      test: method(z.tuple([InstanceId]), ConnectionReport),
      /** Tests the add form before anything is saved. */
      testDraft: method(z.tuple([InstanceDraft]), ConnectionReport),
      /** Tests the edit form: the saved profile with the typed changes, nothing saved. The saved
       * key goes to a new address or trust setting only with the master password. */
      testEdit: method(
        z.tuple([InstanceId, InstancePatch, InstanceReauth.optional()]),
        ConnectionReport,
      ),
      /** Re-pins: trusts the certificate the saved address presents now, if it is the one shown. */
      pinCertificate: method(z.tuple([InstanceId, PinCertificateArgs]), InstanceSummary),
    },
    keys: {
      list: method(z.tuple([InstanceArg]), KeyList, keyListWire),
      /** Every instance side by side; an unreachable one carries its error instead of keys. */
      listAll: method(none, AllKeys, allKeysWire),
      /** The permission picker: the server's catalog and what the admin key itself holds. */
      permissions: method(z.tuple([InstanceArg]), PermissionCatalog),
      create: method(z.tuple([CreateKeyArgs]), CreatedKey),
      /** Redeems a creation ticket once; a second call is refused. */
      reveal: method(z.tuple([RevealArgs]), Revealed),
      /** To the clipboard only, concealed and cleared after the configured seconds. */
      copy: method(z.tuple([CopyKeyArgs]), Copied),
      update: method(z.tuple([UpdateKeyArgs]), KeySummary),
      delete: method(z.tuple([DeleteKeyArgs]), z.void()),
      /** One new key per bound flow (same permissions, "<key> – <flow>"), each flow rebound to
       * its own; the old key is kept. Run again after a failure: keys made are reused by name. */
      split: method(z.tuple([SplitKeyArgs]), SplitResult),
      /** Puts a key missing from the server back with its exact value and name (import route,
       * 2.0.2 to 3.0.12), when the vault holds its value; its flows follow it. Audited. */
      reimport: method(z.tuple([KeyRef]), KeySummary),
      /** Stops reporting a missing key (audited); the vault drops what it knew of it. */
      forgetMissing: method(z.tuple([KeyRef]), z.void()),
    },
    chatflows: {
      list: method(z.tuple([InstanceArg]), z.array(Chatflow)),
      /** keyId null is "No Authorization": the flow becomes public. */
      bind: method(z.tuple([BindArgs]), Chatflow),
      /** bind for several flows to one key, flow by flow; the key is checked once, up front. */
      bindMany: method(z.tuple([BindManyArgs]), BindManyResult),
      /** The code as shown: a placeholder where the key goes. */
      snippet: method(z.tuple([SnippetArgs]), Snippet),
      /** The same code with the real key, to the clipboard only. */
      copySnippet: method(
        z.tuple([SnippetArgs.extend({ password: z.string().max(1024).optional() })]),
        Copied,
      ),
      /** Remembers a flow with no key as public on purpose (audited); binding a key forgets it. */
      markPublic: method(z.tuple([ChatflowRef]), z.void()),
      /** Undoes markPublic (audited). */
      unmarkPublic: method(z.tuple([ChatflowRef]), z.void()),
      /** The instance's flows remembered as public on purpose. */
      publicOnPurpose: method(z.tuple([InstanceArg]), z.array(PublicFlow)),
    },
    credentials: {
      /** Every credential with its type label and the flows that use it. */
      list: method(z.tuple([InstanceArg]), CredentialList),
      /** The searchable catalog of credential types, with their inputs. */
      types: method(z.tuple([CredentialTypesArgs]), CredentialTypeCatalog),
      /** For the edit form: secret fields only as `{ kind: 'secret', set }`. */
      get: method(z.tuple([CredentialRef]), CredentialForEdit),
      create: method(z.tuple([CreateCredentialArgs]), CredentialSummary),
      /** A rename, and only the fields that changed; stored secrets are kept. */
      update: method(z.tuple([UpdateCredentialArgs]), CredentialSummary),
      /** The flows that use the credential, to review before rotating one of its secrets. */
      rotatePlan: method(z.tuple([RotatePlanArgs]), RotationPlan),
      rotate: method(z.tuple([RotateSecretArgs]), CredentialSummary),
      delete: method(z.tuple([DeleteCredentialArgs]), z.void()),
    },
    promote: {
      // Moving credentials and keys from one instance to another; every change audited with both
      // instances named.
      /** What copying these credentials would do: fields carried, secrets to type, and any
       * credential of the same id on the target. Nothing changes. */
      credentialsPlan: method(z.tuple([CredentialCopyPlanArgs]), CredentialCopyPlan),
      /** Each credential created on the target with its source id (3.0.5+), or, when asked,
       * overwriting the one of that id there; a result per credential. */
      credentials: method(z.tuple([CredentialCopyArgs]), CredentialCopyResult),
      /** What making a key again on the target can do there: a new value, or the same value
       * through the import route (2.0.2 to 3.0.12). */
      keyPlan: method(z.tuple([KeyPromoteRef]), KeyPromotePlan),
      key: method(z.tuple([KeyPromoteArgs]), PromotedKey),
      /** The credentials a flow needs and whether each is on the target with the same id. */
      flowCheck: method(z.tuple([FlowCheckArgs]), FlowCheck),
    },
    rotation: {
      // One key's guided rotation, resumable from its journal, and the bulk layer over it.
      /** The affected flows and the permissions to copy; nothing is changed or saved. */
      plan: method(z.tuple([RotationPlanArgs]), KeyRotationPlan),
      /** Saves a journal and runs every step up to grace (or up to the step that fails). */
      start: method(z.tuple([StartRotationArgs]), RotationView),
      /** Continues an unfinished rotation from its journal: retries the failed or interrupted step. */
      resume: method(z.tuple([RotationRef]), RotationView),
      /** A fresh one-time ticket for the new key while the rotation is in grace. Like keys.copy, it
       * asks for the master password (reauth_required) once the unlock is older than the window. */
      reveal: method(z.tuple([RotationRevealArgs]), RotationView),
      /** Ends grace: deletes the old key, then checks that it is refused. */
      revoke: method(z.tuple([RevokeArgs]), RotationView),
      /** Runs the named delivery targets (and their checks) again, while in grace. */
      retryDelivery: method(z.tuple([RetryDeliveryArgs]), RotationView),
      /** Before revoke only: flows back to the old key, then the new key deleted. */
      rollback: method(z.tuple([RotationRef]), RotationView),
      /** Every journal, newest first; `unfinished` ones are offered for resume after an unlock. */
      list: method(z.tuple([]), RotationList),
      /** Bulk: the keys a policy (or the person) picks, each with its plan or why it cannot go. */
      planMany: method(z.tuple([BatchSelection]), BatchPlan),
      /** Bulk: one rotation per key, each up to grace, sharing a batch id; a failure stops only its key. */
      startMany: method(z.tuple([StartManyArgs]), BatchResult),
      /** Bulk: revokes the old key of every rotation of the batch that waits in grace. */
      revokeMany: method(z.tuple([BatchRef]), BatchResult),
    },
    overview: {
      /** Every instance's findings: the report cached since unlock, or fetched again on refresh.
       * Each instance's part is sent as `overview.progress` as soon as it arrives. */
      report: method(z.tuple([OverviewReportArgs]), OverviewReport),
      /** The latest report (computed first if there is none) as a file to save; no secret in it. */
      export: method(z.tuple([OverviewExportArgs]), OverviewExport),
    },
    policies: {
      /** Every maximum age set on an instance or a key. */
      list: method(none, PolicyList),
      /** Sets (or, with null, removes) an instance's or a key's maximum age; audited. */
      set: method(z.tuple([SetPolicyArgs]), PolicyList),
      /** The keys due for rotation, and those due within Settings' dueSoonDays, from what the vault
       * knows (first-seen dates, rotations, policies): no server is asked. */
      due: method(z.tuple([DueArgs]), DueReport),
    },
    delivery: {
      /** A key's delivery targets: where a rotation puts its new value. */
      list: method(z.tuple([KeyTargetsArgs]), KeyTargets),
      /** Needs the master password every time; audited with the whole definition. */
      add: method(z.tuple([AddTargetArgs]), DeliveryTarget),
      /** Needs the master password every time; audited with the definition before and after. */
      update: method(z.tuple([UpdateTargetArgs]), DeliveryTarget),
      remove: method(z.tuple([RemoveTargetArgs]), z.void()),
    },
    backup: {
      /** The vault, or chosen instances, sealed under the backup's own passphrase (which must be
       * "good" or better); needs the master password. Audited with the file's fingerprint. */
      export: method(z.tuple([ExportBackupArgs]), BackupFile),
      /** What importing would do, instance by instance: new, identical or in conflict. */
      preview: method(z.tuple([OpenBackupArgs]), BackupPreview),
      /** Into the open vault, in one save, with a choice for each conflict; audited. */
      import: method(z.tuple([ImportBackupArgs]), ImportResult),
      /** With no vault yet: a new vault under this master password, holding the backup. */
      restore: method(z.tuple([RestoreBackupArgs]), VaultStatus),
    },
    audit: {
      list: method(z.tuple([AuditQuery]), AuditPage),
      verify: method(none, AuditVerification),
      export: method(none, AuditExport),
    },
    clipboard: {
      /** Clears now, if the clipboard still holds what we put there. */
      clear: method(none, z.void()),
    },
    session: {
      /** The person is at the keyboard: restarts the idle timer. */
      activity: method(none, z.void()),
    },
  },
  events: {
    'vault.locked': z.object({ reason: LockReason }),
    'vault.unlocked': z.object({}),
    'settings.changed': Settings,
    /** A secret went to the clipboard; the renderer counts down to `clearsAt`. */
    'clipboard.copied': z.object({ label: z.string(), clearsAt: z.number() }),
    /** `cleared` is false when something else had replaced our value, which is then left alone. */
    'clipboard.cleared': z.object({
      label: z.string(),
      reason: z.enum(['timeout', 'lock', 'quit', 'manual']),
      cleared: z.boolean(),
    }),
    /** Another window or a rotation changed the instance list. */
    'instances.changed': InstanceList,
    /** A rotation's journal was saved: after every step, on failure, and at the end. */
    'rotation.progress': RotationView,
    /** One instance's part of an Overview report, as it arrives. */
    'overview.progress': OverviewProgress,
  },
} as const;

export type Contract = typeof contract;
export type Api = ApiOf<Contract>;
export type RawApi = RawApiOf<Contract>;
export type ApiImpl = ImplOf<Contract>;
export type AppEventName = Extract<keyof Contract['events'], string>;
export type AppEventPayload<E extends AppEventName> = z.output<Contract['events'][E]>;
