// The credentials.* methods. Reads give the list with type labels and usage, the searchable
// catalog, and one credential for the edit form, whose secrets show only as set or not. Input is
// checked against the type before it is sent; an update sends only what changed, so a stored
// secret is never overwritten by what the form shows; every change lands in the audit log with
// names and field labels, never a value. Rotating one secret is credential-rotation.ts.
import { AppError } from '../../../common/errors.js';
import type { ApiImpl } from '../../../common/ipc/contract.js';
import type { CredentialRow } from '../flowise/flowise-schemas.js';
import { scrubbed, sharedRefusal, valuesToScrub } from './credential-errors.js';
import { fieldsForEdit } from './credential-fields.js';
import { summarizeCredential } from './credential-summaries.js';
import { searchTypes, toTypeEntry } from './credential-types.js';
import { scanUsage } from './credential-usage.js';
import { checkChanges, checkNewData } from './credential-validation.js';
import { auditor, openCredential, typeOf } from './credential-access.js';
import { createCredentialRotation } from './credential-rotation.js';
import type { CredentialsDeps } from './credentials-deps.js';
import { confirmDeletion, describeUpdate } from './credential-wording.js';
import { countOf } from '../../../common/words.js';

export function createCredentialsMethods(deps: CredentialsDeps): ApiImpl['credentials'] {
  return {
    async list({ instanceId }) {
      const client = deps.clients.client(instanceId);
      const [rows, types, usage] = await Promise.all([
        client.listCredentials(),
        client.listCredentialTypes(),
        scanUsage(client),
      ]);
      const labels = new Map(types.map((t) => [t.name, t.label]));
      return {
        instanceId,
        credentials: rows
          .map((row) =>
            summarizeCredential(
              instanceId,
              row,
              labels.get(row.credentialName),
              usage.flowsOf(row.id),
            ),
          )
          .sort((a, b) => a.name.localeCompare(b.name)),
        usage: usage.status,
        fetchedAt: deps.clock.now(),
      };
    },

    async types({ instanceId, query }) {
      const all = (await deps.clients.client(instanceId).listCredentialTypes()).map(toTypeEntry);
      return { types: searchTypes(all, query), total: all.length };
    },

    async get({ instanceId, id }) {
      const { client, detail, type } = await openCredential(deps, instanceId, id);
      const usage = await scanUsage(client);
      return {
        ...summarizeCredential(instanceId, detail, type?.label, usage.flowsOf(detail.id)),
        ...(type === undefined ? {} : { type }),
        fields: fieldsForEdit(detail.plainDataObj, type),
        usage: usage.status,
      };
    },
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
              ? `${countOf(usedBy.length, 'flow')} used it`
              : usage.status.checked
                ? 'no flow used it'
                : 'usage could not be checked',
        });
      } catch (error) {
        await audit.failed('credential.delete', subject, error);
        throw error;
      }
    },
    ...createCredentialRotation(deps),
  };
}
