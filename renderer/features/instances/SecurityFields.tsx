// The connection settings of the add/edit form: custom CA, the pinned certificate, plain HTTP with
// its warning, request timeout and colour.
import type { RefObject } from 'react';

import type { InstanceSummary } from '../../../common/ipc/schemas/instances.js';
import { CheckboxField, Field } from '../../ui/Field.js';
import { TextAreaField } from '../../ui/TextAreaField.js';
import { PinnedCertificate } from './PinnedCertificate.js';
import type { FormErrors, InstanceFormValues } from './instance-form.js';

export interface SecurityFieldsProps {
  values: InstanceFormValues;
  errors: FormErrors;
  onChange: (patch: Partial<InstanceFormValues>) => void;
  /** Edit mode: the saved instance. */
  instance: InstanceSummary | undefined;
  caRef: RefObject<HTMLTextAreaElement | null>;
}

const Warning = ({ children }: { children: string }) => <p className="warning">{children}</p>;

export function SecurityFields({ values, errors, onChange, instance, caRef }: SecurityFieldsProps) {
  const savedCa = instance?.hasCustomCa === true;
  return (
    <>
      <TextAreaField
        label="Custom CA certificate (optional)"
        rows={4}
        spellCheck={false}
        className="mono"
        placeholder="-----BEGIN CERTIFICATE-----"
        value={values.caCertPem}
        onValueChange={(caCertPem) => {
          onChange({ caCertPem });
        }}
        textAreaRef={caRef}
        hint={
          savedCa
            ? 'A CA certificate is saved for this instance. Paste another to replace it.'
            : 'For a server whose certificate comes from a private certificate authority (PEM).'
        }
        error={errors.caCertPem}
      />
      {savedCa ? (
        <CheckboxField
          label="Remove the saved CA certificate"
          checked={values.removeCa}
          disabled={values.caCertPem.trim() !== ''}
          onCheckedChange={(removeCa) => {
            onChange({ removeCa });
          }}
        />
      ) : null}
      <PinnedCertificate values={values} onChange={onChange} instance={instance} />
      <CheckboxField
        asSwitch
        label="Allow plain HTTP"
        checked={values.allowInsecureHttp}
        onCheckedChange={(allowInsecureHttp) => {
          onChange({ allowInsecureHttp });
        }}
        hint={
          values.allowInsecureHttp ? (
            <Warning>
              The admin key then crosses the network unencrypted. Use only on a network you trust.
            </Warning>
          ) : (
            'Needed for an http:// address that is not on this computer.'
          )
        }
      />
      <div className="row row-top">
        <Field
          label="Request timeout (seconds)"
          type="number"
          inputMode="numeric"
          min={1}
          max={120}
          step={1}
          className="input-narrow"
          value={values.timeoutSeconds}
          onValueChange={(timeoutSeconds) => {
            onChange({ timeoutSeconds });
          }}
          error={errors.timeoutSeconds}
        />
        <Field
          label="Colour"
          type="color"
          className="input-colour"
          value={values.colour}
          onValueChange={(colour) => {
            onChange({ colour });
          }}
          error={errors.colour}
        />
      </div>
    </>
  );
}
