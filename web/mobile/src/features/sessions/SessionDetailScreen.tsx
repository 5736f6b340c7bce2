import type { NativeStackScreenProps } from "@react-navigation/native-stack";
import { Text } from "react-native";
import type { SessionsStackParams } from "../../navigation/types";
import { Card } from "../../ui/Card";
import { Screen } from "../../ui/Screen";
import { ErrorState, Loading } from "../../ui/states";
import { useTimeZone } from "../profile/queries";
import { useSession } from "./queries";
import { ResultView } from "./ResultView";
import { SessionTimes } from "./SessionTimes";

export function SessionDetailScreen({ route }: NativeStackScreenProps<SessionsStackParams, "SessionDetail">) {
  const session = useSession(route.params.id);
  const timeZone = useTimeZone();
  if (session.isPending) return <Loading label="Loading the session…" />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => session.refetch()} />;
  const detail = session.data;
  return (
    <Screen onRefresh={() => session.refetch()} refreshing={session.isRefetching}>
      <Card title={detail.title}>
        <SessionTimes session={detail} />
        {detail.description !== "" && <Text>{detail.description}</Text>}
        <Text>{detail.joined ? "You took part." : "You did not join this session."}</Text>
      </Card>
      {detail.result ? (
        <ResultView result={detail.result} timeZone={timeZone} />
      ) : (
        <Card title="Your result">
          <Text>{detail.joined ? "Your result appears once the meter data arrives." : "There is no result: you did not join."}</Text>
        </Card>
      )}
    </Screen>
  );
}
