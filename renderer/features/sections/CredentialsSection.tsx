import { CredentialsPage } from '../credentials/CredentialsPage.js';

export function CredentialsSection() {
  return <CredentialsPage />;
}
