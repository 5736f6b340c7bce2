import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Text } from "react-native";
import { useErrorMessage, useFieldError } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { useLanguage } from "../../i18n/LanguageProvider";
import { LanguageSwitch } from "../../i18n/LanguageSwitch";
import { Button } from "../../ui/Button";
import { Screen } from "../../ui/Screen";
import { TextField } from "../../ui/TextField";
import { formStyles } from "./formStyles";

export function SignInScreen() {
  const { t } = useTranslation("auth");
  const { signIn } = useAuth();
  const { language, choose } = useLanguage();
  const message = useErrorMessage();
  const fieldMessage = useFieldError("signIn");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      await signIn({ email: email.trim(), password });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <Screen>
      <LanguageSwitch value={language} onChange={choose} />
      <TextField
        label={t("field.email")}
        value={email}
        onChangeText={setEmail}
        autoCapitalize="none"
        autoComplete="email"
        keyboardType="email-address"
        error={fieldMessage(error, "email")}
      />
      <TextField
        label={t("field.password")}
        value={password}
        onChangeText={setPassword}
        secureTextEntry
        autoComplete="current-password"
        onSubmitEditing={submit}
        error={fieldMessage(error, "password")}
      />
      {error !== null && (
        <Text role="alert" style={formStyles.error}>
          {message(error)}
        </Text>
      )}
      <Button label={t("signIn.submit")} onPress={submit} busy={busy} disabled={!email || !password} />
    </Screen>
  );
}
