// A maximum key age being edited: the text typed, what it parses to, and the save through
// policies.set. Untouched, the field shows the policy saved on this very scope, even when the
// list arrives after the form opened.
import { useEffect, useState } from 'react';

import type { PolicyScope } from '../../../common/ipc/schemas/policies.js';
import { POLICY_MAX_DAYS } from '../../../common/ipc/schemas/policies.js';
import { policyOf } from '../../stores/policies-store.js';
import { usePoliciesStore } from '../../stores/stores-context.js';
import { parseWholeNumber } from '../settings/RangeField.js';

export const MAX_AGE_ERROR = `Enter a whole number of days from 0 to ${String(POLICY_MAX_DAYS)}, or leave it empty.`;

/** Empty is no policy (null); undefined when the text is not a valid number of days. */
export function parseMaxAge(text: string): number | null | undefined {
  if (text.trim() === '') return null;
  return parseWholeNumber(text, 0, POLICY_MAX_DAYS) ?? undefined;
}

export interface PolicyDraft {
  text: string;
  setText: (text: string) => void;
  /** What the text says: days, null when empty, undefined when invalid. */
  value: number | null | undefined;
  /** The policy saved on this scope, or null. */
  saved: number | null;
  /** The message to show once the person tried to save, else undefined. */
  error: string | undefined;
  /** Whether the typed value differs from the saved one. */
  dirty: boolean;
  /** Marks the draft tried; the parsed value, or undefined when the text is invalid. */
  check: () => number | null | undefined;
  /** Resolves to an error message, or null once saved. */
  save: (value: number | null) => Promise<string | null>;
}

export function usePolicyDraft(scope: PolicyScope | undefined): PolicyDraft {
  const policies = usePoliciesStore((s) => s.policies);
  const loadPolicies = usePoliciesStore((s) => s.loadPolicies);
  const setPolicy = usePoliciesStore((s) => s.setPolicy);
  const [typed, setTyped] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  useEffect(() => {
    void loadPolicies();
  }, [loadPolicies]);
  const saved = scope === undefined ? null : (policyOf(policies, scope) ?? null);
  const text = typed ?? (saved === null ? '' : String(saved));
  const parsed = parseMaxAge(text);
  return {
    text,
    setText: setTyped,
    value: parsed,
    saved,
    error: tried && parsed === undefined ? MAX_AGE_ERROR : undefined,
    dirty: parsed !== saved,
    check: () => {
      setTried(true);
      return parsed;
    },
    save: async (value) => {
      if (scope === undefined) return 'There is nothing to set a policy on yet.';
      const outcome = await setPolicy(scope, value);
      if (!outcome.ok) return outcome.error.message;
      setTyped(null);
      return null;
    },
  };
}
