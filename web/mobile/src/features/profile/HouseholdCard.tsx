import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { StyleSheet, Text } from "react-native";
import { ApiError } from "@shared/api/errors";
import { errorMessage } from "../../api/errors";
import type { Household } from "../../api/types";
import { useApi } from "../../auth/AuthProvider";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { Choices } from "../../ui/Choices";
import { TextField } from "../../ui/TextField";
import { colors, font } from "../../ui/theme";

export function HouseholdCard({ household }: { household: Household }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const programme = useQuery({ queryKey: ["programme"], queryFn: api.programme, staleTime: Infinity });
  const [name, setName] = useState(household.name);
  const [district, setDistrict] = useState(household.district ?? null);
  const save = useMutation({
    mutationFn: () => api.updateHousehold({ name: name.trim(), district }),
    onSuccess: (updated) => queryClient.setQueryData(["household"], updated),
  });
  const fieldError = (field: string) => (save.error instanceof ApiError ? save.error.fieldError(field) : undefined);
  const changed = name.trim() !== household.name || district !== (household.district ?? null);
  return (
    <Card title="Household">
      <TextField label="Household name" value={name} onChangeText={setName} error={fieldError("name")} />
      {programme.data && (
        <Choices
          label="District"
          options={programme.data.districts}
          value={district}
          onChange={setDistrict}
          error={fieldError("district")}
        />
      )}
      <Text style={styles.text}>Time zone: {household.time_zone}</Text>
      <Text style={styles.text}>Tariff: {household.tariff_code}</Text>
      {save.isError && save.error instanceof ApiError && save.error.fieldErrors.length === 0 && (
        <Text role="alert" style={styles.error}>
          {errorMessage(save.error)}
        </Text>
      )}
      {save.isSuccess && !changed && <Text style={styles.saved}>Saved.</Text>}
      <Button label="Save household" onPress={() => save.mutate()} busy={save.isPending} disabled={!changed} />
    </Card>
  );
}

const styles = StyleSheet.create({
  text: { fontSize: font.body, color: colors.text },
  error: { fontSize: font.body, color: colors.danger, fontWeight: "600" },
  saved: { fontSize: font.body, color: colors.primary, fontWeight: "600" },
});
