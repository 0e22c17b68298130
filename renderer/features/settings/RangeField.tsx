// A whole-number setting with its range in the hint from the start, so a person learns the bounds
// before typing a value outside them rather than after.
import { Field } from '../../ui/Field.js';

/** A whole number within the bounds, or null. */
export function parseWholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d{1,6}$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : null;
}

export interface RangeFieldProps {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  min: number;
  max: number;
  /** The plural unit, as in "5–600 seconds". */
  unit: string;
  /** What the value does, after the range. */
  hint: string;
}

export function RangeField({ label, value, onValueChange, min, max, unit, hint }: RangeFieldProps) {
  return (
    <Field
      label={label}
      type="number"
      inputMode="numeric"
      min={min}
      max={max}
      step={1}
      className="input-narrow"
      value={value}
      onValueChange={onValueChange}
      hint={`${min}–${max} ${unit}. ${hint}`}
      error={
        parseWholeNumber(value, min, max) === null
          ? `Enter a whole number of ${unit} from ${min} to ${max}.`
          : null
      }
    />
  );
}
