// The renderer's entry point and the only file that reads window.api.
import './styles.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { createApi } from '../common/ipc/client.js';
import { contract } from '../common/ipc/contract.js';
import { App } from './App.js';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element.');
const root = createRoot(container);
const raw = window.api;

if (raw === undefined) {
  root.render(
    <main className="vault-screen">
      <p role="alert" className="card">
        This page must be opened from Flowise Key Vault or its test harness.
      </p>
    </main>,
  );
} else {
  root.render(
    <StrictMode>
      <App api={createApi(contract, raw)} />
    </StrictMode>,
  );
}
