// The Overview's findings about one key or credential, as badges on its row in the Keys and
// Credentials pages: the same rules, matched by the finding's subject id. The title says why.
import type { OverviewRule } from '../../../common/ipc/schemas/overview.js';
import { subjectKey } from '../../stores/overview-store.js';
import { useOverviewStore } from '../../stores/stores-context.js';

const BADGES: Record<OverviewRule, string> = {
  'flow-public': 'Public',
  'flow-missing-key': 'Key missing',
  'key-old': 'Old',
  'key-broad': 'Every permission',
  'key-unused': 'Unused',
  'key-many-flows': 'Many flows',
  'admin-key-broad': 'Admin key: every permission',
  'admin-key-old': 'Admin key: old',
  'admin-key-full-access-server': 'Full access server',
  'transport-plain-http': 'Plain HTTP',
  'transport-self-signed': 'Self-signed',
  'transport-cert-expiring': 'Certificate expiring',
  'credential-unused': 'Unused',
  'rotation-unfinished': 'Rotation unfinished',
  'rotation-grace-long': 'Long grace',
  'instance-unreachable': 'Unreachable',
  'instance-unauthorised': 'Key refused',
};

export function FindingBadges({
  instanceId,
  subjectId,
}: {
  instanceId: string;
  subjectId: string;
}) {
  const findings = useOverviewStore((s) => s.bySubject.get(subjectKey(instanceId, subjectId)));
  if (findings === undefined || findings.length === 0) return null;
  return (
    <span className="finding-badges">
      {findings.map((f) => (
        <span key={f.id} className={`badge severity-${f.severity}`} title={f.why}>
          {BADGES[f.rule]}
        </span>
      ))}
    </span>
  );
}
