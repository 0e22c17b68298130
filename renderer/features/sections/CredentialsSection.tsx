import { NotBuiltYet } from '../frame/NotBuiltYet.js';

export function CredentialsSection() {
  return (
    <NotBuiltYet>
      Credentials are not built yet. This is where you will see the credentials each Flowise
      instance stores and copy them to a clipboard that clears itself.
    </NotBuiltYet>
  );
}
