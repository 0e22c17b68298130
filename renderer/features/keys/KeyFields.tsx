// A key's name and permissions, as the create and edit forms ask for them.
import type { PermissionCatalog } from '../../../common/ipc/schemas/keys.js';
import { Field } from '../../ui/Field.js';
import { PermissionPicker } from './PermissionPicker.js';

export interface KeyFieldsProps {
  name: string;
  onNameChange: (name: string) => void;
  nameError: string | null;
  /** Null while main is asked for it. */
  catalog: PermissionCatalog | null;
  permissions: string[];
  onPermissionsChange: (permissions: string[]) => void;
}

export function KeyFields(props: KeyFieldsProps) {
  return (
    <>
      <Field
        label="Key name"
        value={props.name}
        onValueChange={props.onNameChange}
        error={props.nameError}
        maxLength={100}
      />
      {props.catalog === null ? (
        <p className="muted">Loading permissions…</p>
      ) : (
        <PermissionPicker
          catalog={props.catalog}
          selected={props.permissions}
          onChange={props.onPermissionsChange}
        />
      )}
    </>
  );
}
