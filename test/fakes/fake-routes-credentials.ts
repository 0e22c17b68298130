// /credentials and /components-credentials as Flowise 3.1.4 serves them: secrets never come back
// (password inputs read as the placeholder, url inputs masked; the reveal route, 3.1.3+, gives url
// inputs in clear and nothing else), PUT merges the fields sent over the stored ones, unknown ids
// answer 500 "not found" on GET and PUT and 200 `affected: 0` on DELETE. POST takes an `id` from
// 3.0.5 (earlier servers make their own), and a POST with an id that exists silently replaces that
// credential whole (TypeORM's save), as measured on 3.1.4.
import { randomBytes } from 'node:crypto';

import type { FakeCredentialType } from './fake-credential-types.js';
import { credentialType, CREDENTIAL_TYPES } from './fake-credential-types.js';
import type { FakeCredential } from './fake-flowise-state.js';
import type { FakeRequest, FakeRoute } from './fake-flowise-http.js';
import { bodyObject, DELETED, HttpFail, json, route } from './fake-flowise-http.js';
import { versionAtLeast } from '../../main/core/flowise/generation.js';

export const PLACEHOLDER = '_FLOWISE_BLANK_07167752-1a71-43b1-bf8f-4f32252165db';

function maskUrl(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)([^@]*)@/i, '$1••••••@');
}

function redacted(credential: FakeCredential, masksUrls: boolean): Record<string, unknown> {
  const inputs = credentialType(credential.credentialName)?.inputs ?? [];
  return Object.fromEntries(
    Object.entries(credential.data).map(([name, value]) => {
      const type = inputs.find((i) => i.name === name)?.type;
      if (type === 'password') return [name, PLACEHOLDER];
      if (type === 'url' && masksUrls) return [name, maskUrl(value)];
      return [name, value];
    }),
  );
}

const entity = (request: FakeRequest, credential: FakeCredential) => ({
  ...request.state.credentialRow(credential),
  encryptedData: `U2FsdGVkX1${randomBytes(24).toString('base64')}`,
});

function stringField(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string')
    throw new HttpFail(
      500,
      `Error: credentialsService.createCredential - SQLITE_CONSTRAINT: NOT NULL constraint failed: credential.${field}`,
    );
  return value;
}

/** What the reveal route gives: url inputs in clear, every other field as the placeholder. */
function revealed(credential: FakeCredential): Record<string, unknown> {
  const inputs = credentialType(credential.credentialName)?.inputs ?? [];
  return Object.fromEntries(
    Object.entries(credential.data).map(([name, value]) => [
      name,
      inputs.find((i) => i.name === name)?.type === 'url' ? value : PLACEHOLDER,
    ]),
  );
}

function notFound(where: string, id: string): HttpFail {
  return new HttpFail(500, `Error: credentialsService.${where} - Credential ${id} not found`);
}

/** 3.1.3 moved GET /credentials/:id from view to create-or-update, started masking urls and added
 * the reveal route; 3.0.5 let POST choose the id. */
export function credentialRoutes(version: string): FakeRoute[] {
  const since313 = versionAtLeast(version, [3, 1, 3]);
  const takesId = versionAtLeast(version, [3, 0, 5]);
  // Before 3.1.3 no input was typed `url` (3.0.12 and 2.2.8 list none): such fields were strings.
  const asServed = (type: FakeCredentialType): FakeCredentialType =>
    since313
      ? type
      : {
          ...type,
          inputs: type.inputs.map((i) => (i.type === 'url' ? { ...i, type: 'string' } : i)),
        };
  return [
    route(
      'GET',
      '/credentials',
      (request) => {
        const names = request.query.getAll('credentialName');
        const rows = [...request.state.credentials.values()].filter(
          (c) => names.length === 0 || names.includes(c.credentialName),
        );
        return json(
          200,
          rows.map((c) => request.state.credentialRow(c)),
        );
      },
      { anyOf: 'credentials:view' },
    ),
    route(
      'GET',
      '/credentials/:id',
      (request, { id = '' }) => {
        const credential = request.state.credentials.get(id);
        if (credential === undefined) throw notFound('createCredential', id);
        return json(200, {
          ...request.state.credentialRow(credential),
          plainDataObj: redacted(credential, since313),
        });
      },
      { anyOf: since313 ? 'credentials:create,credentials:update' : 'credentials:view' },
    ),
    ...(since313
      ? [
          route(
            'GET',
            '/credentials/:id/reveal',
            (request, { id = '' }) => {
              const credential = request.state.credentials.get(id);
              if (credential === undefined) throw notFound('revealCredentialById', id);
              return json(200, { plainDataObj: revealed(credential) });
            },
            { anyOf: 'credentials:create,credentials:update' },
          ),
        ]
      : []),
    route(
      'POST',
      '/credentials',
      (request) => {
        const body = bodyObject(request);
        const credentialName = stringField(body, 'credentialName');
        const name = stringField(body, 'name');
        const data = bodyObject({ ...request, body: body.plainDataObj });
        const id = takesId && typeof body.id === 'string' ? body.id : undefined;
        const existing = id === undefined ? undefined : request.state.credentials.get(id);
        if (existing !== undefined) {
          // save() on an existing primary key is an update: the old credential is replaced.
          Object.assign(existing, { name, credentialName, data, updatedDate: request.state.now() });
          const answer: Record<string, unknown> = entity(request, existing);
          delete answer.createdDate;
          return json(200, answer);
        }
        return json(
          200,
          entity(request, request.state.addCredential(name, credentialName, data, id)),
        );
      },
      { anyOf: 'credentials:create' },
    ),
    route(
      'PUT',
      '/credentials/:id',
      (request, { id = '' }) => {
        const credential = request.state.credentials.get(id);
        if (credential === undefined) throw notFound('updateCredential', id);
        const body = bodyObject(request);
        if (typeof body.name === 'string') credential.name = body.name;
        if (typeof body.credentialName === 'string')
          credential.credentialName = body.credentialName;
        credential.data = {
          ...credential.data,
          ...bodyObject({ ...request, body: body.plainDataObj }),
        };
        credential.updatedDate = request.state.now();
        return json(200, entity(request, credential));
      },
      { anyOf: 'credentials:create,credentials:update' },
    ),
    route(
      'DELETE',
      '/credentials/:id',
      (request, { id = '' }) => DELETED(request.state.credentials.delete(id) ? 1 : 0),
      { anyOf: 'credentials:delete' },
    ),
    route('GET', '/components-credentials', () => json(200, CREDENTIAL_TYPES.map(asServed))),
    route('GET', '/components-credentials/:name', (_request, { name = '' }) => {
      const type = credentialType(name);
      if (type === undefined) {
        const where = 'componentsCredentialsService.getSingleComponentsCredential';
        throw new HttpFail(500, `Error: ${where} - Error: ${where} - Credential ${name} not found`);
      }
      return json(200, asServed(type));
    }),
  ];
}
