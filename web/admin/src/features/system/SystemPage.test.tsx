import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { FailedJob, SystemHealth } from "../../api/types";
import type { Call } from "../../test/fakeApi";
import { fakeApi, problem } from "../../test/fakeApi";
import { admin, failedJob, pageOf, programme, systemHealth } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

const notComputed = () => new Promise<never>(() => undefined);

/** The failed-job list, paged like the real server. */
function failedJobs(jobs: () => FailedJob[]) {
  return ({ query }: Call) => {
    const page = Number(query.get("page") ?? 1);
    const perPage = Number(query.get("per_page") ?? 25);
    const all = jobs();
    return { body: pageOf(all.slice((page - 1) * perPage, page * perPage), all.length, page, perPage) };
  };
}

function server(health: () => SystemHealth | Response, jobs: FailedJob[] = [failedJob()]) {
  return fakeApi({
    "GET /programme": () => ({ body: programme }),
    "GET /admin/system": () => {
      const answer = health();
      return answer instanceof Response ? answer : { body: answer };
    },
    "GET /admin/system/failed-jobs": failedJobs(() => jobs),
    "GET /admin/baselines/accuracy": notComputed,
  });
}

const card = (name: string) =>
  within(screen.getByRole("region", { name: "Health" })).getByRole("group", { name });
const failedJobsRegion = () => screen.getByRole("region", { name: "Failed jobs" });

describe("the system screen", () => {
  it("is in the main navigation", async () => {
    fakeApi({
      "GET /admin/overview": notComputed,
      "GET /admin/system": () => ({ body: systemHealth() }),
      "GET /admin/system/failed-jobs": failedJobs(() => []),
      "GET /admin/baselines/accuracy": notComputed,
    });
    const { router } = renderApp("/", { as: admin });
    await userEvent.click(screen.getByRole("link", { name: "System" }));
    expect(await screen.findByRole("heading", { level: 1, name: "System" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/system");
    expect(document.title).toBe("System · PowerSave Admin");
  });

  it("shows that it is checking", async () => {
    fakeApi({ "GET /admin/system": notComputed, "GET /admin/baselines/accuracy": notComputed });
    renderApp("/system", { as: admin });
    const health = await screen.findByRole("region", { name: "Health" });
    expect(within(health).getByRole("status")).toHaveTextContent("Checking the system's health…");
  });

  it("shows the database, the queue's figures in the browser's locale and the MQTT feed's last message", async () => {
    server(() => systemHealth());
    renderApp("/system", { as: admin });
    expect(await screen.findByRole("group", { name: "Database" })).toHaveTextContent("OK");
    expect(card("Database")).toHaveTextContent("SQLite");

    const queue = card("Job queue");
    expect(queue).toHaveTextContent("Needs attention");
    expect(queue).toHaveTextContent(`Waiting${new Intl.NumberFormat().format(1234)}`);
    expect(queue).toHaveTextContent("Running2");
    expect(queue).toHaveTextContent("Failed1");

    // 01:30 UTC on 29 March 2026 is 04:30 in Nicosia (summer time has begun).
    expect(card("MQTT listener")).toHaveTextContent("Connected");
    expect(await within(card("MQTT listener")).findByText(/Last message .*4:30/)).toBeInTheDocument();
  });

  it("says when the database fails, there is no queue and no MQTT feed", async () => {
    const api = server(() =>
      systemHealth({
        database_backend: "postgres",
        database_ok: false,
        queue: null,
        mqtt_last_ingest_at: null,
        mqtt_state: "not_running",
      }),
    );
    renderApp("/system", { as: admin });
    const database = await screen.findByRole("group", { name: "Database" });
    expect(database).toHaveTextContent("Failing");
    expect(database).toHaveTextContent("PostgreSQL");
    expect(database).toHaveTextContent("The database did not answer.");
    expect(card("Job queue")).toHaveTextContent("This server runs no job queue.");
    expect(card("MQTT listener")).toHaveTextContent("Not running");
    expect(card("MQTT listener")).toHaveTextContent("This server runs no MQTT feed.");
    expect(within(failedJobsRegion()).getByRole("status")).toHaveTextContent("This server runs no job queue.");
    expect(api.callsTo("GET", "/admin/system/failed-jobs")).toHaveLength(0);
  });

  it("says when the MQTT listener lost its broker and why", async () => {
    server(() =>
      systemHealth({ mqtt_state: "reconnecting", mqtt_error: "I/O: Connection refused (os error 111)" }),
    );
    renderApp("/system", { as: admin });
    const mqtt = await screen.findByRole("group", { name: "MQTT listener" });
    expect(mqtt).toHaveTextContent("Reconnecting");
    expect(mqtt).toHaveTextContent("Connection refused");
  });

  it("says when no job has failed", async () => {
    server(() => systemHealth({ queue: { waiting: 0, running: 0, failed: 0 } }), []);
    renderApp("/system", { as: admin });
    expect(await screen.findByText("No failed jobs: every job ran or is still trying.")).toBeInTheDocument();
    expect(card("Job queue")).toHaveTextContent("OK");
    expect(screen.queryByRole("table", { name: "Failed jobs" })).not.toBeInTheDocument();
  });

  it("lists the failed jobs in the programme's time zone and retries one after asking", async () => {
    const job = failedJob();
    let jobs = [job, failedJob({ id: "00000000-0000-7000-8000-0000000000f2", kind: "notify", attempts: 3 })];
    const api = fakeApi({
      "GET /programme": () => ({ body: programme }),
      "GET /admin/system": () => ({ body: systemHealth() }),
      "GET /admin/system/failed-jobs": failedJobs(() => jobs),
      "GET /admin/baselines/accuracy": notComputed,
      [`POST /admin/system/failed-jobs/${job.id}/retry`]: () => {
        jobs = jobs.slice(1);
        return { body: { id: "00000000-0000-7000-8000-0000000000f9" } };
      },
    });
    renderApp("/system", { as: admin });
    const row = await screen.findByRole("row", { name: new RegExp(`^settle ${job.id}`) });
    expect(row).toHaveTextContent("database is locked");
    expect(await within(row).findByText(/4:30/)).toBeInTheDocument();
    expect(within(screen.getByRole("table", { name: "Failed jobs" })).getAllByRole("row")).toHaveLength(3);

    await userEvent.click(within(row).getByRole("button", { name: `Retry settle job ${job.id}` }));
    const dialog = screen.getByRole("dialog", { name: "Retry the settle job?" });
    expect(dialog).toHaveTextContent("database is locked");
    await userEvent.click(within(dialog).getByRole("button", { name: "Retry job" }));

    expect(await within(failedJobsRegion()).findByRole("status")).toHaveTextContent(
      "The settle job is queued again as job 00000000-0000-7000-8000-0000000000f9.",
    );
    expect(api.callsTo("POST", `/admin/system/failed-jobs/${job.id}/retry`)).toHaveLength(1);
    await expect.poll(() => screen.queryByRole("row", { name: /^settle/ })).toBeNull();
    expect(screen.getByRole("row", { name: /^notify/ })).toBeInTheDocument();
  });

  it("explains a retry the server refuses", async () => {
    const job = failedJob();
    fakeApi({
      "GET /admin/system": () => ({ body: systemHealth() }),
      "GET /admin/system/failed-jobs": failedJobs(() => [job]),
      "GET /admin/baselines/accuracy": notComputed,
      [`POST /admin/system/failed-jobs/${job.id}/retry`]: () => problem(404, `no failed job ${job.id}`),
    });
    renderApp("/system", { as: admin });
    await userEvent.click(await screen.findByRole("button", { name: `Retry settle job ${job.id}` }));
    await userEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Retry job" }));
    const alert = await within(failedJobsRegion()).findByRole("alert");
    expect(alert).toHaveTextContent(`Could not retry the settle job ${job.id}`);
    expect(alert).toHaveTextContent(`no failed job ${job.id}`);
  });

  it("asks again on Refresh, and explains a failure with a way to try again", async () => {
    let answers = [problem(503, "the server is busy"), systemHealth()];
    let listed = 0;
    const api = fakeApi({
      "GET /admin/system": () => {
        const [next, ...rest] = answers;
        answers = rest;
        return next instanceof Response ? next : { body: next ?? systemHealth() };
      },
      // A job fails between the first look and the Refresh.
      "GET /admin/system/failed-jobs": failedJobs(() => (++listed === 1 ? [] : [failedJob()])),
      "GET /admin/baselines/accuracy": notComputed,
    });
    renderApp("/system", { as: admin });
    const alert = await within(screen.getByRole("region", { name: "Health" })).findByRole("alert");
    expect(alert).toHaveTextContent("Could not check the system's health");
    expect(alert).toHaveTextContent("the server is busy");

    await userEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("No failed jobs: every job ran or is still trying.")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Refresh" }));
    expect(await screen.findByRole("table", { name: "Failed jobs" })).toBeInTheDocument();
    expect(api.callsTo("GET", "/admin/system")).toHaveLength(3);
    expect(api.callsTo("GET", "/admin/system/failed-jobs")).toHaveLength(2);
    expect(api.callsTo("GET", "/admin/baselines/accuracy")).toHaveLength(1);
  });

  it("pages through the failed jobs on the server", async () => {
    const jobs = Array.from({ length: 30 }, (_, i) =>
      failedJob({ id: `00000000-0000-7000-8000-0000000001${String(i).padStart(2, "0")}`, kind: `job${i + 1}` }),
    );
    const api = server(() => systemHealth({ queue: { waiting: 0, running: 0, failed: 30 } }), jobs);
    renderApp("/system", { as: admin });
    const region = await screen.findByRole("region", { name: "Failed jobs" });
    expect(await within(region).findByRole("row", { name: /^job1 / })).toBeInTheDocument();
    const pages = within(region).getByRole("navigation", { name: "Failed job pages" });
    expect(pages).toHaveTextContent("1–25 of 30 · Page 1 of 2");
    await userEvent.click(within(pages).getByRole("button", { name: "Next page" }));
    expect(await within(region).findByRole("row", { name: /^job26 / })).toBeInTheDocument();
    expect(within(within(region).getByRole("table")).getAllByRole("row")).toHaveLength(6);
    expect(api.callsTo("GET", "/admin/system/failed-jobs").at(-1)?.query.toString()).toBe("page=2&per_page=25");
  });
});
