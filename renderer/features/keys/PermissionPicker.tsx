// Permissions grouped by area, each group with "select all", and presets. Only what the instance's
// admin key holds is offered, and the picker says how much it left out and why.
import type { PermissionCatalog } from '../../../common/ipc/schemas/keys.js';
import { countOf, plural } from '../../../common/words.js';
import { Button } from '../../ui/Button.js';
import { offeredGroups, PRESETS, toggle, withheldCount } from './permissions.js';

export interface PermissionPickerProps {
  catalog: PermissionCatalog;
  selected: readonly string[];
  onChange: (selected: string[]) => void;
}

/** Before 3.0.13 there is nothing to pick: say what every key on this server can do. */
function NoPermissions({ catalog }: { catalog: PermissionCatalog }) {
  const server =
    catalog.version === undefined ? 'This Flowise server' : `Flowise ${catalog.version}`;
  const access =
    catalog.keyAccess === 'workspace-owner'
      ? "workspace-owner access: it can do everything in its workspace, like the workspace's owner"
      : 'full access: it can do everything on the server';
  return (
    <p className="muted">
      {server} is older than 3.0.13: its API keys carry no permissions, so this key will have{' '}
      {access}. Flowise 3.0.13 or later gives each key its own permissions.
    </p>
  );
}

export function PermissionPicker({ catalog, selected, onChange }: PermissionPickerProps) {
  if (!catalog.supported) return <NoPermissions catalog={catalog} />;
  const groups = offeredGroups(catalog);
  const offered = groups.flatMap((g) => g.permissions.map((p) => p.key));
  const withheld = withheldCount(catalog);
  const them = plural(withheld, 'it', 'them');
  const chosen = new Set(selected);

  return (
    <fieldset className="permission-picker">
      <legend>Permissions</legend>
      {withheld > 0 ? (
        <p className="muted small">
          {countOf(withheld, 'permission')} {plural(withheld, 'is', 'are')} not offered: the
          instance&apos;s admin key does not hold {them}, so it cannot grant {them}.
        </p>
      ) : null}
      <div className="row" role="group" aria-label="Presets">
        {PRESETS.map((preset) => (
          <Button
            key={preset.name}
            variant="quiet"
            onClick={() => {
              onChange(preset.pick(offered));
            }}
          >
            {preset.name}
          </Button>
        ))}
      </div>
      {groups.length === 0 ? (
        <p className="muted">The instance&apos;s admin key holds no permission it could grant.</p>
      ) : null}
      <div className="permission-groups">
        {groups.map((group) => {
          const keys = group.permissions.map((p) => p.key);
          const all = keys.every((k) => chosen.has(k));
          return (
            <fieldset key={group.category} className="permission-group">
              <legend>{group.category}</legend>
              <label className="check">
                <input
                  type="checkbox"
                  checked={all}
                  onChange={(event) => {
                    const on = event.currentTarget.checked;
                    onChange(offered.filter((p) => (keys.includes(p) ? on : chosen.has(p))));
                  }}
                />
                All {group.category}
              </label>
              {group.permissions.map((permission) => (
                <label key={permission.key} className="check">
                  <input
                    type="checkbox"
                    checked={chosen.has(permission.key)}
                    onChange={(event) => {
                      onChange(
                        toggle(selected, permission.key, event.currentTarget.checked, offered),
                      );
                    }}
                  />
                  {permission.label} <span className="visually-hidden">({permission.key})</span>
                </label>
              ))}
            </fieldset>
          );
        })}
      </div>
    </fieldset>
  );
}
