// For the bench's fakes only: a GET's answer is kept until the next request that may change the
// state (any other method), so the fakes do not serialize the same unchanged lists again and again
// on the machine the app is measured on, where real servers would not run. Correct only for a fake
// whose state changes over HTTP alone, or through the FakeFlowise methods (which forget it).
import type { Reply } from './fake-flowise-http.js';

export interface AnswerCache {
  answer(method: string, url: string, headers: Record<string, string>, compute: () => Reply): Reply;
  forget(): void;
}

export function createAnswerCache(): AnswerCache {
  const answers = new Map<string, Reply>();
  return {
    answer(method, url, headers, compute) {
      if (method !== 'GET') {
        answers.clear();
        return compute();
      }
      // Who asks decides the answer (a key without the permission gets 403), so it is part of
      // the entry's name.
      const name = [url, headers.authorization ?? '', headers['x-request-from'] ?? ''].join('\n');
      let reply = answers.get(name);
      if (reply === undefined) {
        reply = compute();
        answers.set(name, reply);
      }
      return reply;
    },
    forget() {
      answers.clear();
    },
  };
}
