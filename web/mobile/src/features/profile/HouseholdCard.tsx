import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { StyleSheet, Text } from "react-native";
import { ApiError } from "@shared/api/errors";
import { useErrorMessage, useFieldError } from "../../api/errors";
import type { Household } from "../../api/types";
import { useApi } from "../../auth/AuthProvider";
import { translateDynamic } from "../../i18n/dynamic";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { Choices } from "../../ui/Choices";
import { TextField } from "../../ui/TextField";
import { colors, font } from "../../ui/theme";

export function HouseholdCard({ household }: { household: Household }) {
  const { t, i18n } = useTranslation("profile");
  const api = useApi();
  const queryClient = useQueryClient();
  const message = useErrorMessage();
  const fieldMessage = useFieldError("household");
  const programme = useQuery({ queryKey: ["programme"], queryFn: api.programme, staleTime: Infinity });
  const [name, setName] = useState(household.name);
  const [district, setDistrict] = useState(household.district ?? null);
  const save = useMutation({
    mutationFn: () => api.updateHousehold({ name: name.trim(), district }),
    onSuccess: (updated) => queryClient.setQueryData(["household"], updated),
  });
  const changed = name.trim() !== household.name || district !== (household.district ?? null);
  // Districts are configured by their English names; a district the glossary lacks keeps its own.
  const districtName = (english: string) => translateDynamic(i18n, `common:district.${english}`) ?? english;
  return (
    <Card title={t("household.title")}>
      <TextField label={t("household.name")} value={name} onChangeText={setName} error={fieldMessage(save.error, "name")} />
      {programme.data && (
        <Choices
          label={t("household.district")}
          options={programme.data.districts.map((value) => ({ value, label: districtName(value) }))}
          value={district}
          onChange={setDistrict}
          error={fieldMessage(save.error, "district")}
        />
      )}
      <Text style={styles.text}>{t("household.timeZone", { timeZone: household.time_zone })}</Text>
      <Text style={styles.text}>{t("household.tariff", { tariff: household.tariff_code })}</Text>
      {save.isError && save.error instanceof ApiError && save.error.fieldErrors.length === 0 && (
        <Text role="alert" style={styles.error}>
          {message(save.error)}
        </Text>
      )}
      {save.isSuccess && !changed && <Text style={styles.saved}>{t("household.saved")}</Text>}
      <Button label={t("household.save")} onPress={() => save.mutate()} busy={save.isPending} disabled={!changed} />
    </Card>
  );
}

const styles = StyleSheet.create({
  text: { fontSize: font.body, color: colors.text },
  error: { fontSize: font.body, color: colors.danger, fontWeight: "600" },
  saved: { fontSize: font.body, color: colors.primary, fontWeight: "600" },
});
