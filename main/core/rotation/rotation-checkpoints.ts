// Every point of a rotation where the app may stop (a crash, a kill, a power cut) with the work
// around it half done. The engine announces each one through RotationHooks; the app's hook does
// nothing, and the kill tests stop a process at each of them and resume in a new one, so a point
// missing here is a point nobody has proved safe.
export const ROTATION_CHECKPOINTS = [
  // Around every journal write: before it, the previous state is what a restart finds.
  'journal:saving',
  'journal:saved',
  'plan:saved',
  // The replacement exists on the server, the journal does not know it yet.
  'create:posted',
  'stash:remembered',
  'stash:done',
  'rebind:flow',
  'rebind:done',
  'verify:read',
  'verify:flow',
  'verify:proved',
  'verify:probed',
  'verify:done',
  'switch:saved',
  'switch:proved',
  'switch:done',
  // The one-time ticket exists in memory only.
  'reveal:issued',
  'reveal:done',
  'reveal-again:issued',
  // A delivery target ran (a file written, a command run), the journal does not know it yet.
  'deliver:ran',
  // A target's check ran, the journal does not know its result yet.
  'deliver:checked',
  'revoke:read',
  // A late flow moved to the new key, before it is read back.
  'revoke:late-moved',
  'revoke:late-checked',
  'revoke:moved',
  // Keys and flows read again, right before the point of no return and the delete.
  'revoke:reread',
  'grace:saved',
  'revoke:deleted',
  'revoke:done',
  // The new key renamed to the old name on the server, the journal does not know it yet.
  'rename:put',
  'confirm:refused',
  'confirm:admin-proved',
  'rollback:switched',
  'rollback:flow',
  'rollback:read-back',
  'rollback:checked',
  'rollback:deleted',
] as const;

export type RotationCheckpoint = (typeof ROTATION_CHECKPOINTS)[number];
