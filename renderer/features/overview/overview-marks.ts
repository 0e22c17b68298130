// Performance marks the Overview sets, named once for the renderer and the render bench.

/** Set when a findings list is committed to the DOM; detail: { text, shown, total }. */
export const OVERVIEW_SHOWN_MARK = 'fkv:overview-shown';
