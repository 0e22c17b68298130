// The unlocked app: header with the lock button, section nav, and the active section.
import { useState } from 'react';

import { useInstancesStore, useVaultStore } from '../../stores/stores-context.js';
import { Button } from '../../ui/Button.js';
import { ActiveInstanceNotice } from '../instances/ActiveInstanceNotice.js';
import { ActiveInstanceSwitcher } from '../instances/ActiveInstanceSwitcher.js';
import { ClipboardToast } from '../keys/ClipboardToast.js';
import { DueKeysNotice } from '../rotation/DueKeysNotice.js';
import { ResumeRotationsNotice } from '../rotation/ResumeRotationsNotice.js';
import { FailedUnlocksNotice } from '../vault/FailedUnlocksNotice.js';
import { firstSection, SECTIONS } from './sections.js';
import { useActivityPings } from './useActivityPings.js';

const ROTATION = SECTIONS.findIndex((s) => s.name === 'Rotation');

export function AppFrame() {
  const lock = useVaultStore((s) => s.lock);
  // Chosen once the instance list is known: a vault with none opens where the first is added.
  const instanceCount = useInstancesStore((s) => s.instances?.length ?? null);
  const [active, setActive] = useState<number | null>(null);
  // Set during render (React's "adjusting state when a prop changes"): once, never an effect loop.
  if (active === null && instanceCount !== null) setActive(firstSection(instanceCount));
  const section = active === null ? undefined : SECTIONS[active];
  useActivityPings();

  return (
    <div className="frame">
      <header className="frame-header">
        <span className="brand">Flowise Key Vault</span>
        <div className="row">
          <ActiveInstanceSwitcher />
          <Button onClick={() => void lock()}>Lock vault</Button>
        </div>
      </header>
      <div className="frame-body">
        <nav aria-label="Sections" className="frame-nav">
          <ul>
            {SECTIONS.map(({ name }, index) => (
              <li key={name}>
                <button
                  type="button"
                  className="nav-item"
                  aria-current={index === active ? 'page' : undefined}
                  onClick={() => {
                    setActive(index);
                  }}
                >
                  {name}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main className="frame-main">
          {section === undefined ? null : (
            <>
              <FailedUnlocksNotice />
              <ActiveInstanceNotice />
              <ResumeRotationsNotice />
              <DueKeysNotice
                onShow={() => {
                  setActive(ROTATION);
                }}
              />
              <h1>{section.name}</h1>
              <section.Component />
            </>
          )}
        </main>
      </div>
      <ClipboardToast />
    </div>
  );
}
