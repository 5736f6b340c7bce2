import { StyleSheet, Text } from "react-native";
import type { Session, SessionWhen } from "../../api/types";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { colors, font } from "../../ui/theme";
import { formatPoints } from "../points/words";
import { JoinButton } from "./JoinButton";
import { SessionTimes } from "./SessionTimes";

interface Props {
  session: Session;
  when: SessionWhen;
  onOpen(): void;
}

/** A past session the household took part in says what it paid, once there is something to say. */
function PointsEarned({ session }: { session: Session }) {
  if (!session.joined || (session.points_earned === 0 && session.state !== "final")) return null;
  return <Text style={styles.points}>Green Points earned: {formatPoints(session.points_earned)}</Text>;
}

export function SessionCard({ session, when, onOpen }: Props) {
  return (
    <Card title={session.title}>
      <SessionTimes session={session} />
      {when === "upcoming" ? (
        <JoinButton session={session} />
      ) : (
        <>
          {when === "past" && <PointsEarned session={session} />}
          <Button
            label={when === "live" ? `Follow ${session.title}` : `Result of ${session.title}`}
            variant="secondary"
            onPress={onOpen}
          />
        </>
      )}
    </Card>
  );
}

const styles = StyleSheet.create({
  points: { fontSize: font.body, fontWeight: "700", color: colors.primary },
});
