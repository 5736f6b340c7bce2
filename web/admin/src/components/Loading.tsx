export function Loading({ label }: { label: string }) {
  return (
    <p role="status" className="py-6 text-sm text-slate-600">
      {label}
    </p>
  );
}
