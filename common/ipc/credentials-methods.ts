// The credentials.* part of the contract, kept in one table so the contract and the tests that
// drive the service through checked handlers use exactly the same schemas.
import { z } from 'zod';

import { method } from './define.js';
import {
  CreateCredentialArgs,
  CredentialForEdit,
  CredentialList,
  CredentialRef,
  CredentialSummary,
  CredentialTypeCatalogue,
  CredentialTypesArgs,
  DeleteCredentialArgs,
  RotatePlanArgs,
  RotateSecretArgs,
  RotationPlan,
  UpdateCredentialArgs,
} from './schemas/credentials.js';
import { InstanceArg } from './schemas/keys.js';

export const credentialsMethods = {
  /** Every credential with its type label and the flows that use it. */
  list: method(z.tuple([InstanceArg]), CredentialList),
  /** The searchable catalogue of credential types, with their inputs. */
  types: method(z.tuple([CredentialTypesArgs]), CredentialTypeCatalogue),
  /** For the edit form: secret fields only as `{ kind: 'secret', set }`. */
  get: method(z.tuple([CredentialRef]), CredentialForEdit),
  create: method(z.tuple([CreateCredentialArgs]), CredentialSummary),
  /** A rename, and only the fields that changed; stored secrets are kept. */
  update: method(z.tuple([UpdateCredentialArgs]), CredentialSummary),
  /** The flows that use the credential, to review before rotating one of its secrets. */
  rotatePlan: method(z.tuple([RotatePlanArgs]), RotationPlan),
  rotate: method(z.tuple([RotateSecretArgs]), CredentialSummary),
  delete: method(z.tuple([DeleteCredentialArgs]), z.void()),
} as const;
