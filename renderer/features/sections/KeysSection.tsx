import { KeysPage } from '../keys/KeysPage.js';

export function KeysSection() {
  return <KeysPage />;
}
