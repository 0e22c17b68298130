// The choices of the bulk rotation's first step, over every instance's keys: the instances to
// search, the one name to look for, or the keys themselves.
import { useId } from 'react';

import type { AllKeys } from '../../../common/ipc/schemas/keys.js';
import { Alert } from '../../ui/Alert.js';
import { KeyDetails } from './KeyDetails.js';
import { countOf } from '../../../common/words.js';

const toggled = (set: ReadonlySet<string>, value: string, on: boolean): Set<string> => {
  const next = new Set(set);
  if (on) next.add(value);
  else next.delete(value);
  return next;
};

/** An instance whose keys could not be listed says so; the rest stay usable. */
function Unreachable({ all }: { all: AllKeys }) {
  const down = all.instances.filter((i) => i.error !== undefined);
  if (down.length === 0) return null;
  return (
    <Alert>
      {down.map((i) => (
        <p key={i.instanceId}>
          The keys of {i.instanceName} could not be loaded. {i.error?.message}
        </p>
      ))}
    </Alert>
  );
}

export function BulkInstances(props: {
  all: AllKeys;
  chosen: ReadonlySet<string>;
  onChange: (next: ReadonlySet<string>) => void;
}) {
  return (
    <fieldset className="rotation-choices">
      <legend>On which instances</legend>
      {props.all.instances.map((i) => (
        <label key={i.instanceId} className="check">
          <input
            type="checkbox"
            checked={props.chosen.has(i.instanceId)}
            onChange={(event) => {
              props.onChange(toggled(props.chosen, i.instanceId, event.currentTarget.checked));
            }}
          />
          <span>{i.instanceName}</span>
        </label>
      ))}
      <Unreachable all={props.all} />
    </fieldset>
  );
}

export function BulkNamePicker(props: {
  all: AllKeys;
  value: string;
  onChange: (name: string) => void;
}) {
  const id = useId();
  const counts = new Map<string, number>();
  for (const instance of props.all.instances)
    for (const name of new Set(instance.keys.map((k) => k.keyName)))
      counts.set(name, (counts.get(name) ?? 0) + 1);
  const names = [...counts.keys()].sort((a, b) => a.localeCompare(b));
  return (
    <div className="field">
      <label htmlFor={id}>Key name</label>
      <select
        id={id}
        value={props.value}
        onChange={(event) => {
          props.onChange(event.currentTarget.value);
        }}
      >
        <option value="">Choose a name…</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {`${name} (on ${countOf(counts.get(name) ?? 0, 'instance')})`}
          </option>
        ))}
      </select>
    </div>
  );
}

export function BulkKeyPicker(props: {
  all: AllKeys;
  chosen: ReadonlySet<string>;
  onChange: (next: ReadonlySet<string>) => void;
}) {
  return (
    <>
      {props.all.instances
        .filter((i) => i.keys.length > 0)
        .map((instance) => (
          <fieldset key={instance.instanceId} className="rotation-choices">
            <legend>Keys of {instance.instanceName}</legend>
            {instance.keys.map((key) => {
              const ref = `${instance.instanceId}/${key.id}`;
              // The vault's own key is rotated on its own, with the switch of the stored key.
              const own = key.usedByVault === true;
              return (
                <label key={key.id} className="check">
                  <input
                    type="checkbox"
                    disabled={own}
                    checked={!own && props.chosen.has(ref)}
                    onChange={(event) => {
                      props.onChange(toggled(props.chosen, ref, event.currentTarget.checked));
                    }}
                  />
                  <span>
                    {key.keyName}
                    <span className="visually-hidden">{` on ${instance.instanceName}`}</span>{' '}
                    <KeyDetails keyInfo={key} vaultNote="rotate it on its own, with Rotate a key" />
                  </span>
                </label>
              );
            })}
          </fieldset>
        ))}
      <Unreachable all={props.all} />
    </>
  );
}
