import { useId, useState } from "react";
import type { FormEvent } from "react";
import { ApiError } from "@shared/api/errors";
import { useTranslation } from "react-i18next";
import { ProblemAlert } from "../../components/ProblemAlert";
import { fieldErrorText } from "../../i18n/problems";
import { NewApiKey } from "./NewApiKey";
import { useCreateSource } from "./queries";

const FIELDS = ["name"] as const;

/** Creates a source that uploads readings, and shows its API key once. */
export function CreateSourceForm() {
  const { t, i18n } = useTranslation("meterData");
  const nameId = useId();
  const hintId = useId();
  const errorId = useId();
  const [name, setName] = useState("");
  const create = useCreateSource();
  const rejected = create.error instanceof ApiError ? create.error.fieldErrors.find((e) => e.field === "name") : undefined;
  const nameError = rejected && fieldErrorText(rejected, t, i18n.language);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name: name.trim() }, { onSuccess: () => setName("") });
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} aria-label={t("create.title")} noValidate className="space-y-3">
        <div className="flex flex-wrap items-start gap-3">
          <div className="min-w-64 flex-1">
            <label htmlFor={nameId} className="mb-1 block text-sm font-medium">
              {t("create.name")}
            </label>
            <input
              id={nameId}
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="eac-mdm"
              className="input"
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? `${errorId} ${hintId}` : hintId}
            />
            {nameError && (
              <p id={errorId} className="mt-1 text-sm text-red-700">
                {nameError}
              </p>
            )}
            <p id={hintId} className="mt-1 text-sm text-slate-600">
              {t("create.nameHint")}
            </p>
          </div>
          <button type="submit" className="btn-primary mt-6" disabled={create.isPending}>
            {create.isPending ? t("create.creating") : t("create.button")}
          </button>
        </div>
        {create.isError && (
          <ProblemAlert error={create.error} title={t("create.failed")} shownFields={FIELDS} />
        )}
      </form>
      {create.data && <NewApiKey key={create.data.source.id} created={create.data} onDone={() => create.reset()} />}
    </div>
  );
}
