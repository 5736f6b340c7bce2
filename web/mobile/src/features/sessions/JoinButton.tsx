import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { StyleSheet, Text, View } from "react-native";
import { useErrorMessage } from "../../api/errors";
import type { Session } from "../../api/types";
import { Button } from "../../ui/Button";
import { colors, font } from "../../ui/theme";
import { useParticipation } from "./queries";

/** Why there is no button, or null when joining or leaving is open. */
function reasonWithoutButton({ joined, invited }: Session, closed: boolean, t: TFunction<"sessions">): string | null {
  // A joined household may always leave, even if its district changed after it joined.
  if (!joined && !invited) return t("join.otherDistricts");
  if (closed) return joined ? t("join.closedJoined") : t("join.closed");
  return null;
}

/**
 * Join or leave before the deadline. A session for other districts says so instead of offering a
 * Join the server would refuse; the server's reason is shown when it says no for another cause.
 */
export function JoinButton({ session }: { session: Session }) {
  const { t } = useTranslation("sessions");
  const message = useErrorMessage("join");
  const participation = useParticipation(session.id);
  const closed = Date.parse(session.join_deadline) <= Date.now();
  const reason = reasonWithoutButton(session, closed, t);
  const { joined } = session;
  return (
    <View style={styles.box}>
      {reason !== null ? (
        <Text style={styles.note}>{reason}</Text>
      ) : (
        <Button
          label={joined ? t("join.leave", { title: session.title }) : t("join.join", { title: session.title })}
          variant={joined ? "secondary" : "primary"}
          busy={participation.isPending}
          onPress={() => participation.mutate(!joined)}
        />
      )}
      {joined && !closed && <Text style={styles.note}>{t("join.joined")}</Text>}
      {participation.isError && (
        <Text role="alert" style={styles.error}>
          {message(participation.error)}
        </Text>
      )}
    </View>
  );
}

const styles = StyleSheet.create({
  box: { gap: 4 },
  note: { fontSize: font.body, color: colors.primary, fontWeight: "600" },
  error: { fontSize: font.body, color: colors.danger, fontWeight: "600" },
});
