import { NotBuiltYet } from '../frame/NotBuiltYet.js';

export function AuditSection() {
  return (
    <NotBuiltYet>
      Audit is not built yet. This is where you will see a record of what the app changed on each
      instance, and when.
    </NotBuiltYet>
  );
}
