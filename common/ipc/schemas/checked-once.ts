// A list that main may hand back again unchanged: the Overview's findings, the same frozen array
// for as long as no server, setting or vault entry behind them changed. Checking it is a pure
// function of a list that cannot change, so a frozen list is checked once and its output (frozen
// too) given back for it again; any other list is checked as `z.array(item)` always is.
import { z } from 'zod';

export function listCheckedOnce<T extends z.ZodType>(item: T) {
  const list = z.array(item);
  type Out = z.output<typeof list>;
  const checked = new WeakMap<readonly unknown[], Out>();
  return z.unknown().transform((value, ctx): Out => {
    const frozen = Array.isArray(value) && Object.isFrozen(value) ? value : undefined;
    const known = frozen === undefined ? undefined : checked.get(frozen);
    if (known !== undefined) return known;
    const result = list.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues)
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      return z.NEVER;
    }
    if (frozen !== undefined && frozen.every((entry) => Object.isFrozen(entry))) {
      checked.set(frozen, Object.freeze(result.data) as Out);
    }
    return result.data;
  });
}
