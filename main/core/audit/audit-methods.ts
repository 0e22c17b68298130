// The audit.* methods: reads of the log; every write comes from the feature that made the change.
import type { ApiImpl } from '../../../common/ipc/contract.js';
import type { AuditLog } from './audit-log.js';

export function createAuditMethods(audit: AuditLog): ApiImpl['audit'] {
  return {
    list: (query) => audit.list(query),
    verify: () => audit.verify(),
    export: () => audit.export(),
  };
}
