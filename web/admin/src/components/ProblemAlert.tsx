import { ApiError } from "@shared/api/errors";
import { useTranslation } from "react-i18next";
import { fieldErrorText, fieldName, internalRequestId, problemText } from "../i18n/problems";

interface Props {
  error: unknown;
  /** What was being done, e.g. "Could not load users" (already translated). */
  title?: string;
  /** Field errors the form already shows beside its fields are left out here. */
  shownFields?: readonly string[];
  onRetry?: () => void;
}

/** An API problem (problem+json kind, field `errors`, request id) or any other error, for people. */
export function ProblemAlert({ error, title, shownFields = [], onRetry }: Props) {
  const { t, i18n } = useTranslation("problems");
  const fieldErrors =
    error instanceof ApiError ? error.fieldErrors.filter((e) => !shownFields.includes(e.field)) : [];
  const requestId = internalRequestId(error);
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      {title && <p className="font-semibold">{title}</p>}
      <p>{problemText(error, t, i18n.language)}</p>
      {fieldErrors.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {fieldErrors.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              <span className="font-mono">{fieldName(e.field, t)}</span>: {fieldErrorText(e, t, i18n.language)}
            </li>
          ))}
        </ul>
      )}
      {requestId && <p className="mt-1">{t("requestId", { id: requestId })}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry} className="btn-secondary mt-2">
          {t("common:tryAgain")}
        </button>
      )}
    </div>
  );
}
