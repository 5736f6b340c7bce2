import { useTranslation } from "react-i18next";
import { CONSUMPTION_RANGES, type ConsumptionRange } from "./consumptionRange";

interface Props {
  value: ConsumptionRange;
  onChange(range: ConsumptionRange): void;
}

export function ConsumptionRangeSwitch({ value, onChange }: Props) {
  const { t } = useTranslation("users");
  return (
    <fieldset className="flex flex-wrap gap-4 text-sm">
      <legend className="sr-only">{t("overview:range.legend")}</legend>
      {CONSUMPTION_RANGES.map((range) => (
        <label key={range} className="flex items-center gap-2">
          <input
            type="radio"
            name="consumption-range"
            value={range}
            checked={value === range}
            onChange={() => onChange(range)}
          />
          {t(`consumption.range.${range}`)}
        </label>
      ))}
    </fieldset>
  );
}
