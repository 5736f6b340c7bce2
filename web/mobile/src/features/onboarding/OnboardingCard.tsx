import { useTranslation } from "react-i18next";
import { StyleSheet, Text } from "react-native";
import type { Onboarding } from "../../api/types";
import { useFormat } from "../../lib/format";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { colors, font } from "../../ui/theme";
import { useTimeZone } from "../profile/queries";

/** Readings older than this are late enough to say so on Home. */
export const LATE_AFTER_HOURS = 24;

/** Whether Home has figures from a meter to show: a meter is connected and readings arrived. */
export function hasReadings(onboarding: Onboarding): boolean {
  return onboarding.step === "building_history" || onboarding.step === "ready";
}

/** How late the meter's data is, when it is late enough to tell. */
function LateNote({ onboarding }: { onboarding: Onboarding }) {
  const { t } = useTranslation("onboarding");
  const format = useFormat();
  const timeZone = useTimeZone();
  const hours = onboarding.hours_behind;
  if (hours === null || hours === undefined || hours <= LATE_AFTER_HOURS) return null;
  const latest = onboarding.latest_reading_at;
  return (
    <Card title={t("card.lateTitle")}>
      <Text style={styles.text}>
        {latest ? t("card.lateSince", { hours, time: format.fullDateTime(latest, timeZone) }) : t("card.late", { hours })}
      </Text>
    </Card>
  );
}

/**
 * Home's word on the household's way to its first session: connect a meter, wait for its first
 * readings, build the history sessions need (with the server's own explanation of the rule and the
 * day the household can join), and, once ready, only a note when the readings are late.
 */
export function OnboardingCard({ onboarding, onConnect }: { onboarding: Onboarding; onConnect(): void }) {
  const { t } = useTranslation("onboarding");
  const format = useFormat();
  switch (onboarding.step) {
    case "connect_meter":
      return (
        <Card title={t("card.connectTitle")}>
          {onboarding.claim_in_review && (
            <Text style={[styles.text, styles.strong]}>{t("card.claimInReview", { meter: onboarding.claim_in_review.meter_id })}</Text>
          )}
          <Text style={styles.text}>{t("card.connectText")}</Text>
          <Button label={t("card.connectButton")} onPress={onConnect} />
        </Card>
      );
    case "fetching_history":
      return (
        <Card title={t("card.fetchingTitle")}>
          <Text style={styles.text}>{t("card.fetchingText", { days: onboarding.history?.days ?? 60 })}</Text>
        </Card>
      );
    case "awaiting_data":
      return (
        <Card title={t("card.awaitingTitle")}>
          <Text style={styles.text}>{t("card.awaitingText")}</Text>
        </Card>
      );
    case "building_history": {
      const eligibility = onboarding.eligibility;
      return (
        <>
          <Card title={t("card.buildingTitle")}>
            <Text style={styles.text}>{eligibility ? eligibility.explanation : t("card.buildingText")}</Text>
            {eligibility && !eligibility.eligible_now && (
              <Text style={[styles.text, styles.strong]}>{t("card.eligibleFrom", { date: format.calendarDate(eligibility.eligible_from) })}</Text>
            )}
          </Card>
          <LateNote onboarding={onboarding} />
        </>
      );
    }
    case "ready":
      return <LateNote onboarding={onboarding} />;
  }
}

const styles = StyleSheet.create({
  text: { fontSize: font.body, color: colors.text },
  strong: { fontWeight: "700" },
});
