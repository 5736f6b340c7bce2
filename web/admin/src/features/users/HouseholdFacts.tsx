import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Household } from "../../api/types";
import { FactList } from "../../components/FactList";
import { districtName } from "../../i18n/districts";
import { useFormat } from "../../i18n/useFormat";

/** The household's settings, and the facts it told about its home (each only once told). */
export function HouseholdFacts({ household }: { household: Household }) {
  const { t } = useTranslation("users");
  const format = useFormat();
  const yesNo = (value: boolean) => (value ? t("household.yes") : t("household.no"));
  const home: [string, ReactNode][] = [];
  if (household.people != null) home.push([t("household.people"), format.number(household.people)]);
  if (household.water_heater != null) {
    home.push([t("household.waterHeater"), t("household.waterHeaterValue", { heater: household.water_heater })]);
  }
  if (household.air_conditioners != null) {
    home.push([t("household.airConditioners"), format.number(household.air_conditioners)]);
  }
  if (household.electric_vehicle != null) home.push([t("household.electricVehicle"), yesNo(household.electric_vehicle)]);
  if (household.rooftop_pv != null) home.push([t("household.rooftopPv"), yesNo(household.rooftop_pv)]);
  return (
    <div className="space-y-4">
      <FactList
        facts={[
          [t("household.name"), household.name],
          [t("household.district"), household.district ? districtName(household.district, t) : t("household.noDistrict")],
          [t("household.tariff"), household.tariff_code],
          [t("household.timeZone"), household.time_zone],
        ]}
      />
      <div>
        <h3 className="mb-2 text-sm font-semibold">{t("household.home")}</h3>
        {home.length > 0 ? <FactList facts={home} /> : <p className="text-sm text-slate-600">{t("household.noHomeFacts")}</p>}
      </div>
    </div>
  );
}
