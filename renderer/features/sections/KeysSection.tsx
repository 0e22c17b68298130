import { NotBuiltYet } from '../frame/NotBuiltYet.js';

export function KeysSection() {
  return (
    <NotBuiltYet>
      Keys are not built yet. This is where you will list, create and revoke each instance's API
      keys, and see a new key once when it is made.
    </NotBuiltYet>
  );
}
