import type { Household } from "../../api/types";
import { FactList } from "../../components/FactList";

export function HouseholdFacts({ household }: { household: Household }) {
  return (
    <FactList
      facts={[
        ["Name", household.name],
        ["District", household.district ?? "Not chosen yet"],
        ["Tariff", household.tariff_code],
        ["Time zone", household.time_zone],
      ]}
    />
  );
}
