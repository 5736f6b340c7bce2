export function StatusBadge({ disabled }: { disabled: boolean }) {
  return (
    <span
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${
        disabled ? "bg-red-100 text-red-800" : "bg-emerald-100 text-emerald-800"
      }`}
    >
      {disabled ? "Disabled" : "Active"}
    </span>
  );
}
