import { useState } from "react";
import { Text } from "react-native";
import { ApiError } from "@shared/api/errors";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Button } from "../../ui/Button";
import { Screen } from "../../ui/Screen";
import { TextField } from "../../ui/TextField";
import { formStyles } from "./formStyles";

export function RegisterScreen() {
  const { register } = useAuth();
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      await register({ display_name: displayName.trim(), email: email.trim(), password });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  const apiError = error instanceof ApiError ? error : null;
  const fieldError = (field: string) => apiError?.fieldError(field);
  const general = error !== null && (apiError === null || apiError.fieldErrors.length === 0);
  return (
    <Screen>
      <TextField
        label="Name shown to others"
        value={displayName}
        onChangeText={setDisplayName}
        autoComplete="name"
        error={fieldError("display_name")}
      />
      <TextField
        label="E-mail"
        value={email}
        onChangeText={setEmail}
        autoCapitalize="none"
        autoComplete="email"
        keyboardType="email-address"
        error={fieldError("email")}
      />
      <TextField
        label="Password"
        value={password}
        onChangeText={setPassword}
        secureTextEntry
        autoComplete="new-password"
        error={fieldError("password")}
      />
      <Text style={formStyles.hint}>At least 10 characters, 5 of them different; not a well-known password.</Text>
      {general && (
        <Text role="alert" style={formStyles.error}>
          {errorMessage(error)}
        </Text>
      )}
      <Button label="Create account" onPress={submit} busy={busy} disabled={!email || !password || !displayName} />
    </Screen>
  );
}
