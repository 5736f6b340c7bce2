import type { QueueDepth, SystemHealth } from "../../api/types";
import { FactList } from "../../components/FactList";
import { formatNumber } from "../../lib/format";
import { useDateTimeFormat } from "../programme/useProgramme";
import { databaseBackendName } from "./databaseBackends";
import { HealthCard } from "./HealthCard";

export function HealthCards({ health }: { health: SystemHealth }) {
  return (
    <div className="grid gap-3 md:grid-cols-3">
      <HealthCard
        label="Database"
        status={health.database_ok ? "OK" : "Failing"}
        tone={health.database_ok ? "ok" : "failing"}
      >
        <p>{databaseBackendName(health.database_backend)}</p>
        {!health.database_ok && <p className="mt-1 text-red-800">The database did not answer.</p>}
      </HealthCard>
      <QueueCard queue={health.queue ?? null} />
      <MqttCard lastIngestAt={health.mqtt_last_ingest_at ?? null} />
    </div>
  );
}

function QueueCard({ queue }: { queue: QueueDepth | null }) {
  if (!queue) {
    return (
      <HealthCard label="Job queue" status="None" tone="off">
        <p>This server runs no job queue.</p>
      </HealthCard>
    );
  }
  return (
    <HealthCard
      label="Job queue"
      status={queue.failed > 0 ? "Needs attention" : "OK"}
      tone={queue.failed > 0 ? "attention" : "ok"}
    >
      <FactList
        facts={[
          ["Waiting", formatNumber(queue.waiting)],
          ["Running", formatNumber(queue.running)],
          ["Failed", formatNumber(queue.failed)],
        ]}
      />
    </HealthCard>
  );
}

function MqttCard({ lastIngestAt }: { lastIngestAt: string | null }) {
  const formatDateTime = useDateTimeFormat();
  if (!lastIngestAt) {
    return (
      <HealthCard label="MQTT listener" status="Not configured" tone="off">
        <p>No message has arrived from an MQTT feed.</p>
      </HealthCard>
    );
  }
  return (
    <HealthCard label="MQTT listener" status="Receiving" tone="ok">
      <p>Last message {formatDateTime(lastIngestAt)}</p>
    </HealthCard>
  );
}
