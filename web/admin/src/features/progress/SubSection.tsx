import type { ReactNode } from "react";

/** A part of a section, under a heading of its own. */
export function SubSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-3">
      <h3 className="text-base font-semibold">{title}</h3>
      {children}
    </div>
  );
}
