// The instance something is copied to: every saved instance but the one it comes from.
import { useInstancesStore } from '../../stores/stores-context.js';
import { SelectField } from '../../ui/SelectField.js';

export function useOtherInstances(fromId: string): { value: string; label: string }[] {
  const instances = useInstancesStore((s) => s.instances) ?? [];
  return instances.filter((i) => i.id !== fromId).map((i) => ({ value: i.id, label: i.name }));
}

export function TargetPicker({
  fromId,
  value,
  onValueChange,
  label = 'Copy to instance',
}: {
  fromId: string;
  value: string;
  onValueChange: (id: string) => void;
  label?: string;
}) {
  const options = useOtherInstances(fromId);
  if (options.length === 0)
    return <p className="warning">Add another instance first: there is nowhere to copy to.</p>;
  return (
    <SelectField
      label={label}
      value={value}
      blankLabel="Choose an instance"
      options={options}
      onValueChange={onValueChange}
    />
  );
}
