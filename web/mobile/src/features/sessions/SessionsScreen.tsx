import type { NativeStackScreenProps } from "@react-navigation/native-stack";
import { useState } from "react";
import type { SessionWhen } from "../../api/types";
import type { SessionsStackParams } from "../../navigation/types";
import { Screen } from "../../ui/Screen";
import { Segmented } from "../../ui/Segmented";
import { Empty, ErrorState, Loading } from "../../ui/states";
import { useSessions } from "./queries";
import { SessionCard } from "./SessionCard";

const TABS = [
  { value: "upcoming", label: "Upcoming" },
  { value: "live", label: "Live" },
  { value: "past", label: "Past" },
] as const;

const EMPTY: Record<SessionWhen, string> = {
  upcoming: "No sessions are planned yet. We will let you know when one is announced.",
  live: "No session is running now.",
  past: "No past sessions yet.",
};

export function SessionsScreen({ navigation }: NativeStackScreenProps<SessionsStackParams, "SessionList">) {
  const [when, setWhen] = useState<SessionWhen>("upcoming");
  const sessions = useSessions(when);
  return (
    <Screen onRefresh={() => sessions.refetch()} refreshing={sessions.isRefetching}>
      <Segmented<SessionWhen> label="Which sessions" options={TABS} value={when} onChange={setWhen} />
      {sessions.isPending ? (
        <Loading label="Loading sessions…" />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => sessions.refetch()} />
      ) : sessions.data.items.length === 0 ? (
        <Empty text={EMPTY[when]} />
      ) : (
        sessions.data.items.map((session) => (
          <SessionCard
            key={session.id}
            session={session}
            when={when}
            onOpen={() => navigation.navigate("SessionDetail", { id: session.id, title: session.title })}
          />
        ))
      )}
    </Screen>
  );
}
