// The sections of the app frame, in nav order. Replace a component here to build a section.
import type { ComponentType } from 'react';

import { AuditPage } from '../audit/AuditPage.js';
import { CredentialsPage } from '../credentials/CredentialsPage.js';
import { InstancesSection } from '../instances/InstancesSection.js';
import { KeysPage } from '../keys/KeysPage.js';
import { OverviewPage } from '../overview/OverviewPage.js';
import { RotationPage } from '../rotation/RotationPage.js';
import { SettingsSection } from '../settings/SettingsSection.js';

export interface Section {
  readonly name: string;
  readonly Component: ComponentType;
}

export const SECTIONS: readonly Section[] = [
  // First: after unlock, what is wrong across every server comes before anything else.
  { name: 'Overview', Component: OverviewPage },
  { name: 'Instances', Component: InstancesSection },
  { name: 'Keys', Component: KeysPage },
  { name: 'Credentials', Component: CredentialsPage },
  { name: 'Rotation', Component: RotationPage },
  { name: 'Audit', Component: AuditPage },
  { name: 'Settings', Component: SettingsSection },
];

/** After unlock: the Overview, or Instances while there is no instance to look over. */
export function firstSection(instanceCount: number): number {
  const name = instanceCount === 0 ? 'Instances' : 'Overview';
  return Math.max(
    0,
    SECTIONS.findIndex((section) => section.name === name),
  );
}
