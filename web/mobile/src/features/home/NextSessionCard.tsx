import { StyleSheet, Text } from "react-native";
import type { Session } from "../../api/types";
import { formatCountdown } from "../../lib/format";
import { useNow } from "../../lib/useNow";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { ErrorState, Loading } from "../../ui/states";
import { colors, font } from "../../ui/theme";
import { JoinButton } from "../sessions/JoinButton";
import { useSessions } from "../sessions/queries";
import { SessionTimes } from "../sessions/SessionTimes";

function Countdown({ session }: { session: Session }) {
  const now = useNow();
  const left = Date.parse(session.starts_at) - now;
  return (
    <Text style={styles.countdown} aria-live="polite">
      {left > 0 ? `Starts in ${formatCountdown(left)}` : "Starting now"}
    </Text>
  );
}

export function NextSessionCard({ onSeeAll }: { onSeeAll(): void }) {
  const sessions = useSessions("upcoming");
  if (sessions.isPending) {
    return (
      <Card title="Next Saving Session">
        <Loading />
      </Card>
    );
  }
  if (sessions.isError) {
    return (
      <Card title="Next Saving Session">
        <ErrorState error={sessions.error} onRetry={() => sessions.refetch()} />
      </Card>
    );
  }
  // The list may still hold a session whose start has passed until the server moves it on.
  const next = sessions.data.items.find((session) => Date.parse(session.starts_at) > Date.now());
  return (
    <Card title="Next Saving Session">
      {next ? (
        <>
          <Text style={styles.title}>{next.title}</Text>
          <SessionTimes session={next} />
          <Countdown session={next} />
          <JoinButton session={next} />
        </>
      ) : (
        <Text style={styles.text}>No session is planned yet. We will let you know when one is announced.</Text>
      )}
      <Button label="All sessions" variant="secondary" onPress={onSeeAll} />
    </Card>
  );
}

const styles = StyleSheet.create({
  title: { fontSize: font.body, fontWeight: "700", color: colors.text },
  text: { fontSize: font.body, color: colors.text },
  countdown: { fontSize: font.title, fontWeight: "700", color: colors.primary },
});
