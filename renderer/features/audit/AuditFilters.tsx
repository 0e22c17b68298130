// The filters above the audit table: what was done, on which instance, and free text. Each change
// asks main again; the store shows only the answer to the newest filter.
import { useAuditStore, useInstancesStore } from '../../stores/stores-context.js';
import { Field } from '../../ui/Field.js';
import { SelectField } from '../../ui/SelectField.js';
import { ACTIONS, isAuditAction } from './audit-words.js';

const ALL = '';

export function AuditFilters() {
  const filter = useAuditStore((s) => s.filter);
  const setFilter = useAuditStore((s) => s.setFilter);
  const instances = useInstancesStore((s) => s.instances);
  const instanceOptions = (instances ?? []).map((i) => ({ value: i.id, label: i.name }));
  // Keeps a chosen instance that has since been removed choosable, so the select tells the truth.
  if (filter.instanceId !== null && !instanceOptions.some((o) => o.value === filter.instanceId))
    instanceOptions.push({ value: filter.instanceId, label: 'A removed instance' });

  return (
    <form
      role="search"
      aria-label="Filter audit records"
      className="audit-filters"
      onSubmit={(event) => {
        event.preventDefault();
      }}
    >
      <SelectField
        label="Action"
        value={filter.action ?? ALL}
        blankLabel="All actions"
        options={ACTIONS}
        onValueChange={(value) => void setFilter({ action: isAuditAction(value) ? value : null })}
      />
      <SelectField
        label="Instance"
        value={filter.instanceId ?? ALL}
        blankLabel="All instances"
        options={instanceOptions}
        onValueChange={(value) => void setFilter({ instanceId: value === ALL ? null : value })}
      />
      <Field
        label="Search"
        type="search"
        maxLength={200}
        value={filter.text}
        onValueChange={(text) => void setFilter({ text })}
        hint="Names, details, actions and OS users."
      />
    </form>
  );
}
