// The connection test's way into Flowise: one client per profile, asked to describe the server.
import type { Connect, Probe } from '../instances/connection-report.js';
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

/** The handshake-only certificate probe, where the HttpPort has one. */
export function createProbe(http: HttpPort): Probe | undefined {
  const probe = http.probeCertificate?.bind(http);
  return probe === undefined ? undefined : (target) => probe(target);
}
