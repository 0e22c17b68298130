// The instance both cores of vault-shared.test.ts add, one per change: no network is involved.
import type { InstanceDraft } from '../../common/ipc/schemas/instances.js';

export const sharedDraft = (name: string): InstanceDraft => ({
  name,
  baseUrl: 'http://127.0.0.1:9',
  adminKey: 'shared-vault-test-admin-key',
});
