// The sections of the app frame, in nav order. Replace a component here to build a section.
import type { ComponentType } from 'react';

import { AuditSection } from '../sections/AuditSection.js';
import { CredentialsSection } from '../sections/CredentialsSection.js';
import { InstancesSection } from '../instances/InstancesSection.js';
import { KeysSection } from '../sections/KeysSection.js';
import { RotationSection } from '../sections/RotationSection.js';
import { SettingsSection } from '../settings/SettingsSection.js';

export interface Section {
  readonly name: string;
  readonly Component: ComponentType;
}

export const SECTIONS: readonly Section[] = [
  { name: 'Instances', Component: InstancesSection },
  { name: 'Keys', Component: KeysSection },
  { name: 'Credentials', Component: CredentialsSection },
  { name: 'Rotation', Component: RotationSection },
  { name: 'Audit', Component: AuditSection },
  { name: 'Settings', Component: SettingsSection },
];
