import type { NativeStackScreenProps } from "@react-navigation/native-stack";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { SessionWhen } from "../../api/types";
import type { SessionsStackParams } from "../../navigation/types";
import { Screen } from "../../ui/Screen";
import { Segmented } from "../../ui/Segmented";
import { Empty, ErrorState, Loading } from "../../ui/states";
import { useSessions } from "./queries";
import { SessionCard } from "./SessionCard";

export function SessionsScreen({ navigation }: NativeStackScreenProps<SessionsStackParams, "SessionList">) {
  const { t } = useTranslation("sessions");
  const [when, setWhen] = useState<SessionWhen>("upcoming");
  const tabs = [
    { value: "upcoming", label: t("list.upcoming") },
    { value: "live", label: t("list.live") },
    { value: "past", label: t("list.past") },
  ] as const;
  const empty: Record<SessionWhen, string> = {
    upcoming: t("list.emptyUpcoming"),
    live: t("list.emptyLive"),
    past: t("list.emptyPast"),
  };
  const sessions = useSessions(when);
  return (
    <Screen onRefresh={() => sessions.refetch()} refreshing={sessions.isRefetching}>
      <Segmented<SessionWhen> label={t("list.which")} options={tabs} value={when} onChange={setWhen} />
      {sessions.isPending ? (
        <Loading label={t("list.loading")} />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => sessions.refetch()} />
      ) : sessions.data.items.length === 0 ? (
        <Empty text={empty[when]} />
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
