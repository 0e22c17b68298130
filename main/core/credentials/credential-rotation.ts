// credentials.rotatePlan / rotate: a new value for one secret field. The plan lists the flows that
// use the credential; rotating refuses if a flow started using it since that review, sends that one
// field alone, checks the server still holds a value for it, and audits the field's label only.
import { AppError } from '../../../common/errors.js';
import type {
  CredentialSummary,
  CredentialTypeEntry,
  CredentialTypeInput,
  RotatePlanArgs,
  RotateSecretArgs,
  RotationPlan,
} from '../../../common/ipc/schemas/credentials.js';
import { scrubbed } from './credential-errors.js';
import { summarizeCredential } from './credential-summaries.js';
import { scanUsage } from './credential-usage.js';
import { checkValue } from './credential-validation.js';
import { flowNames } from './credential-wording.js';
import { auditor, openCredential } from './credential-access.js';
import type { CredentialsDeps } from './credentials-deps.js';
import { countOf } from '../../../common/words.js';

export interface CredentialRotation {
  rotatePlan(args: RotatePlanArgs): Promise<RotationPlan>;
  rotate(args: RotateSecretArgs): Promise<CredentialSummary>;
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/** The field to rotate: a secret, or a url (whose password part is the secret). */
function rotatable(
  type: CredentialTypeEntry | undefined,
  field: string,
  credentialName: string,
): CredentialTypeInput {
  const input = type?.inputs.find((i) => i.name === field);
  if (input !== undefined && (input.secret || input.type === 'url')) return input;
  const choices = (type?.inputs ?? []).filter((i) => i.secret || i.type === 'url');
  throw new AppError(
    'bad_request',
    choices.length === 0
      ? `The type ${type?.label ?? credentialName} has no secret field to rotate.`
      : `${field} is not a secret field of ${type?.label ?? credentialName}; choose one of: ${choices.map((i) => i.label).join(', ')}.`,
    { field },
  );
}

export function createCredentialRotation(deps: CredentialsDeps): CredentialRotation {
  return {
    async rotatePlan({ instanceId, id, field }) {
      const { client, detail, type } = await openCredential(deps, instanceId, id);
      const input = rotatable(type, field, detail.credentialName);
      const usage = await scanUsage(client);
      return {
        credential: summarizeCredential(instanceId, detail, type?.label, usage.flowsOf(id)),
        field: { name: input.name, label: input.label, set: isSet(detail.plainDataObj[field]) },
        usage: usage.status,
      };
    },

    async rotate({ instanceId, id, field, value, reviewedFlowIds }) {
      const audit = auditor(deps, instanceId);
      let subjectName = id;
      try {
        const { client, detail, type } = await openCredential(deps, instanceId, id);
        subjectName = detail.name;
        const input = rotatable(type, field, detail.credentialName);
        const checked = checkValue(input, value);
        if (!checked.ok) throw new AppError('bad_request', `${checked.problem}.`, { field });
        if (checked.value === '')
          throw new AppError('bad_request', `The new ${input.label} is empty.`, { field });
        const usage = await scanUsage(client);
        const usedBy = usage.flowsOf(id);
        const reviewed = new Set(reviewedFlowIds);
        const unseen = usedBy.filter((f) => !reviewed.has(f.id));
        if (unseen.length > 0)
          throw new AppError(
            'conflict',
            `Since the review, ${flowNames(unseen)} started using "${detail.name}". Review the flows again before rotating.`,
            { unseen: unseen.length },
          );
        const row = await client.updateCredential(id, {
          name: detail.name,
          credentialName: detail.credentialName,
          plainDataObj: { [field]: checked.value },
        });
        if (!isSet((await client.getCredential(id)).plainDataObj[field]))
          throw new AppError(
            'server_error',
            `${client.host} did not keep a value for ${input.label} of "${detail.name}".`,
          );
        await audit.ok({
          action: 'credential.update',
          subject: { kind: 'credential', id, name: row.name },
          detail: `secret rotated: ${input.label}; used by ${countOf(usedBy.length, 'flow')}${usage.status.checked ? '' : ' (usage not checked)'}`,
        });
        return summarizeCredential(instanceId, row, type?.label, usedBy);
      } catch (error) {
        const clean = scrubbed(error, [value]);
        await audit.failed(
          'credential.update',
          { kind: 'credential', id, name: subjectName },
          clean,
        );
        throw clean;
      }
    },
  };
}
