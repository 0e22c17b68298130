// The ports the credentials.* methods use.
import type { AuditLog } from '../audit/audit-log.js';
import type { InstanceClients } from '../instances/instance-clients.js';
import type { Clock } from '../ports.js';

export interface CredentialsDeps {
  clients: Pick<InstanceClients, 'client' | 'record'>;
  audit: Pick<AuditLog, 'append'>;
  clock: Clock;
}
