import { useState } from "react";
import type { FormEvent } from "react";
import { ApiError } from "@shared/api/errors";
import { useTranslation } from "react-i18next";
import { ProblemAlert } from "../../components/ProblemAlert";
import { fieldErrorText } from "../../i18n/problems";
import { useFormat } from "../../i18n/useFormat";
import { useLinkMeter } from "./queries";

const FIELDS = ["meter_id", "interval_minutes"] as const;

/** Link a utility meter to the account's household; the server's field errors show by their fields. */
export function LinkMeterForm({ userId }: { userId: string }) {
  const { t, i18n } = useTranslation("users");
  const format = useFormat();
  const [meterId, setMeterId] = useState("");
  const [interval, setInterval] = useState("15");
  const link = useLinkMeter(userId);
  const apiError = link.error instanceof ApiError ? link.error : null;
  const errorFor = (field: (typeof FIELDS)[number]) => {
    const error = apiError?.fieldErrors.find((e) => e.field === field);
    return error && fieldErrorText(error, t, i18n.language);
  };
  const meterIdError = errorFor("meter_id");
  const intervalError = errorFor("interval_minutes");

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    link.mutate(
      { meter_id: meterId.trim(), interval_minutes: Number(interval) },
      { onSuccess: () => setMeterId("") },
    );
  }

  return (
    <form onSubmit={onSubmit} aria-labelledby="link-meter-heading" noValidate className="space-y-3">
      <h3 id="link-meter-heading" className="font-medium">
        {t("meters.linkHeading")}
      </h3>
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-56 flex-1">
          <label htmlFor="meter-id" className="mb-1 block text-sm font-medium">
            {t("meters.meterId")}
          </label>
          <input
            id="meter-id"
            value={meterId}
            onChange={(e) => setMeterId(e.target.value)}
            placeholder="CY-000123"
            className="input font-mono"
            aria-invalid={meterIdError ? true : undefined}
            aria-describedby={meterIdError ? "meter-id-error" : undefined}
          />
          {meterIdError && (
            <p id="meter-id-error" className="mt-1 text-sm text-red-700">
              {meterIdError}
            </p>
          )}
        </div>
        <div>
          <label htmlFor="meter-interval" className="mb-1 block text-sm font-medium">
            {t("meters.interval")}
          </label>
          <select
            id="meter-interval"
            value={interval}
            onChange={(e) => setInterval(e.target.value)}
            className="input"
            aria-invalid={intervalError ? true : undefined}
            aria-describedby={intervalError ? "meter-interval-error" : undefined}
          >
            <option value="15">{t("meters.minutes", { count: 15, formatted: format.number(15) })}</option>
            <option value="30">{t("meters.minutes", { count: 30, formatted: format.number(30) })}</option>
          </select>
          {intervalError && (
            <p id="meter-interval-error" className="mt-1 text-sm text-red-700">
              {intervalError}
            </p>
          )}
        </div>
        <button type="submit" className="btn-primary mt-6" disabled={link.isPending}>
          {link.isPending ? t("meters.linking") : t("meters.link")}
        </button>
      </div>
      {link.isError && <ProblemAlert error={link.error} title={t("meters.linkFailed")} shownFields={FIELDS} />}
      {link.isSuccess && (
        <p role="status" className="text-sm text-slate-700">
          {t("meters.linked", { meter: link.variables.meter_id })}
        </p>
      )}
    </form>
  );
}
