import { useId } from "react";
import type { ReactNode } from "react";

/** A card with a heading that names it, so it is a region people (and tests) can find by name. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="card space-y-4">
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
