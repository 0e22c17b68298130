// Makes a value read-only all the way down, for values shared between callers that must never
// change them (lists kept between reads and reports). Stops at what is frozen already.
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
  return value;
}
