// The unlocked app: header with the lock button, section nav, and the active section.
import { useState } from 'react';

import { useVaultStore } from '../../stores/stores-context.js';
import { Button } from '../../ui/Button.js';
import { ActiveInstanceNotice } from '../instances/ActiveInstanceNotice.js';
import { ActiveInstanceSwitcher } from '../instances/ActiveInstanceSwitcher.js';
import { ClipboardToast } from '../keys/ClipboardToast.js';
import { ResumeRotationsNotice } from '../rotation/ResumeRotationsNotice.js';
import { FailedUnlocksNotice } from '../vault/FailedUnlocksNotice.js';
import { SECTIONS } from './sections.js';
import { useActivityPings } from './useActivityPings.js';

export function AppFrame() {
  const lock = useVaultStore((s) => s.lock);
  const [active, setActive] = useState(0);
  const section = SECTIONS[active] ?? SECTIONS[0];
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
