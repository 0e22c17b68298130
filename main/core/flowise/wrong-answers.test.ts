// How the connection test tells answers that are not Flowise's apart: it says what came back
// (status, content type, first words) instead of calling everything "a web page".
import { describe, expect, it } from 'vitest';

import type { HttpResponse } from '../ports.js';
import { createFlowiseClient } from './flowise-client.js';
import { keyRow3 } from './testing/key-rows.js';
import { html, json, ScriptedHttp, text } from './testing/scripted-http.js';

const KEY = 'Kq3v9ZxL0pR7sT2uW5yB8nD1fH4jM6cE0gA3kN9qX2s';
const clientAt = (http: ScriptedHttp, baseUrl: string) =>
  createFlowiseClient({ http, baseUrl, apiKey: KEY, timeoutMs: 1000 });

const empty404: HttpResponse = { status: 404, headers: {}, body: '' };

function flowiseAtRoot(): ScriptedHttp {
  return new ScriptedHttp()
    .on('GET', '/api/v1/ping', text('pong'))
    .on('GET', '/api/v1/version', json(200, { version: '3.1.4' }))
    .on('GET', '/api/v1/apikey', json(200, [keyRow3({ apiKey: KEY })]));
}

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as { code: string; message: string },
  );
}

describe('answers that are not Flowise', () => {
  it('an empty 404 is told as an empty 404, not as a web page', async () => {
    const http = new ScriptedHttp().on('GET', '/api/v1/ping', empty404);
    const error = await failure(clientAt(http, 'http://127.0.0.1:3000').describe());
    expect(error.code).toBe('not_flowise');
    expect(error.message).not.toMatch(/web page|HTML/i);
    expect(error.message).toContain('HTTP 404');
    expect(error.message).toMatch(/no content type/);
    expect(error.message).toMatch(/empty body/);
    expect(error.details).toMatchObject({ status: 404, answer: 'empty' });
  });

  it("a JSON answer that is not Flowise's is told as JSON, with its status, type and first words", async () => {
    const http = new ScriptedHttp().on(
      'GET',
      '/api/v1/ping',
      json(200, { status: 'ok', service: 'grafana' }),
    );
    const error = await failure(clientAt(http, 'http://127.0.0.1:3000').describe());
    expect(error.code).toBe('not_flowise');
    expect(error.message).not.toMatch(/web page|HTML/i);
    expect(error.message).toContain('HTTP 200');
    expect(error.message).toContain('application/json');
    expect(error.message).toContain('{"status":"ok","service":"grafana"}');
    expect(error.details).toMatchObject({ answer: 'json' });
  });

  it('a web page is still called a web page, with its title', async () => {
    const http = new ScriptedHttp().on('GET', '/api/v1/ping', html());
    const error = await failure(clientAt(http, 'http://127.0.0.1:3000').describe());
    expect(error.message).toMatch(/web page \(HTML\)/);
    expect(error.message).toContain('text/html');
    expect(error.message).toContain('Flowise');
    expect(error.details).toMatchObject({ answer: 'html' });
  });

  it('never quotes a key, nor anything key-shaped, from the answer', async () => {
    const other = 'Zz9'.repeat(15);
    const http = new ScriptedHttp().on(
      'GET',
      '/api/v1/ping',
      json(200, { echo: KEY, token: other }),
    );
    const error = await failure(clientAt(http, 'http://127.0.0.1:3000').describe());
    expect(error.message).not.toContain(KEY);
    expect(error.message).not.toContain(other);
    expect(JSON.stringify(error.details)).not.toContain(KEY);
  });

  it('a URL with a random path is a wrong address whether the key is refused or accepted', async () => {
    // Flowise asks for a key on any path containing /api/v1/ except its own routes, and serves its
    // web page to an accepted key: so a wrong path answers 401 or HTML, never "pong".
    const refused = flowiseAtRoot().on(
      'GET',
      '/random/api/v1/ping',
      json(401, { error: 'Unauthorized Access' }),
    );
    const accepted = flowiseAtRoot().on('GET', '/random/api/v1/ping', html());
    for (const http of [refused, accepted]) {
      const error = await failure(clientAt(http, 'http://127.0.0.1:3000/random').describe());
      expect(error.code).toBe('not_flowise');
      expect(error.message).toMatch(/wrong address/i);
      expect(error.message).toContain('http://127.0.0.1:3000');
      expect(error.details).toMatchObject({ suggestion: 'http://127.0.0.1:3000' });
      // The root was asked without the key.
      const root = http.requests.find((r) => new URL(r.url).pathname === '/api/v1/ping');
      expect(root?.headers.authorization).toBeUndefined();
    }
  });

  it('a ping answered 401 on the root address is not called a bad key', async () => {
    const http = new ScriptedHttp().on(
      'GET',
      '/api/v1/ping',
      json(401, { error: 'Unauthorized Access' }),
    );
    const error = await failure(clientAt(http, 'http://127.0.0.1:3000').describe());
    expect(error.code).toBe('not_flowise');
    expect(error.message).toContain('HTTP 401');
  });

  it('a base URL ending in /api or /api/v1 reaches the same routes', async () => {
    for (const baseUrl of [
      'http://127.0.0.1:3000/api',
      'http://127.0.0.1:3000/api/v1/',
      'http://127.0.0.1:3000/API',
    ]) {
      const http = flowiseAtRoot();
      expect(await clientAt(http, baseUrl).describe()).toMatchObject({ version: '3.1.4' });
      expect(http.paths()[0]).toBe('GET /api/v1/ping');
    }
  });
});
