import { useTranslation } from "react-i18next";

export function SourceStatusBadge({ revoked }: { revoked: boolean }) {
  const { t } = useTranslation("meterData");
  return (
    <span
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${
        revoked ? "bg-red-100 text-red-800" : "bg-emerald-100 text-emerald-800"
      }`}
    >
      {revoked ? t("sources.revoked") : t("sources.active")}
    </span>
  );
}
