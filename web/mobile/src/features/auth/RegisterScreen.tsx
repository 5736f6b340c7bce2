import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Text } from "react-native";
import { ApiError } from "@shared/api/errors";
import { useErrorMessage, useFieldError } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { useLanguage } from "../../i18n/LanguageProvider";
import { LanguageSwitch } from "../../i18n/LanguageSwitch";
import { Button } from "../../ui/Button";
import { Screen } from "../../ui/Screen";
import { TextField } from "../../ui/TextField";
import { formStyles } from "./formStyles";

export function RegisterScreen() {
  const { t } = useTranslation("auth");
  const { register } = useAuth();
  const { language, choose } = useLanguage();
  const message = useErrorMessage();
  const fieldMessage = useFieldError("register");
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      // The account speaks the language chosen here; the server writes to it in that language.
      await register({ display_name: displayName.trim(), email: email.trim(), password, language });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  const general = error !== null && (!(error instanceof ApiError) || error.fieldErrors.length === 0);
  return (
    <Screen>
      <LanguageSwitch value={language} onChange={choose} />
      <TextField
        label={t("field.displayName")}
        value={displayName}
        onChangeText={setDisplayName}
        autoComplete="name"
        error={fieldMessage(error, "display_name")}
      />
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
        autoComplete="new-password"
        error={fieldMessage(error, "password")}
      />
      <Text style={formStyles.hint}>{t("register.passwordHint")}</Text>
      {general && (
        <Text role="alert" style={formStyles.error}>
          {message(error)}
        </Text>
      )}
      <Button label={t("register.submit")} onPress={submit} busy={busy} disabled={!email || !password || !displayName} />
    </Screen>
  );
}
