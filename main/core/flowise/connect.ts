// The connection test's way into Flowise: one client per profile, asked to describe the server.
import type { Connect } from '../instances/connection-report.js';
import type { HttpPort } from '../ports.js';
import { createFlowiseClient } from './flowise-client.js';

export function createConnect(http: HttpPort): Connect {
  return (profile) => ({
    describe: () =>
      createFlowiseClient({
        http,
        baseUrl: profile.baseUrl,
        apiKey: profile.apiKey,
        timeoutMs: profile.timeoutMs,
        tls: profile.tls,
        allowInsecureHttp: profile.allowInsecureHttp,
      }).describe(),
  });
}
