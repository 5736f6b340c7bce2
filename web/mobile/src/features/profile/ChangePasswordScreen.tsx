import type { NativeStackScreenProps } from "@react-navigation/native-stack";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { StyleSheet, Text } from "react-native";
import { ApiError } from "@shared/api/errors";
import { useErrorMessage, useFieldError } from "../../api/errors";
import { useServices } from "../../auth/AuthProvider";
import type { ProfileStackParams } from "../../navigation/types";
import { Button } from "../../ui/Button";
import { Screen } from "../../ui/Screen";
import { TextField } from "../../ui/TextField";
import { colors, font } from "../../ui/theme";

export function ChangePasswordScreen({ navigation }: NativeStackScreenProps<ProfileStackParams, "ChangePassword">) {
  const { t } = useTranslation("profile");
  const message = useErrorMessage();
  const fieldMessage = useFieldError("changePassword");
  const { api, tokens } = useServices();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const change = useMutation({
    mutationFn: () => api.changePassword({ current_password: current, new_password: next }),
    onSuccess: (pair) => {
      // Other sign-ins end; this one continues with the tokens the server just issued.
      tokens.set({ accessToken: pair.access_token, refreshToken: pair.refresh_token });
      navigation.goBack();
    },
  });
  const error = change.error instanceof ApiError ? change.error : null;
  return (
    <Screen>
      <TextField
        label={t("password.current")}
        value={current}
        onChangeText={setCurrent}
        secureTextEntry
        autoComplete="current-password"
        error={fieldMessage(change.error, "current_password")}
      />
      <TextField
        label={t("password.new")}
        value={next}
        onChangeText={setNext}
        secureTextEntry
        autoComplete="new-password"
        error={fieldMessage(change.error, "new_password")}
      />
      {change.isError && (error === null || error.fieldErrors.length === 0) && (
        <Text role="alert" style={styles.error}>
          {message(change.error)}
        </Text>
      )}
      <Button label={t("password.submit")} onPress={() => change.mutate()} busy={change.isPending} disabled={!current || !next} />
    </Screen>
  );
}

const styles = StyleSheet.create({
  error: { fontSize: font.body, color: colors.danger, fontWeight: "600" },
});
