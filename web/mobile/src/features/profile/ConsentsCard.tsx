import { useState } from "react";
import { useTranslation } from "react-i18next";
import { StyleSheet, Text, View } from "react-native";
import { useErrorMessage } from "../../api/errors";
import type { Consent } from "../../api/types";
import { useFormat } from "../../lib/format";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { ErrorState, Loading } from "../../ui/states";
import { colors, font, space } from "../../ui/theme";
import { useConsents, useWithdrawConsent } from "../onboarding/queries";
import { useTimeZone } from "./queries";

/** One consent; withdrawing it asks first, saying what happens to the meter and to past results. */
function ConsentRow({ consent, onWithdrawn }: { consent: Consent; onWithdrawn(meter: string): void }) {
  const { t } = useTranslation("profile");
  const format = useFormat();
  const timeZone = useTimeZone();
  const message = useErrorMessage();
  const withdraw = useWithdrawConsent();
  const [confirming, setConfirming] = useState(false);
  const meter = consent.meter_id;
  const date = format.date(consent.granted_at, timeZone);
  if (consent.withdrawn_at) {
    return <Text style={styles.text}>{t("consents.withdrawnOn", { meter, date, withdrawn: format.date(consent.withdrawn_at, timeZone) })}</Text>;
  }
  return (
    <View style={styles.row}>
      <Text style={styles.text}>{t("consents.given", { meter, date })}</Text>
      {confirming ? (
        <View role="group" aria-label={t("consents.withdraw", { meter })} style={styles.row}>
          <Text style={[styles.text, styles.strong]}>{t("consents.confirmText", { meter })}</Text>
          <Button
            label={t("consents.confirm")}
            variant="danger"
            busy={withdraw.isPending}
            onPress={() => withdraw.mutate(consent.id, { onSuccess: () => onWithdrawn(meter) })}
          />
          <Button label={t("consents.keep")} variant="secondary" onPress={() => setConfirming(false)} />
        </View>
      ) : (
        <Button label={t("consents.withdraw", { meter })} variant="secondary" onPress={() => setConfirming(true)} />
      )}
      {withdraw.isError && (
        <Text role="alert" style={styles.error}>
          {message(withdraw.error)}
        </Text>
      )}
    </View>
  );
}

/** The consents the household gave, each with its meter, and a way to withdraw those in force. */
export function ConsentsCard() {
  const { t } = useTranslation("profile");
  const consents = useConsents();
  const [withdrawn, setWithdrawn] = useState<string | null>(null);
  const known = consents.data ?? [];
  return (
    <Card title={t("consents.title")}>
      {consents.isPending ? (
        <Loading label={t("consents.loading")} />
      ) : consents.isError ? (
        <ErrorState error={consents.error} onRetry={() => consents.refetch()} />
      ) : known.length === 0 ? (
        <Text style={styles.text}>{t("consents.none")}</Text>
      ) : (
        known.map((consent) => (
          <ConsentRow key={consent.id} consent={consent} onWithdrawn={setWithdrawn} />
        ))
      )}
      {withdrawn !== null && (
        <Text style={styles.saved} aria-live="polite">
          {t("consents.withdrawn", { meter: withdrawn })}
        </Text>
      )}
    </Card>
  );
}

const styles = StyleSheet.create({
  row: { gap: space.sm },
  text: { fontSize: font.body, color: colors.text },
  strong: { fontWeight: "700" },
  error: { fontSize: font.body, color: colors.danger, fontWeight: "600" },
  saved: { fontSize: font.body, color: colors.primary, fontWeight: "600" },
});
