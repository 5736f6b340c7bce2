import { useTranslation } from "react-i18next";
import { districtName } from "../../i18n/districts";
import type { PlanFormValues } from "./planForm";
import { FieldErrorText } from "./FormField";

interface Props {
  audience: PlanFormValues["audience"];
  chosen: string[];
  districts: string[];
  error?: string;
  onChange(change: Partial<PlanFormValues>): void;
}

/** Everyone, or the households of some of the programme's districts. */
export function AudienceFields({ audience, chosen, districts, error, onChange }: Props) {
  const { t } = useTranslation("sessions");
  function toggle(district: string, on: boolean) {
    onChange({ districts: on ? [...chosen, district] : chosen.filter((d) => d !== district) });
  }

  return (
    <fieldset
      className="space-y-2"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? "session-audience-error" : undefined}
    >
      <legend className="text-base font-semibold">{t("plan.audience")}</legend>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="radio"
          name="session-audience"
          checked={audience === "everyone"}
          onChange={() => onChange({ audience: "everyone" })}
        />
        {t("plan.everyone")}
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="radio"
          name="session-audience"
          checked={audience === "districts"}
          onChange={() => onChange({ audience: "districts" })}
        />
        {t("form.chosenDistricts")}
      </label>
      {audience === "districts" && (
        <fieldset className="ml-6 flex flex-wrap gap-x-4 gap-y-1">
          <legend className="sr-only">{t("form.districts")}</legend>
          {districts.map((district) => (
            <label key={district} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={chosen.includes(district)}
                onChange={(e) => toggle(district, e.target.checked)}
              />
              {districtName(district, t)}
            </label>
          ))}
        </fieldset>
      )}
      {error && <FieldErrorText id="session-audience-error">{error}</FieldErrorText>}
    </fieldset>
  );
}
