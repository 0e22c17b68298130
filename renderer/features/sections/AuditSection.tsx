import { AuditPage } from '../audit/AuditPage.js';

export function AuditSection() {
  return <AuditPage />;
}
