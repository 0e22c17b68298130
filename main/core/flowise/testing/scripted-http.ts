// An HttpPort for unit tests: answers by method and path from a script and records every request.
// Unscripted routes answer like Flowise does for an unknown route: 200 with its web page.
import type { HttpPort, HttpRequest, HttpResponse } from '../../ports.js';

type Answer = HttpResponse | Error | ((request: HttpRequest) => HttpResponse | Error);

interface Scripted {
  method: string;
  path: string;
  answer: Answer;
  once: boolean;
}

export const json = (status: number, body: unknown): HttpResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

export const html = (status = 200): HttpResponse => ({
  status,
  headers: { 'content-type': 'text/html; charset=UTF-8' },
  body: '<!DOCTYPE html><html><head><title>Flowise</title></head><body></body></html>',
});

export const text = (body: string, status = 200): HttpResponse => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body,
});

export const redirect = (status: number, location: string): HttpResponse => ({
  status,
  headers: { location },
  body: '',
});

export class ScriptedHttp implements HttpPort {
  readonly requests: HttpRequest[] = [];
  private readonly script: Scripted[] = [];

  /** `path` is the full URL path, e.g. `/api/v1/apikey`. Later entries win. */
  on(method: string, path: string, answer: Answer): this {
    this.script.unshift({ method, path, answer, once: false });
    return this;
  }

  once(method: string, path: string, answer: Answer): this {
    this.script.unshift({ method, path, answer, once: true });
    return this;
  }

  paths(): string[] {
    return this.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`);
  }

  request(request: HttpRequest): Promise<HttpResponse> {
    this.requests.push(request);
    const path = new URL(request.url).pathname;
    const index = this.script.findIndex((s) => s.method === request.method && s.path === path);
    const entry = this.script[index];
    if (entry === undefined) return Promise.resolve(html());
    if (entry.once) this.script.splice(index, 1);
    const answer = typeof entry.answer === 'function' ? entry.answer(request) : entry.answer;
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }
}
