import type { NativeStackScreenProps } from "@react-navigation/native-stack";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { StyleSheet, Text } from "react-native";
import { ApiError } from "@shared/api/errors";
import { useErrorMessage, useFieldError } from "../../api/errors";
import type { HomeStackParams } from "../../navigation/types";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { Checkbox } from "../../ui/Checkbox";
import { Screen } from "../../ui/Screen";
import { ErrorState, Loading } from "../../ui/states";
import { TextField } from "../../ui/TextField";
import { colors, font } from "../../ui/theme";
import { useClaimMeter, useConsentTerms } from "./queries";

/** The fields of this form the server may reject by name. */
const FIELDS = ["account_number", "meter_id", "consent_version"];

/**
 * Connect a meter from the numbers on the electricity bill, after agreeing to the consent text
 * the server gives (in the account's language). Linked: back to Home, which now follows the
 * meter. Sent to staff review: the server's words on what happens next, here.
 */
export function ConnectMeterScreen({ navigation }: NativeStackScreenProps<HomeStackParams, "ConnectMeter">) {
  const { t } = useTranslation("onboarding");
  const message = useErrorMessage();
  const fieldMessage = useFieldError("meterClaim");
  const terms = useConsentTerms();
  const claim = useClaimMeter();
  const [agreed, setAgreed] = useState(false);
  const [askedToAgree, setAskedToAgree] = useState(false);
  const [accountNumber, setAccountNumber] = useState("");
  const [meterId, setMeterId] = useState("");

  if (claim.data?.status === "review") {
    return (
      <Screen>
        <Card title={t("connect.reviewTitle")}>
          <Text style={styles.text} aria-live="polite">
            {claim.data.message}
          </Text>
          <Button label={t("connect.backHome")} variant="secondary" onPress={() => navigation.popTo("HomeMain")} />
        </Card>
      </Screen>
    );
  }

  const submit = () => {
    if (!agreed) {
      setAskedToAgree(true);
      return;
    }
    if (!terms.data) return;
    claim.mutate(
      { account_number: accountNumber.trim(), meter_id: meterId.trim(), consent_version: terms.data.version },
      {
        onSuccess: (result) => {
          if (result.status === "linked") navigation.popTo("HomeMain", { connected: result.message });
        },
      },
    );
  };
  const error = claim.error instanceof ApiError ? claim.error : null;
  const byField = error !== null && error.fieldErrors.some((found) => FIELDS.includes(found.field));
  const consentError = askedToAgree && !agreed ? t("connect.agreeNeeded") : fieldMessage(claim.error, "consent_version");
  return (
    <Screen>
      <Text style={styles.text}>{t("connect.intro")}</Text>
      <Card title={t("connect.consentTitle")}>
        {terms.isPending ? (
          <Loading label={t("connect.consentLoading")} />
        ) : terms.isError ? (
          <ErrorState error={terms.error} onRetry={() => terms.refetch()} />
        ) : (
          <>
            <Text style={styles.text}>{terms.data.text}</Text>
            <Checkbox label={t("connect.agree")} checked={agreed} onChange={setAgreed} error={consentError} />
          </>
        )}
      </Card>
      <TextField
        label={t("connect.accountNumber")}
        value={accountNumber}
        onChangeText={setAccountNumber}
        keyboardType="number-pad"
        autoCorrect={false}
        error={fieldMessage(claim.error, "account_number")}
      />
      <TextField
        label={t("connect.meterNumber")}
        value={meterId}
        onChangeText={setMeterId}
        autoCapitalize="characters"
        autoCorrect={false}
        error={fieldMessage(claim.error, "meter_id")}
      />
      {claim.isError && !byField && (
        <Text role="alert" style={styles.error}>
          {message(claim.error)}
        </Text>
      )}
      <Button
        label={t("connect.submit")}
        onPress={submit}
        busy={claim.isPending}
        disabled={!terms.data || accountNumber.trim() === "" || meterId.trim() === ""}
      />
    </Screen>
  );
}

const styles = StyleSheet.create({
  text: { fontSize: font.body, color: colors.text },
  error: { fontSize: font.body, color: colors.danger, fontWeight: "600" },
});
