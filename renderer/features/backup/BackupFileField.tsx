// The .fkvbak picker: a labelled file input whose file is read as base64 at once. The renderer gets
// the bytes of the one file picked, never a path; the content stays sealed until main opens it.
import { useId, useState } from 'react';

import { fieldNotes } from '../../ui/field-notes.js';
import { readFileAsBase64 } from './read-file.js';

export interface PickedBackup {
  name: string;
  /** The sealed file, base64, as the backup contract carries it. */
  content: string;
}

export function BackupFileField({
  onPicked,
}: {
  /** null while nothing usable is picked. */
  onPicked: (picked: PickedBackup | null) => void;
}) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const { aria, notes } = fieldNotes(id, 'An encrypted backup: a .fkvbak file.', error);

  async function pick(file: File | undefined): Promise<void> {
    setError(null);
    onPicked(null);
    if (file === undefined) return;
    try {
      const content = await readFileAsBase64(file);
      if (content === '') {
        setError('That file is empty: it is not a backup.');
        return;
      }
      onPicked({ name: file.name, content });
    } catch {
      setError('That file could not be read.');
    }
  }

  return (
    <div className="field">
      <label htmlFor={id}>Backup file</label>
      <input
        id={id}
        type="file"
        accept=".fkvbak"
        onChange={(event) => void pick(event.currentTarget.files?.[0])}
        {...aria}
      />
      {notes}
    </div>
  );
}
