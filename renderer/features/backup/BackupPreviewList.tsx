// What a backup would do to this vault, instance by instance, with a choice for each conflict:
// keep mine, take theirs, or keep both.
import type { BackupItem, BackupPreview, Resolution } from '../../../common/ipc/schemas/backup.js';
import { RadioGroup } from '../../ui/RadioGroup.js';

const RESOLUTIONS: readonly { value: Resolution; label: string }[] = [
  { value: 'mine', label: 'Keep mine' },
  { value: 'theirs', label: 'Take theirs' },
  { value: 'both', label: 'Keep both' },
];

const count = (n: number, word: string): string => `${String(n)} ${word}${n === 1 ? '' : 's'}`;

function statusWords(item: BackupItem): string {
  if (item.status === 'new') return 'New';
  if (item.status === 'identical') return 'Identical: already in this vault';
  const mine =
    item.mine === undefined ? 'an instance here' : `${item.mine.name} (${item.mine.baseUrl})`;
  return item.conflict === 'same-address'
    ? `Conflicts with ${mine}: the same address`
    : `Conflicts with ${mine}: the same id`;
}

export function BackupPreviewList({
  preview,
  choices,
  onChoose,
}: {
  preview: BackupPreview;
  choices: Partial<Record<string, Resolution>>;
  onChoose: (id: string, choice: Resolution) => void;
}) {
  return (
    <div className="stack">
      <p>
        Backup made {new Date(preview.createdAt).toLocaleString()}, fingerprint{' '}
        <code>{preview.fingerprint.slice(0, 16)}</code>
        {preview.auditRecords === undefined
          ? '; no audit log.'
          : `; ${count(preview.auditRecords, 'audit record')}.`}
      </p>
      <ul aria-label="Instances in the backup" className="stack">
        {preview.items.map((item) => (
          <li key={item.id}>
            <p>
              <strong>{item.name}</strong> ({item.baseUrl}): {statusWords(item)}.{' '}
              {count(item.keys, 'key')}, {count(item.rotations, 'rotation')},{' '}
              {count(item.targets, 'target')}.
            </p>
            {item.status === 'conflict' ? (
              <RadioGroup<Resolution | ''>
                legend={`What to do with ${item.name}`}
                name={`backup-resolution-${item.id}`}
                value={choices[item.id] ?? ''}
                onValueChange={(choice) => {
                  if (choice !== '') onChoose(item.id, choice);
                }}
                options={RESOLUTIONS}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
