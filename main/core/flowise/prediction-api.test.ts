import { describe, expect, it } from 'vitest';

import { createFlowiseClient } from './flowise-client.js';
import { json, ScriptedHttp } from './testing/scripted-http.js';

const ADMIN = 'A'.repeat(43);
const BOUND = 'B1b2B3b4B5b6B7b8B9b0C1c2C3c4C5c6C7c8C9c0D1d';
const clientOf = (http: ScriptedHttp) =>
  createFlowiseClient({ http, baseUrl: 'http://127.0.0.1:3000', apiKey: ADMIN, timeoutMs: 1000 });

describe('predict()', () => {
  it('sends the bound key in the header only, never the admin key', async () => {
    const http = new ScriptedHttp().on(
      'POST',
      '/api/v1/prediction/f1',
      json(200, { text: 'pong-from-flowise', question: 'hi', chatId: 'c' }),
    );
    expect(await clientOf(http).predict('f1', 'hi', { apiKey: BOUND })).toEqual({
      text: 'pong-from-flowise',
      chatId: 'c',
    });
    const [request] = http.requests;
    expect(request?.headers.authorization).toBe(`Bearer ${BOUND}`);
    expect(request?.url).not.toContain(BOUND);
    expect(JSON.parse(request?.body ?? '')).toEqual({ question: 'hi', streaming: false });
    await clientOf(http).predict('f1', 'hi');
    expect(http.requests[1]?.headers.authorization).toBeUndefined();
  });

  it('reads Flowise\'s 500 "Unauthorized" as a refused key', async () => {
    const http = new ScriptedHttp()
      .on(
        'POST',
        '/api/v1/prediction/f1',
        json(500, { message: 'Error: predictionsServices.buildChatflow - Unauthorized' }),
      )
      .on(
        'POST',
        '/api/v1/prediction/f2',
        json(404, { message: 'Chatflow f2 not found in the database!' }),
      )
      .on('POST', '/api/v1/prediction/f3', json(500, { message: 'Ending nodes not found' }));
    const client = clientOf(http);
    const refused = client.predict('f1', 'hi', { apiKey: BOUND });
    await expect(refused).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(refused).rejects.toSatisfy((e: Error) => !e.message.includes(BOUND));
    await expect(client.predict('f2', 'hi')).rejects.toMatchObject({ code: 'not_found' });
    await expect(client.predict('f3', 'hi')).rejects.toMatchObject({ code: 'server_error' });
  });

  it('says what the server said when a flow exists but cannot run', async () => {
    const http = new ScriptedHttp().on(
      'POST',
      '/api/v1/prediction/f3',
      json(500, { message: 'Error: predictionsServices.buildChatflow - Ending nodes not found' }),
    );
    const failed = clientOf(http).predict('f3', 'hi', { apiKey: BOUND });
    await expect(failed).rejects.toMatchObject({ code: 'server_error' });
    await expect(failed).rejects.toSatisfy(
      (e: Error) =>
        e.message.includes('could not run it') &&
        e.message.includes('The server said: Ending nodes not found') &&
        !e.message.includes('was not found'),
    );
  });
});
