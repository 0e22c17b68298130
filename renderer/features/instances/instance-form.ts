// The add/edit form as plain data: its values, the checks that mirror the contract's schema (with
// messages for people), and the draft or patch it becomes. The admin key only passes through.
import type {
  CertificateInfo,
  InstanceDraft as Draft,
  InstancePatch,
  InstanceSummary,
} from '../../../common/ipc/schemas/instances.js';
import { InstanceDraft } from '../../../common/ipc/schemas/instances.js';

export interface InstanceFormValues {
  name: string;
  baseUrl: string;
  adminKey: string;
  caCertPem: string;
  /** Edit mode: drop the saved CA certificate. */
  removeCa: boolean;
  /** The certificate trusted by its fingerprint (confirmed after a test), or none. */
  certificatePin: CertificateInfo | null;
  allowInsecureHttp: boolean;
  timeoutSeconds: string;
  colour: string;
}

export type FormField = 'name' | 'baseUrl' | 'adminKey' | 'caCertPem' | 'timeoutSeconds' | 'colour';
export type FormErrors = Partial<Record<FormField, string>>;

export const DEFAULT_COLOUR = '#4f6bed';
const DEFAULT_TIMEOUT_SECONDS = 15;
const MAX_TIMEOUT_SECONDS = 120;
const shape = InstanceDraft.shape;

function pinOf(instance: InstanceSummary | undefined): CertificateInfo | null {
  if (instance?.certificatePin === undefined) return null;
  const { sha256, subject, issuer, validFrom, validTo } = instance.certificatePin;
  return { sha256, subject, issuer, validFrom, validTo };
}

export function initialValues(instance?: InstanceSummary): InstanceFormValues {
  return {
    name: instance?.name ?? '',
    baseUrl: instance?.baseUrl ?? '',
    adminKey: '',
    caCertPem: '',
    removeCa: false,
    certificatePin: pinOf(instance),
    allowInsecureHttp: instance?.allowInsecureHttp ?? false,
    timeoutSeconds: String(
      instance === undefined ? DEFAULT_TIMEOUT_SECONDS : Math.round(instance.timeoutMs / 1000),
    ),
    colour: instance?.colour ?? DEFAULT_COLOUR,
  };
}

/** Mirrors main's origin policy: loopback traffic never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function timeoutMs(text: string): number | null {
  if (!/^\d{1,3}$/.test(text.trim())) return null;
  const ms = Number(text) * 1000;
  return shape.timeoutMs.safeParse(ms).success ? ms : null;
}

function baseUrlError(values: InstanceFormValues): string | undefined {
  const text = values.baseUrl.trim();
  if (text === '') return "Enter the server's address, e.g. https://flowise.example.com.";
  const parsed = shape.baseUrl.safeParse(text);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'Enter a valid address.';
  const url = new URL(text);
  if (url.search !== '' || url.hash !== '')
    return "Use the server's root address, without a ? or # part.";
  if (url.protocol === 'http:' && !values.allowInsecureHttp && !isLoopbackHost(url.hostname))
    return 'Plain http would send the admin key unencrypted. Use https, or turn on Allow plain HTTP below.';
  return undefined;
}

export function validate(values: InstanceFormValues, editing: boolean): FormErrors {
  const errors: FormErrors = {};
  if (!shape.name.safeParse(values.name).success)
    errors.name = 'Enter a name of 1 to 80 characters.';
  const url = baseUrlError(values);
  if (url !== undefined) errors.baseUrl = url;
  if (!(editing && values.adminKey === '') && !shape.adminKey.safeParse(values.adminKey).success)
    errors.adminKey = editing
      ? 'A new admin API key has 8 to 512 characters. Leave the field empty to keep the saved one.'
      : 'Paste an admin API key (8 to 512 characters) from Flowise, under API Keys.';
  if (values.caCertPem.trim() !== '' && !shape.caCertPem.safeParse(values.caCertPem).success)
    errors.caCertPem =
      'Paste a PEM certificate (at most 64 KB), starting with -----BEGIN CERTIFICATE-----.';
  if (timeoutMs(values.timeoutSeconds) === null)
    errors.timeoutSeconds = `Enter a whole number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}.`;
  if (!shape.colour.safeParse(values.colour).success) errors.colour = 'Pick a colour as #rrggbb.';
  return errors;
}

export const hasErrors = (errors: FormErrors): boolean => Object.keys(errors).length > 0;

/** Call only on values that passed `validate` with the key filled in. */
export function toDraft(values: InstanceFormValues): Draft {
  const pem = values.caCertPem.trim();
  return {
    name: values.name.trim(),
    baseUrl: values.baseUrl.trim(),
    adminKey: values.adminKey.trim(),
    ...(pem === '' ? {} : { caCertPem: pem }),
    ...(values.certificatePin === null ? {} : { certificatePin: values.certificatePin }),
    allowInsecureHttp: values.allowInsecureHttp,
    timeoutMs: timeoutMs(values.timeoutSeconds) ?? DEFAULT_TIMEOUT_SECONDS * 1000,
    colour: values.colour.toLowerCase(),
  };
}

/** Only what changed; the admin key only when one was typed. */
export function toPatch(values: InstanceFormValues, original: InstanceSummary): InstancePatch {
  const draft = toDraft(values);
  const patch: InstancePatch = {};
  if (draft.name !== original.name) patch.name = draft.name;
  if (draft.baseUrl !== original.baseUrl) patch.baseUrl = draft.baseUrl;
  if (draft.adminKey !== '') patch.adminKey = draft.adminKey;
  if (draft.caCertPem !== undefined) patch.caCertPem = draft.caCertPem;
  else if (values.removeCa && original.hasCustomCa) patch.caCertPem = null;
  if (values.certificatePin?.sha256 !== original.certificatePin?.sha256)
    patch.certificatePin = values.certificatePin;
  if (draft.allowInsecureHttp !== original.allowInsecureHttp)
    patch.allowInsecureHttp = values.allowInsecureHttp;
  // Compared as typed: a saved 1500 ms shows as 2 s and must not change unless edited.
  if (values.timeoutSeconds.trim() !== initialValues(original).timeoutSeconds)
    patch.timeoutMs = timeoutMs(values.timeoutSeconds) ?? original.timeoutMs;
  if (draft.colour !== original.colour.toLowerCase()) patch.colour = draft.colour;
  return patch;
}

/** Whether a patch changes how the server is reached, so a test of the saved profile would lie. */
export function changesConnection(patch: InstancePatch): boolean {
  return Object.keys(patch).some((field) => field !== 'name' && field !== 'colour');
}

const originOf = (url: string | undefined): string | undefined => {
  try {
    return url === undefined ? undefined : new URL(url).origin;
  } catch {
    return url;
  }
};

/** Whether an edit points the saved key somewhere new, so main wants it typed or the password. */
export function changesTrust(patch: InstancePatch, original: InstanceSummary): boolean {
  return (
    (patch.baseUrl !== undefined && originOf(patch.baseUrl) !== originOf(original.baseUrl)) ||
    patch.caCertPem !== undefined ||
    patch.certificatePin !== undefined ||
    patch.allowInsecureHttp !== undefined
  );
}
