import { useTranslation } from "react-i18next";
import { CLAIM_STATUSES, type ClaimFilter } from "./listParams";

interface Props {
  filter: ClaimFilter;
  onChange(filter: ClaimFilter): void;
}

/** The review queue, every claim, or the claims of one other status. */
export function ClaimFilterSelect({ filter, onChange }: Props) {
  const { t } = useTranslation("claims");
  return (
    <div>
      <label htmlFor="claim-status" className="mb-1 block text-sm font-medium">
        {t("filter.label")}
      </label>
      <select
        id="claim-status"
        value={filter}
        onChange={(e) => onChange(e.target.value as ClaimFilter)}
        className="input w-auto"
      >
        <option value="review">{t("filter.review")}</option>
        <option value="all">{t("filter.all")}</option>
        {CLAIM_STATUSES.filter((s) => s !== "review").map((s) => (
          <option key={s} value={s}>
            {t("status", { status: s })}
          </option>
        ))}
      </select>
    </div>
  );
}
