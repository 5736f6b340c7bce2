import type { NativeStackScreenProps } from "@react-navigation/native-stack";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { StyleSheet, Text } from "react-native";
import type { SessionDetail } from "../../api/types";
import { canStreamFetch } from "../../lib/streaming";
import type { SessionsStackParams } from "../../navigation/types";
import { Card } from "../../ui/Card";
import { Screen } from "../../ui/Screen";
import { ErrorState, Loading } from "../../ui/states";
import { colors, font } from "../../ui/theme";
import { useTimeZone } from "../profile/queries";
import { LiveView } from "./LiveView";
import { useSession } from "./queries";
import { ResultView } from "./ResultView";
import { SessionState } from "./SessionCard";
import { SessionTimes } from "./SessionTimes";
import { useLiveProgress } from "./useLiveProgress";

function ResultOrNote({ detail, timeZone }: { detail: SessionDetail; timeZone: string | undefined }) {
  const { t } = useTranslation("sessions");
  if (detail.result) return <ResultView result={detail.result} pointsEarned={detail.points_earned} timeZone={timeZone} />;
  return (
    <Card title={t("detail.resultTitle")}>
      <Text style={styles.text}>{detail.joined ? t("detail.resultLater") : t("detail.noResult")}</Text>
    </Card>
  );
}

export function SessionDetailScreen({ route }: NativeStackScreenProps<SessionsStackParams, "SessionDetail">) {
  const { t } = useTranslation("sessions");
  const { id } = route.params;
  const [streaming, setStreaming] = useState(false);
  const session = useSession(id, !streaming);
  const state = session.data?.state;
  const live = useLiveProgress(id, canStreamFetch && state === "live");
  const following = live.status !== "off" && live.status !== "unavailable";
  const streamState = live.progress?.state;
  const timeZone = useTimeZone();
  const { refetch } = session;

  useEffect(() => setStreaming(following), [following]);
  // The stream says the session moved on (settling, final): fetch it again for its result.
  useEffect(() => {
    if (streamState !== undefined && state !== undefined && streamState !== state) void refetch();
  }, [streamState, state, refetch]);

  // Inside Screen even while loading or failed, so the offline banner says why.
  if (session.isPending) {
    return (
      <Screen>
        <Loading label={t("detail.loading")} />
      </Screen>
    );
  }
  if (session.isError) {
    return (
      <Screen>
        <ErrorState error={session.error} onRetry={() => session.refetch()} />
      </Screen>
    );
  }
  const detail = session.data;
  return (
    <Screen onRefresh={() => session.refetch()} refreshing={session.isRefetching}>
      <Card title={detail.title}>
        <SessionTimes session={detail} />
        <SessionState state={detail.state} />
        {detail.description !== "" && <Text style={styles.text}>{detail.description}</Text>}
        <Text style={styles.text}>{detail.joined ? t("detail.tookPart") : t("detail.didNotJoin")}</Text>
      </Card>
      {following ? (
        <LiveView progress={live.progress} status={live.status === "off" ? "connecting" : live.status} timeZone={timeZone} />
      ) : (
        <ResultOrNote detail={detail} timeZone={timeZone} />
      )}
    </Screen>
  );
}

const styles = StyleSheet.create({
  text: { fontSize: font.body, color: colors.text },
});
