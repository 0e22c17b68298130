// Runs a chatflow once, to prove that a key opens it (rotation checks the new key this way). The
// key goes in the Authorization header only. Flowise reports a refused key as a 500 whose message
// ends in "Unauthorized", never as a 401.
import { AppError } from '../../../common/errors.js';
import type { Transport } from './flowise-transport.js';
import { PredictionAnswer } from './flowise-schemas.js';
import { checkId, segment } from './input-checks.js';
import { serverMessage } from './response-errors.js';

export interface PredictionResult {
  /** The flow's answer, when it gave text. */
  text: string | undefined;
  chatId: string | undefined;
}

export interface PredictionApi {
  /** `apiKey` is the key the flow is bound to; without it no key is sent. `name` is the flow's
   * name, for the error messages. */
  predict(
    chatflowId: string,
    question: string,
    options?: { apiKey?: string | undefined; name?: string | undefined },
  ): Promise<PredictionResult>;
}

export function createPredictionApi(t: Transport): PredictionApi {
  return {
    async predict(chatflowId, question, options = {}) {
      const flowId = checkId(chatflowId, 'chatflow');
      const what = options.name === undefined ? `Chatflow ${flowId}` : `The flow "${options.name}"`;
      const answer = await t.json('POST', `/prediction/${segment(flowId)}`, PredictionAnswer, {
        body: { question, streaming: false },
        key: options.apiKey ?? null,
        subject: what,
        onError(response, ctx) {
          const reason = serverMessage(response, ctx.secrets);
          // 2.x, asked with a key for a flow bound to a deleted key, fails on the missing secret
          // before it can say "Unauthorized" (docs/flowise-versions.md).
          const refused =
            response.status === 401 ||
            (response.status === 500 &&
              (/\bUnauthorized\b/.test(reason) ||
                /Cannot read properties of undefined \(reading 'split'\)/.test(reason)));
          if (refused)
            return new AppError(
              'unauthorized',
              `${what} on ${ctx.host} refused the key: it is bound to another key, or ` +
                'the key it is bound to was deleted.',
              { host: ctx.host, status: response.status, chatflowId: flowId },
            );
          // Flowise sends a flow that cannot be built (no ending node, a node it lacks…) as a 500
          // too: that flow exists, so it is told in the server's words, not as "not found".
          if (response.status !== 500 || /\bchatflow\b.*\bnot found\b/i.test(reason))
            return undefined;
          return new AppError(
            'server_error',
            `${what} is on ${ctx.host}, but the server could not run it (HTTP 500).` +
              (reason === '' ? '' : ` The server said: ${reason}`),
            { host: ctx.host, status: response.status, chatflowId: flowId },
          );
        },
      });
      return {
        text: typeof answer.text === 'string' ? answer.text : undefined,
        chatId: answer.chatId,
      };
    },
  };
}
