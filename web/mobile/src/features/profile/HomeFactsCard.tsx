import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { StyleSheet, Text } from "react-native";
import { ApiError } from "@shared/api/errors";
import { useErrorMessage, useFieldError } from "../../api/errors";
import { WATER_HEATERS, type Household, type HouseholdUpdate, type WaterHeater } from "../../api/types";
import { useApi } from "../../auth/AuthProvider";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { Checkbox } from "../../ui/Checkbox";
import { Choices } from "../../ui/Choices";
import { TextField } from "../../ui/TextField";
import { colors, font } from "../../ui/theme";

const isWaterHeater = (value: string | null | undefined): value is WaterHeater => WATER_HEATERS.some((known) => known === value);

/** A count typed by hand: a whole number, null when left empty, NaN when it is not a number. */
function parseCount(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

const countText = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));

/**
 * The facts a household tells about its home (people, water heating, air conditioning, an
 * electric vehicle, rooftop solar). Only what was changed is sent, so a fact never told is not
 * turned into a "no" by saving another.
 */
export function HomeFactsCard({ household }: { household: Household }) {
  const { t, i18n } = useTranslation("profile");
  const api = useApi();
  const queryClient = useQueryClient();
  const message = useErrorMessage();
  const fieldMessage = useFieldError("household");
  const [people, setPeople] = useState(countText(household.people));
  const [heater, setHeater] = useState<WaterHeater | null>(isWaterHeater(household.water_heater) ? household.water_heater : null);
  const [airConditioners, setAirConditioners] = useState(countText(household.air_conditioners));
  const [ev, setEv] = useState(household.electric_vehicle ?? null);
  const [pv, setPv] = useState(household.rooftop_pv ?? null);

  const update: HouseholdUpdate = {};
  const peopleCount = parseCount(people);
  const acCount = parseCount(airConditioners);
  if (peopleCount !== null && peopleCount !== household.people) update.people = peopleCount;
  if (heater !== null && heater !== household.water_heater) update.water_heater = heater;
  if (acCount !== null && acCount !== household.air_conditioners) update.air_conditioners = acCount;
  if (ev !== null && ev !== household.electric_vehicle) update.electric_vehicle = ev;
  if (pv !== null && pv !== household.rooftop_pv) update.rooftop_pv = pv;
  const changed = Object.keys(update).length > 0;
  const notNumbers = { people: Number.isNaN(peopleCount), air_conditioners: Number.isNaN(acCount) };

  const save = useMutation({
    mutationFn: () => api.updateHousehold(update),
    onSuccess: (updated) => queryClient.setQueryData(["household"], updated),
  });
  // A count that is not a number is pointed out here; the server judges the range.
  const countError = (field: "people" | "air_conditioners") =>
    notNumbers[field] ? String(i18n.t(`problems:field.household.${field}`)) : fieldMessage(save.error, field);
  return (
    <Card title={t("home.title")}>
      <Text style={styles.text}>{t("home.intro")}</Text>
      <TextField label={t("home.people")} value={people} onChangeText={setPeople} keyboardType="number-pad" error={countError("people")} />
      <Choices<WaterHeater>
        label={t("home.waterHeater")}
        options={WATER_HEATERS.map((value) => ({ value, label: t(`home.heater.${value}`) }))}
        value={heater}
        onChange={setHeater}
        error={fieldMessage(save.error, "water_heater")}
      />
      <TextField
        label={t("home.airConditioners")}
        value={airConditioners}
        onChangeText={setAirConditioners}
        keyboardType="number-pad"
        error={countError("air_conditioners")}
      />
      <Checkbox label={t("home.electricVehicle")} checked={ev === true} onChange={setEv} error={fieldMessage(save.error, "electric_vehicle")} />
      <Checkbox label={t("home.rooftopPv")} checked={pv === true} onChange={setPv} error={fieldMessage(save.error, "rooftop_pv")} />
      {save.isError && save.error instanceof ApiError && save.error.fieldErrors.length === 0 && (
        <Text role="alert" style={styles.error}>
          {message(save.error)}
        </Text>
      )}
      {save.isSuccess && !changed && <Text style={styles.saved}>{t("home.saved")}</Text>}
      <Button
        label={t("home.save")}
        onPress={() => save.mutate()}
        busy={save.isPending}
        disabled={!changed || notNumbers.people || notNumbers.air_conditioners}
      />
    </Card>
  );
}

const styles = StyleSheet.create({
  text: { fontSize: font.body, color: colors.text },
  error: { fontSize: font.body, color: colors.danger, fontWeight: "600" },
  saved: { fontSize: font.body, color: colors.primary, fontWeight: "600" },
});
