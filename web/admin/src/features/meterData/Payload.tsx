import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/useFormat";

const PREVIEW_CHARACTERS = 120;

/** A message as received: its beginning, and all of it on request. */
export function Payload({ text }: { text: string }) {
  const { t } = useTranslation("meterData");
  const format = useFormat();
  const id = useId();
  const [expanded, setExpanded] = useState(false);
  const long = text.length > PREVIEW_CHARACTERS;
  if (text === "") return <span className="text-slate-600">{t("payload.empty")}</span>;
  return (
    <div className="space-y-1">
      <pre id={id} className="max-w-md font-mono text-xs break-all whitespace-pre-wrap">
        {long && !expanded ? `${text.slice(0, PREVIEW_CHARACTERS)}…` : text}
      </pre>
      {long && (
        <button
          type="button"
          className="text-xs font-medium text-emerald-800 underline-offset-2 hover:underline"
          aria-expanded={expanded}
          aria-controls={id}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded
            ? t("payload.less")
            : t("payload.all", { count: text.length, formatted: format.number(text.length) })}
        </button>
      )}
    </div>
  );
}
