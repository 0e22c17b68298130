import { NotBuiltYet } from '../frame/NotBuiltYet.js';

export function RotationSection() {
  return (
    <NotBuiltYet>
      Rotation is not built yet. This is where you will replace a key step by step, safely picking
      up where you left off if the app is interrupted.
    </NotBuiltYet>
  );
}
