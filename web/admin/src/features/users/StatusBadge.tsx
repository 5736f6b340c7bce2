import { useTranslation } from "react-i18next";

export function StatusBadge({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation("users");
  return (
    <span
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${
        disabled ? "bg-red-100 text-red-800" : "bg-emerald-100 text-emerald-800"
      }`}
    >
      {disabled ? t("status.disabled") : t("status.active")}
    </span>
  );
}
