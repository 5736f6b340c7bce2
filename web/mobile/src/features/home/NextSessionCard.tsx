import { useTranslation } from "react-i18next";
import { StyleSheet, Text } from "react-native";
import type { Session } from "../../api/types";
import { useFormat } from "../../lib/format";
import { useNow } from "../../lib/useNow";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { ErrorState, Loading } from "../../ui/states";
import { colors, font } from "../../ui/theme";
import { JoinButton } from "../sessions/JoinButton";
import { useSessions } from "../sessions/queries";
import { SessionTimes } from "../sessions/SessionTimes";

function Countdown({ session }: { session: Session }) {
  const { t } = useTranslation(["home", "common"]);
  const format = useFormat();
  const now = useNow();
  const left = Date.parse(session.starts_at) - now;
  const parts = format.countdown(left);
  return (
    <Text style={styles.countdown} aria-live="polite">
      {left > 0 ? t("next.startsIn", { left: t(`common:countdown.${parts.unit}`, { first: parts.first, second: parts.second }) }) : t("next.startingNow")}
    </Text>
  );
}

export function NextSessionCard({ onSeeAll }: { onSeeAll(): void }) {
  const { t } = useTranslation("home");
  const sessions = useSessions("upcoming");
  const title = t("next.title");
  if (sessions.isPending) {
    return (
      <Card title={title}>
        <Loading />
      </Card>
    );
  }
  if (sessions.isError) {
    return (
      <Card title={title}>
        <ErrorState error={sessions.error} onRetry={() => sessions.refetch()} />
      </Card>
    );
  }
  // The list may still hold a session whose start has passed until the server moves it on.
  const next = sessions.data.items.find((session) => Date.parse(session.starts_at) > Date.now());
  return (
    <Card title={title}>
      {next ? (
        <>
          <Text style={styles.title}>{next.title}</Text>
          <SessionTimes session={next} />
          <Countdown session={next} />
          <JoinButton session={next} />
        </>
      ) : (
        <Text style={styles.text}>{t("next.none")}</Text>
      )}
      <Button label={t("next.all")} variant="secondary" onPress={onSeeAll} />
    </Card>
  );
}

const styles = StyleSheet.create({
  title: { fontSize: font.body, fontWeight: "700", color: colors.text },
  text: { fontSize: font.body, color: colors.text },
  countdown: { fontSize: font.title, fontWeight: "700", color: colors.primary },
});
