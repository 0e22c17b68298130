import { NotBuiltYet } from '../frame/NotBuiltYet.js';

export function InstancesSection() {
  return (
    <NotBuiltYet>
      Instances are not built yet. This is where you will add Flowise servers and test their
      connection.
    </NotBuiltYet>
  );
}
