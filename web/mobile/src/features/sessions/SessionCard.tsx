import type { Session, SessionWhen } from "../../api/types";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { JoinButton } from "./JoinButton";
import { SessionTimes } from "./SessionTimes";

interface Props {
  session: Session;
  when: SessionWhen;
  onOpen(): void;
}

export function SessionCard({ session, when, onOpen }: Props) {
  return (
    <Card title={session.title}>
      <SessionTimes session={session} />
      {when === "upcoming" ? (
        <JoinButton session={session} />
      ) : (
        <Button
          label={when === "live" ? `Follow ${session.title}` : `Result of ${session.title}`}
          variant="secondary"
          onPress={onOpen}
        />
      )}
    </Card>
  );
}
