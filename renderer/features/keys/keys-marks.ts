// Performance marks the keys feature sets, named once for the renderer and the render bench.

/** Set when a keys list is committed to the DOM; detail: { text, shown, total }. */
export const KEYS_SHOWN_MARK = 'fkv:keys-shown';
