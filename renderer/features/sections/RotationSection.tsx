import { RotationPage } from '../rotation/RotationPage.js';

export function RotationSection() {
  return <RotationPage />;
}
