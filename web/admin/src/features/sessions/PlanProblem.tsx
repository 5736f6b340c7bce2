import { ApiError } from "@shared/api/errors";
import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation("sessions");
  const allBesideFields =
    error === undefined ||
    (error instanceof ApiError &&
      error.status === 422 &&
      error.fieldErrors.length > 0 &&
      error.fieldErrors.every((e) => shownFields.includes(e.field)));
  if (!allBesideFields) {
    return <ProblemAlert error={error} title={t("form.saveFailed")} shownFields={shownFields} />;
  }
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      <p className="font-semibold">{t("form.saveFailed")}</p>
      <p>{t("form.correctFields")}</p>
    </div>
  );
}
