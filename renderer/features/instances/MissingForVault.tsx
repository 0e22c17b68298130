// On Flowise 3.0.13+, what the admin key lacks of what the app needs to manage the server, named
// by permission (main works it out: main/core/instances/admin-needs.ts).
export function MissingForVault({ missing }: { missing: readonly string[] | undefined }) {
  if (missing === undefined || missing.length === 0) return null;
  return (
    <p className="warning" data-testid="admin-key-missing">
      The admin key lacks {missing.join(', ')}, which this app needs to manage the server.
    </p>
  );
}
