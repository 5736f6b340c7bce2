/** Says why a section has nothing to show, in place of a chart or table that would be empty. */
export function EmptyNote({ children }: { children: string }) {
  return <p className="text-sm text-slate-600">{children}</p>;
}
