import type { ReactNode } from 'react';

/** The centred card the create and unlock screens share. */
export function VaultScreen({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="vault-screen">
      <div className="card">
        <p className="brand">Flowise Key Vault</p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
