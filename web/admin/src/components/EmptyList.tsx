/** Says why a list has no rows (none yet, or none that match), in place of its table. */
export function EmptyList({ children }: { children: string }) {
  return (
    <p role="status" className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">
      {children}
    </p>
  );
}
