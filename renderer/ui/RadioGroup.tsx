// One choice among a few, as native radios in a fieldset: arrow keys move the choice, and the
// legend names the group for screen readers.
import type { ReactNode } from 'react';

export interface RadioGroupProps<T extends string> {
  legend: string;
  /** The radios' shared name, unique on the page. */
  name: string;
  options: readonly { value: T; label: ReactNode }[];
  value: T;
  onValueChange: (value: T) => void;
  className?: string;
}

export function RadioGroup<T extends string>(props: RadioGroupProps<T>) {
  return (
    <fieldset className={props.className}>
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option.value} className="check">
          <input
            type="radio"
            name={props.name}
            value={option.value}
            checked={props.value === option.value}
            onChange={() => {
              props.onValueChange(option.value);
            }}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
