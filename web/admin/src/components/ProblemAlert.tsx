import { ApiError } from "@shared/api/errors";

interface Props {
  error: unknown;
  /** What was being done, e.g. "Could not load users". */
  title?: string;
  /** Field errors the form already shows beside its fields are left out here. */
  shownFields?: readonly string[];
  onRetry?: () => void;
}

/** An API problem (problem+json `detail` and field `errors`) or any other error, for people. */
export function ProblemAlert({ error, title, shownFields = [], onRetry }: Props) {
  const detail = error instanceof Error ? error.message : "Something went wrong.";
  const fieldErrors =
    error instanceof ApiError ? error.fieldErrors.filter((e) => !shownFields.includes(e.field)) : [];
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      {title && <p className="font-semibold">{title}</p>}
      <p>{detail}</p>
      {fieldErrors.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {fieldErrors.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              <span className="font-mono">{e.field}</span>: {e.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry} className="btn-secondary mt-2">
          Try again
        </button>
      )}
    </div>
  );
}
