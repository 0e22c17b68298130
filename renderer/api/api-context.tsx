// The one Api the app talks through, handed down by context so nothing reaches for window.api.
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';

import type { Api } from '../../common/ipc/contract.js';

const ApiContext = createContext<Api | null>(null);

export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  return <ApiContext value={api}>{children}</ApiContext>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi needs an <ApiProvider> above it.');
  return api;
}
