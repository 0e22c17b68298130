import type { Api } from '../common/ipc/contract.js';
import { ApiProvider } from './api/api-context.js';
import { VaultGate } from './features/vault/VaultGate.js';
import { StoresProvider } from './stores/stores-context.js';

export function App({ api }: { api: Api }) {
  return (
    <ApiProvider api={api}>
      <StoresProvider>
        <VaultGate />
      </StoresProvider>
    </ApiProvider>
  );
}
