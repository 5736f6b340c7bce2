import { useTranslation } from "react-i18next";
import { PROGRAMME_RANGES, type ProgrammeRange } from "./programmeRange";

interface Props {
  value: ProgrammeRange;
  onChange(range: ProgrammeRange): void;
}

export function ProgrammeRangeSwitch({ value, onChange }: Props) {
  const { t } = useTranslation("overview");
  return (
    <fieldset className="flex flex-wrap gap-4 text-sm">
      <legend className="sr-only">{t("range.legend")}</legend>
      {PROGRAMME_RANGES.map((range) => (
        <label key={range} className="flex items-center gap-2">
          <input
            type="radio"
            name="programme-consumption-range"
            value={range}
            checked={value === range}
            onChange={() => onChange(range)}
          />
          {t(`range.${range}`)}
        </label>
      ))}
    </fieldset>
  );
}
