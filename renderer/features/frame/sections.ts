// The sections of the app frame, in nav order. Replace a component here to build a section.
import type { ComponentType } from 'react';

import { AuditPage } from '../audit/AuditPage.js';
import { CredentialsPage } from '../credentials/CredentialsPage.js';
import { InstancesSection } from '../instances/InstancesSection.js';
import { KeysPage } from '../keys/KeysPage.js';
import { RotationPage } from '../rotation/RotationPage.js';
import { SettingsSection } from '../settings/SettingsSection.js';

export interface Section {
  readonly name: string;
  readonly Component: ComponentType;
}

export const SECTIONS: readonly Section[] = [
  { name: 'Instances', Component: InstancesSection },
  { name: 'Keys', Component: KeysPage },
  { name: 'Credentials', Component: CredentialsPage },
  { name: 'Rotation', Component: RotationPage },
  { name: 'Audit', Component: AuditPage },
  { name: 'Settings', Component: SettingsSection },
];
