import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CreatedSource } from "../../api/types";

type CopyState = "idle" | "copied" | "failed";

/** A new source's API key, the only time anyone sees it: the server keeps only its hash. */
export function NewApiKey({ created, onDone }: { created: CreatedSource; onDone(): void }) {
  const { t } = useTranslation("meterData");
  const titleId = useId();
  const fieldId = useId();
  const warningId = useId();
  const [copy, setCopy] = useState<CopyState>("idle");
  const name = created.source.name;

  async function copyKey() {
    try {
      await navigator.clipboard.writeText(created.api_key);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  }

  return (
    <div role="group" aria-labelledby={titleId} className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4">
      <p id={titleId} className="font-semibold">
        {t("newKey.created", { name })}
      </p>
      <div>
        <label htmlFor={fieldId} className="mb-1 block text-sm font-medium">
          {t("newKey.label", { name })}
        </label>
        <div className="flex flex-wrap gap-2">
          <input
            id={fieldId}
            readOnly
            value={created.api_key}
            aria-describedby={warningId}
            onFocus={(e) => e.currentTarget.select()}
            className="input min-w-72 flex-1 font-mono"
          />
          <button type="button" className="btn-primary" onClick={() => void copyKey()}>
            {t("newKey.copy")}
          </button>
        </div>
      </div>
      <p id={warningId} className="text-sm font-medium text-amber-900">
        {t("newKey.warning", { header: "Authorization: Bearer <key>" })}
      </p>
      <p role="status" className="text-sm text-slate-700">
        {copy === "idle" ? "" : t(`newKey.${copy}`)}
      </p>
      <button type="button" className="btn-secondary" onClick={onDone}>
        {t("newKey.done")}
      </button>
    </div>
  );
}
