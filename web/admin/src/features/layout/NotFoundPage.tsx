import { Link } from "react-router";
import { useDocumentTitle } from "../../lib/useDocumentTitle";

export function NotFoundPage() {
  useDocumentTitle("Not found");
  return (
    <section className="space-y-2">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/" className="text-emerald-800 underline">Go to the overview</Link>.
      </p>
    </section>
  );
}
