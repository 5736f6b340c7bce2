import { useTranslation } from "react-i18next";
import type { QueueDepth, SystemHealth } from "../../api/types";
import { FactList } from "../../components/FactList";
import { useFormat } from "../../i18n/useFormat";
import { databaseBackendName } from "./databaseBackends";
import { HealthCard } from "./HealthCard";
import type { HealthTone } from "./HealthCard";

export function HealthCards({ health }: { health: SystemHealth }) {
  const { t } = useTranslation("system");
  return (
    <div className="grid gap-3 md:grid-cols-3">
      <HealthCard
        label={t("database.title")}
        status={health.database_ok ? t("health.ok") : t("health.failing")}
        tone={health.database_ok ? "ok" : "failing"}
      >
        <p>{databaseBackendName(health.database_backend)}</p>
        {!health.database_ok && <p className="mt-1 text-red-800">{t("database.noAnswer")}</p>}
      </HealthCard>
      <QueueCard queue={health.queue ?? null} />
      <MqttCard health={health} />
    </div>
  );
}

function QueueCard({ queue }: { queue: QueueDepth | null }) {
  const { t } = useTranslation("system");
  const format = useFormat();
  if (!queue) {
    return (
      <HealthCard label={t("queue.title")} status={t("health.none")} tone="off">
        <p>{t("queue.none")}</p>
      </HealthCard>
    );
  }
  return (
    <HealthCard
      label={t("queue.title")}
      status={queue.failed > 0 ? t("health.attention") : t("health.ok")}
      tone={queue.failed > 0 ? "attention" : "ok"}
    >
      <FactList
        facts={[
          [t("queue.waiting"), format.number(queue.waiting)],
          [t("queue.running"), format.number(queue.running)],
          [t("queue.failed"), format.number(queue.failed)],
        ]}
      />
    </HealthCard>
  );
}

/** Each listener state's tone; its words are `system:mqtt.state.<state>`. */
const MQTT_TONES: Record<string, HealthTone> = {
  connected: "ok",
  connecting: "attention",
  reconnecting: "attention",
  not_running: "off",
};

function MqttCard({ health }: { health: SystemHealth }) {
  const { t } = useTranslation("system");
  const format = useFormat();
  const tone = MQTT_TONES[health.mqtt_state];
  const state = tone
    ? { status: t(`mqtt.state.${health.mqtt_state}`), tone }
    : { status: health.mqtt_state, tone: "attention" as const };
  const lastIngestAt = health.mqtt_last_ingest_at ?? null;
  return (
    <HealthCard label={t("mqtt.title")} status={state.status} tone={state.tone}>
      {health.mqtt_state === "not_running" ? (
        <p>{t("mqtt.none")}</p>
      ) : (
        <p>{t("mqtt.since", { when: format.dateTime(health.mqtt_state_since) })}</p>
      )}
      {health.mqtt_error && <p className="mt-1 text-amber-900">{health.mqtt_error}</p>}
      <p className="mt-1">
        {lastIngestAt ? t("mqtt.lastMessage", { when: format.dateTime(lastIngestAt) }) : t("mqtt.noMessage")}
      </p>
    </HealthCard>
  );
}
