export function SourceStatusBadge({ revoked }: { revoked: boolean }) {
  return (
    <span
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${
        revoked ? "bg-red-100 text-red-800" : "bg-emerald-100 text-emerald-800"
      }`}
    >
      {revoked ? "Revoked" : "Active"}
    </span>
  );
}
