// credentials.create / update / delete. Input is checked against the type before it is sent; an
// update sends only what changed, so a stored secret is never overwritten by what the form shows;
// every change lands in the audit log with names and field labels, never a value.
import { AppError } from '../../../common/errors.js';
import type {
  CreateCredentialArgs,
  CredentialSummary,
  DeleteCredentialArgs,
  UpdateCredentialArgs,
} from '../../../common/ipc/schemas/credentials.js';
import type { CredentialRow } from '../flowise/flowise-schemas.js';
import { scrubbed, sharedRefusal, valuesToScrub } from './credential-errors.js';
import { fieldsForEdit } from './credential-fields.js';
import { summarizeCredential } from './credential-summaries.js';
import { scanUsage } from './credential-usage.js';
import { checkChanges, checkNewData } from './credential-validation.js';
import type { CredentialsDeps } from './credentials-deps.js';
import { auditor, openCredential, typeOf } from './credentials-deps.js';
import { confirmDeletion, describeUpdate } from './credential-wording.js';

export interface CredentialMutations {
  create(args: CreateCredentialArgs): Promise<CredentialSummary>;
  update(args: UpdateCredentialArgs): Promise<CredentialSummary>;
  delete(args: DeleteCredentialArgs): Promise<void>;
}

export function createCredentialMutations(deps: CredentialsDeps): CredentialMutations {
  return {
    async create({ instanceId, credentialName, name, data }) {
      const audit = auditor(deps, instanceId);
      const client = deps.clients.client(instanceId);
      const secrets = valuesToScrub(data);
      try {
        const type = await typeOf(client, credentialName);
        if (type === undefined)
          throw new AppError(
            'bad_request',
            `${client.host} has no credential type named ${credentialName}.`,
            { credentialName },
          );
        const plainDataObj = checkNewData(type, data);
        secrets.push(...valuesToScrub(plainDataObj));
        const row = await client.createCredential({ name, credentialName, plainDataObj });
        await audit.ok({
          action: 'credential.create',
          subject: { kind: 'credential', id: row.id, name: row.name },
          detail: `type ${type.label}`,
        });
        return summarizeCredential(instanceId, row, type.label, []);
      } catch (error) {
        const clean = scrubbed(error, secrets);
        await audit.failed('credential.create', { kind: 'credential', name }, clean);
        throw clean;
      }
    },

    async update({ instanceId, id, name, changes = {} }) {
      const audit = auditor(deps, instanceId);
      const secrets = valuesToScrub(changes);
      let subjectName = id;
      try {
        const { client, detail, type } = await openCredential(deps, instanceId, id);
        subjectName = detail.name;
        let fields: Record<string, string | boolean> = {};
        if (Object.keys(changes).length > 0) {
          if (type === undefined)
            throw new AppError(
              'bad_request',
              `${client.host} no longer knows the type ${detail.credentialName}, so the fields of "${detail.name}" cannot be checked; it can only be renamed.`,
            );
          fields = checkChanges(type, changes, fieldsForEdit(detail.plainDataObj, type));
          secrets.push(...valuesToScrub(fields));
        }
        const renamed = name !== undefined && name !== detail.name;
        const changed = Object.keys(fields);
        let row: CredentialRow = detail;
        if (renamed || changed.length > 0) {
          // Both names go on every PUT (Flowise wants them); plainDataObj only with what changed.
          row = await client.updateCredential(id, {
            name: renamed ? name : detail.name,
            credentialName: detail.credentialName,
            ...(changed.length === 0 ? {} : { plainDataObj: fields }),
          });
          const labels = changed.map((f) => type?.inputs.find((i) => i.name === f)?.label ?? f);
          await audit.ok({
            action: 'credential.update',
            subject: { kind: 'credential', id, name: row.name },
            detail: describeUpdate(renamed ? detail.name : undefined, labels),
          });
        }
        const usage = await scanUsage(client);
        return summarizeCredential(instanceId, row, type?.label, usage.flowsOf(id));
      } catch (error) {
        const clean = scrubbed(error, secrets);
        await audit.failed(
          'credential.update',
          { kind: 'credential', id, name: subjectName },
          clean,
        );
        throw clean;
      }
    },

    async delete({ instanceId, id, confirmName }) {
      const audit = auditor(deps, instanceId);
      const client = deps.clients.client(instanceId);
      const row = (await client.listCredentials()).find((r) => r.id === id);
      if (row === undefined)
        throw new AppError('not_found', 'That credential is already gone from the server.', {
          credentialId: id,
        });
      if (row.shared === true) throw sharedRefusal(row.name);
      const subject = { kind: 'credential' as const, id, name: row.name };
      try {
        const usage = await scanUsage(client);
        const usedBy = usage.flowsOf(id);
        confirmDeletion(row, usage.status, usedBy, confirmName);
        await client.deleteCredential(id);
        await audit.ok({
          action: 'credential.delete',
          subject,
          detail:
            usedBy.length > 0
              ? `${String(usedBy.length)} flow(s) used it`
              : usage.status.checked
                ? 'no flow used it'
                : 'usage could not be checked',
        });
      } catch (error) {
        await audit.failed('credential.delete', subject, error);
        throw error;
      }
    },
  };
}
