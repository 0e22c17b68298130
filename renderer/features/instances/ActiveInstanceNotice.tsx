// Shown above every section while the active instance's last test failed, so nobody works on a
// server that is down or refuses its key without knowing it.
import { useInstancesStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { adviceFor, statusOf } from './instance-status.js';

export function ActiveInstanceNotice() {
  const active = useInstancesStore((s) => s.instances?.find((i) => i.id === s.activeId));
  const testing = useInstancesStore((s) => s.testing.includes(s.activeId ?? ''));
  const test = useInstancesStore((s) => s.test);
  const report = active?.lastCheck;
  if (active === undefined || report === undefined || report.ok || testing) return null;
  const advice = adviceFor(report.error);

  return (
    <Alert
      actions={
        <Button onClick={() => void test(active.id)}>
          Test again <span className="visually-hidden">{`(${active.name})`}</span>
        </Button>
      }
    >
      <p>
        <strong>The active instance, {active.name}, cannot be used.</strong>{' '}
        {statusOf(report, false).label}.
      </p>
      <p>{report.summary}</p>
      {advice === null ? null : <p>{advice}</p>}
    </Alert>
  );
}
