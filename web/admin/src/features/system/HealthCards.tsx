import type { QueueDepth, SystemHealth } from "../../api/types";
import { FactList } from "../../components/FactList";
import { formatNumber } from "../../lib/format";
import { useDateTimeFormat } from "../programme/useProgramme";
import { databaseBackendName } from "./databaseBackends";
import { HealthCard } from "./HealthCard";
import type { HealthTone } from "./HealthCard";

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
      <MqttCard health={health} />
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

const MQTT_STATES: Record<string, { status: string; tone: HealthTone }> = {
  connected: { status: "Connected", tone: "ok" },
  connecting: { status: "Connecting", tone: "attention" },
  reconnecting: { status: "Reconnecting", tone: "attention" },
  not_running: { status: "Not running", tone: "off" },
};

function MqttCard({ health }: { health: SystemHealth }) {
  const formatDateTime = useDateTimeFormat();
  const state = MQTT_STATES[health.mqtt_state] ?? { status: health.mqtt_state, tone: "attention" };
  const lastIngestAt = health.mqtt_last_ingest_at ?? null;
  return (
    <HealthCard label="MQTT listener" status={state.status} tone={state.tone}>
      {health.mqtt_state === "not_running" ? (
        <p>This server runs no MQTT feed.</p>
      ) : (
        <p>Since {formatDateTime(health.mqtt_state_since)}</p>
      )}
      {health.mqtt_error && <p className="mt-1 text-amber-900">{health.mqtt_error}</p>}
      <p className="mt-1">
        {lastIngestAt ? `Last message ${formatDateTime(lastIngestAt)}` : "No message has arrived yet."}
      </p>
    </HealthCard>
  );
}
