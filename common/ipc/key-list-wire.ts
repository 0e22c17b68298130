// keys.list and keys.listAll on the wire: every key carries its permissions, and most keys share
// one of a few sets of 30–60 strings, so 10,000 keys would cross as ~14 MB of repeated text.
// Each distinct set is sent once and a key names it by index; the renderer gets KeyList back.
import type { AllKeys, KeyList, KeySummary } from './schemas/keys.js';
import type { WireCodec } from './define.js';

type PackedKey = Omit<KeySummary, 'permissions'> & { permissionSet?: number };

interface Packer {
  pack(keys: readonly KeySummary[]): PackedKey[];
  readonly sets: string[][];
}

function packer(): Packer {
  const index = new Map<string, number>();
  const sets: string[][] = [];
  return {
    sets,
    pack: (keys) =>
      keys.map(({ permissions, ...rest }) => {
        if (permissions === undefined) return rest;
        const id = permissions.join('\n');
        let at = index.get(id);
        if (at === undefined) {
          at = sets.length;
          sets.push(permissions);
          index.set(id, at);
        }
        return { ...rest, permissionSet: at };
      }),
  };
}

function unpack(keys: readonly PackedKey[], sets: readonly string[][]): KeySummary[] {
  return keys.map(({ permissionSet, ...rest }) => {
    if (permissionSet === undefined) return rest;
    const permissions = sets[permissionSet];
    // Only our own main packs these; a dangling index is a bug, not input to forgive.
    if (permissions === undefined)
      throw new Error(`Unknown permission set ${String(permissionSet)}`);
    return { ...rest, permissions };
  });
}

interface PackedList extends Omit<KeyList, 'keys'> {
  keys: PackedKey[];
  permissionSets: string[][];
}

export const keyListWire: WireCodec<KeyList> = {
  encode(list) {
    const p = packer();
    const keys = p.pack(list.keys);
    return { ...list, keys, permissionSets: p.sets } satisfies PackedList;
  },
  decode(wire) {
    const { permissionSets, keys, ...rest } = wire as PackedList;
    return { ...rest, keys: unpack(keys, permissionSets) };
  },
};

interface PackedAll {
  instances: (Omit<AllKeys['instances'][number], 'keys'> & { keys: PackedKey[] })[];
  permissionSets: string[][];
}

export const allKeysWire: WireCodec<AllKeys> = {
  encode(all) {
    const p = packer();
    const instances = all.instances.map((i) => ({ ...i, keys: p.pack(i.keys) }));
    return { instances, permissionSets: p.sets } satisfies PackedAll;
  },
  decode(wire) {
    const { instances, permissionSets } = wire as PackedAll;
    return { instances: instances.map((i) => ({ ...i, keys: unpack(i.keys, permissionSets) })) };
  },
};
