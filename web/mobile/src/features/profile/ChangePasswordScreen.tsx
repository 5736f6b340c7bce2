import type { NativeStackScreenProps } from "@react-navigation/native-stack";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { StyleSheet, Text } from "react-native";
import { ApiError } from "@shared/api/errors";
import { errorMessage } from "../../api/errors";
import { useServices } from "../../auth/AuthProvider";
import type { ProfileStackParams } from "../../navigation/types";
import { Button } from "../../ui/Button";
import { Screen } from "../../ui/Screen";
import { TextField } from "../../ui/TextField";
import { colors, font } from "../../ui/theme";

export function ChangePasswordScreen({ navigation }: NativeStackScreenProps<ProfileStackParams, "ChangePassword">) {
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
        label="Current password"
        value={current}
        onChangeText={setCurrent}
        secureTextEntry
        autoComplete="current-password"
        error={error?.fieldError("current_password")}
      />
      <TextField
        label="New password"
        value={next}
        onChangeText={setNext}
        secureTextEntry
        autoComplete="new-password"
        error={error?.fieldError("new_password")}
      />
      {change.isError && (error === null || error.fieldErrors.length === 0) && (
        <Text role="alert" style={styles.error}>
          {errorMessage(change.error)}
        </Text>
      )}
      <Button label="Change password" onPress={() => change.mutate()} busy={change.isPending} disabled={!current || !next} />
    </Screen>
  );
}

const styles = StyleSheet.create({
  error: { fontSize: font.body, color: colors.danger, fontWeight: "600" },
});
