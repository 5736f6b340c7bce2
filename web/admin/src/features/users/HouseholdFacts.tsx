import { useTranslation } from "react-i18next";
import type { Household } from "../../api/types";
import { FactList } from "../../components/FactList";
import { districtName } from "../../i18n/districts";

export function HouseholdFacts({ household }: { household: Household }) {
  const { t } = useTranslation("users");
  return (
    <FactList
      facts={[
        [t("household.name"), household.name],
        [t("household.district"), household.district ? districtName(household.district, t) : t("household.noDistrict")],
        [t("household.tariff"), household.tariff_code],
        [t("household.timeZone"), household.time_zone],
      ]}
    />
  );
}
