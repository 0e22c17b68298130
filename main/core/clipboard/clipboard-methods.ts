// The clipboard.* methods: the person's "clear now"; copies go through keys.* and chatflows.*.
import type { ApiImpl } from '../../../common/ipc/contract.js';
import type { ClipboardGuard } from './clipboard-guard.js';

export function createClipboardMethods(guard: ClipboardGuard): ApiImpl['clipboard'] {
  return { clear: () => guard.clearNow('manual') };
}
