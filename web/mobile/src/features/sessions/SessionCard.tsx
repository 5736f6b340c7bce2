import { useTranslation } from "react-i18next";
import { StyleSheet, Text, View } from "react-native";
import type { Session, SessionWhen } from "../../api/types";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { colors, font, space } from "../../ui/theme";
import { usePointsWords } from "../points/words";
import { JoinButton } from "./JoinButton";
import { SessionTimes } from "./SessionTimes";

interface Props {
  session: Session;
  when: SessionWhen;
  onOpen(): void;
}

/** A past session the household took part in says what it paid, once there is something to say. */
function PointsEarned({ session }: { session: Session }) {
  const { t } = useTranslation("sessions");
  const words = usePointsWords();
  if (!session.joined || (session.points_earned === 0 && session.state !== "final")) return null;
  return <Text style={styles.points}>{t("pointsEarned", { points: words.amount(session.points_earned) })}</Text>;
}

/** The session's state in words (with a mark), never by colour alone: live, provisional, final. */
export function SessionState({ state }: { state: Session["state"] }) {
  const { t } = useTranslation(["sessions", "common"]);
  const mark = state === "live" ? "●" : state === "final" ? "✓" : state === "settling" ? "◐" : "○";
  return (
    <View style={styles.state}>
      <Text style={styles.stateText}>
        <Text aria-hidden>{mark} </Text>
        {t("list.state", { state: t(`common:sessionState.${state}`) })}
      </Text>
    </View>
  );
}

export function SessionCard({ session, when, onOpen }: Props) {
  const { t } = useTranslation("sessions");
  return (
    <Card title={session.title}>
      <SessionState state={session.state} />
      <SessionTimes session={session} />
      {when === "upcoming" ? (
        <JoinButton session={session} />
      ) : (
        <>
          {when === "past" && <PointsEarned session={session} />}
          <Button
            label={when === "live" ? t("list.follow", { title: session.title }) : t("list.result", { title: session.title })}
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
  state: { flexDirection: "row" },
  stateText: {
    fontSize: font.small,
    fontWeight: "700",
    color: colors.text,
    borderWidth: 1,
    borderColor: colors.border,
    borderRadius: 4,
    paddingHorizontal: space.xs,
  },
});
