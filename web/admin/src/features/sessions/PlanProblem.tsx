import { ApiError } from "@shared/api/errors";
import { ProblemAlert } from "../../components/ProblemAlert";

interface Props {
  /** The server's refusal; none when the form itself found fields it cannot send. */
  error?: unknown;
  shownFields?: readonly string[];
}

/**
 * Why the plan was not saved. When every problem is already beside its field, says so instead of
 * repeating them; anything else (an overlap, an unknown field) is spelt out.
 */
export function PlanProblem({ error, shownFields = [] }: Props) {
  const allBesideFields =
    error === undefined ||
    (error instanceof ApiError &&
      error.status === 422 &&
      error.fieldErrors.length > 0 &&
      error.fieldErrors.every((e) => shownFields.includes(e.field)));
  if (!allBesideFields) {
    return <ProblemAlert error={error} title="Could not save the session" shownFields={shownFields} />;
  }
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      <p className="font-semibold">Could not save the session</p>
      <p>Correct the fields marked above and save again.</p>
    </div>
  );
}
