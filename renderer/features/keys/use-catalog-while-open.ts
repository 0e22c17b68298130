// The key dialogs' permission picker needs the server's catalog: load it each time one opens, so
// a dialog never shows permissions from before a server change.
import { useEffect } from 'react';

import { useKeysStore } from '../../stores/stores-context.js';

export function useCatalogWhileOpen(open: boolean): void {
  const loadCatalog = useKeysStore((s) => s.loadCatalog);
  useEffect(() => {
    if (open) void loadCatalog();
  }, [open, loadCatalog]);
}
