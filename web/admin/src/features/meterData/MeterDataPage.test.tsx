import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Call } from "../../test/fakeApi";
import { fakeApi, problem } from "../../test/fakeApi";
import type { DataSource } from "../../api/types";
import { admin, dataSource, deadLetter, pageOf, programme } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

const sources = [
  dataSource(),
  dataSource({
    id: 2,
    name: "mqtt",
    kind: "mqtt",
    last_reading_at: null,
    lag_seconds: null,
    readings_today: 0,
    rejected_today: 12,
  }),
  dataSource({ id: 3, name: "eac-mdm", kind: "api", revoked: true, readings_today: 96 }),
];

const emptyPage = { items: [], page: 1, per_page: 25, total: 0 };

/** The sources paged and sorted like the real server (by name unless told; readings today too). */
function sourcePages(list: DataSource[] = sources) {
  return ({ query }: Call) => {
    const sort = query.get("sort") ?? "name";
    const page = Number(query.get("page") ?? 1);
    const perPage = Number(query.get("per_page") ?? 25);
    const sorted = [...list].sort((a, b) =>
      sort.endsWith("readings_today") ? a.readings_today - b.readings_today : a.name.localeCompare(b.name),
    );
    if (sort.startsWith("-")) sorted.reverse();
    return { body: pageOf(sorted.slice((page - 1) * perPage, page * perPage), list.length, page, perPage) };
  };
}

/** The dead-letter filter asks for the first hundred sources by name; the table for its page. */
const isTablePage = (call: Call) => call.query.get("per_page") !== "100";

/** 30 dead letters, 20 from source 2 and 10 from source 3, paged and filtered like the real server. */
function deadLetters() {
  const all = Array.from({ length: 30 }, (_, i) =>
    deadLetter({
      id: 30 - i,
      source_id: i < 20 ? 2 : 3,
      source_name: i < 20 ? "mqtt" : "eac-mdm",
      reason: `problem ${30 - i}`,
    }),
  );
  return ({ query }: Call) => {
    const source = Number(query.get("source_id") ?? 0);
    const page = Number(query.get("page") ?? 1);
    const perPage = Number(query.get("per_page") ?? 25);
    const matching = all.filter((letter) => !source || letter.source_id === source);
    if (query.get("sort") === "source_name") matching.sort((a, b) => a.source_name.localeCompare(b.source_name));
    return {
      body: { items: matching.slice((page - 1) * perPage, page * perPage), page, per_page: perPage, total: matching.length },
    };
  };
}

const sourceRows = () => within(screen.getByRole("table", { name: "Data sources" })).getAllByRole("row").slice(1);
const letterRows = () => within(screen.getByRole("table", { name: "Dead letters" })).getAllByRole("row").slice(1);

describe("the meter-data screen", () => {
  it("is in the main navigation", async () => {
    fakeApi({
      "GET /admin/overview": () => new Promise(() => undefined),
      "GET /admin/meter-data/sources": sourcePages(),
      "GET /admin/meter-data/dead-letters": () => ({ body: emptyPage }),
    });
    const { router } = renderApp("/", { as: admin });
    await userEvent.click(screen.getByRole("link", { name: "Meter data" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Meter data" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/meter-data");
    expect(document.title).toBe("Meter data · PowerSave Admin");
  });

  it("shows that it is loading", async () => {
    fakeApi({
      "GET /admin/meter-data/sources": () => new Promise(() => undefined),
      "GET /admin/meter-data/dead-letters": () => new Promise(() => undefined),
    });
    renderApp("/meter-data", { as: admin });
    const sourcesRegion = await screen.findByRole("region", { name: "Data sources" });
    expect(within(sourcesRegion).getByRole("status")).toHaveTextContent("Loading data sources…");
    expect(within(screen.getByRole("region", { name: "Dead letters" })).getByRole("status")).toHaveTextContent(
      "Loading dead letters…",
    );
  });

  it("shows each source's lag and today's counts, in the programme's time zone and the browser's locale", async () => {
    fakeApi({
      "GET /programme": () => ({ body: programme }),
      "GET /admin/meter-data/sources": sourcePages(),
      "GET /admin/meter-data/dead-letters": () => ({ body: emptyPage }),
    });
    renderApp("/meter-data", { as: admin });
    const simulator = await screen.findByRole("row", { name: /^simulator/ });
    expect(sourceRows()).toHaveLength(3);
    expect(simulator).toHaveTextContent("Simulator");
    // 01:30 UTC on 29 March 2026 is 04:30 in Nicosia (summer time has begun).
    expect(await within(simulator).findByText(/4:30/)).toBeInTheDocument();
    expect(simulator).toHaveTextContent("2 hours, 5 minutes");
    expect(simulator).toHaveTextContent(new Intl.NumberFormat().format(1_502_592));
    expect(simulator).toHaveTextContent("Active");

    const mqtt = screen.getByRole("row", { name: /^mqtt/ });
    expect(mqtt).toHaveTextContent("MQTT feed");
    expect(mqtt).toHaveTextContent("Never");
    expect(within(mqtt).getAllByRole("cell").map((cell) => cell.textContent)).toContain("12");

    const api = screen.getByRole("row", { name: /^eac-mdm/ });
    expect(api).toHaveTextContent("API upload");
    expect(api).toHaveTextContent("Revoked");
    expect(screen.getByText("Today's counts start at midnight in the programme's time zone.")).toBeInTheDocument();
  });

  it("says when there are no sources and no dead letters", async () => {
    fakeApi({
      "GET /admin/meter-data/sources": sourcePages([]),
      "GET /admin/meter-data/dead-letters": () => ({ body: emptyPage }),
    });
    renderApp("/meter-data", { as: admin });
    expect(await screen.findByText("There are no data sources yet.")).toBeInTheDocument();
    expect(await screen.findByText("No dead letters: every message could be read.")).toBeInTheDocument();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
  });

  it("explains a failure and offers to try again", async () => {
    let attempts = 0;
    fakeApi({
      "GET /admin/meter-data/sources": (call) => {
        if (isTablePage(call)) attempts += 1;
        return attempts === 1 && isTablePage(call) ? problem(500, "internal error, request id abc") : sourcePages()(call);
      },
      "GET /admin/meter-data/dead-letters": () =>
        problem(422, "per_page: per_page must be between 1 and 100", [
          { field: "per_page", message: "per_page must be between 1 and 100" },
        ]),
    });
    renderApp("/meter-data", { as: admin });
    const sourcesRegion = screen.getByRole("region", { name: "Data sources" });
    const alert = await within(sourcesRegion).findByRole("alert");
    expect(alert).toHaveTextContent("Could not load the data sources");
    expect(alert).toHaveTextContent("internal error, request id abc");
    const lettersAlert = await within(screen.getByRole("region", { name: "Dead letters" })).findByRole("alert");
    expect(lettersAlert).toHaveTextContent("per_page must be between 1 and 100");

    await userEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await within(sourcesRegion).findByRole("table", { name: "Data sources" })).toBeInTheDocument();
  });

  it("lists dead letters by page and by source, on the server", async () => {
    const server = fakeApi({
      "GET /admin/meter-data/sources": sourcePages(),
      "GET /admin/meter-data/dead-letters": deadLetters(),
    });
    const { router } = renderApp("/meter-data", { as: admin });
    const first = await screen.findByRole("row", { name: /problem 30/ });
    expect(first).toHaveTextContent("mqtt");
    expect(first).toHaveTextContent("not json");
    expect(letterRows()).toHaveLength(25);
    const pagination = screen.getByRole("navigation", { name: "Pagination" });
    expect(pagination).toHaveTextContent("1–25 of 30 · Page 1 of 2");

    await userEvent.click(within(pagination).getByRole("button", { name: "Next page" }));
    expect(await screen.findByRole("row", { name: /eac-mdm problem 5 / })).toBeInTheDocument();
    expect(letterRows()).toHaveLength(5);
    expect(router.state.location.search).toBe("?page=2");

    await userEvent.selectOptions(screen.getByLabelText("Source"), "eac-mdm");
    expect(await screen.findByText(/1–10 of 10/)).toBeInTheDocument();
    expect(server.callsTo("GET", "/admin/meter-data/dead-letters").at(-1)?.query.toString()).toBe(
      "source_id=3&sort=-received_at&page=1&per_page=25",
    );
    expect(router.state.location.search).toBe("?source=3");
  });

  it("sorts the sources and the dead letters on the server by their column headers", async () => {
    const server = fakeApi({
      "GET /programme": () => ({ body: programme }),
      "GET /admin/meter-data/sources": sourcePages(),
      "GET /admin/meter-data/dead-letters": deadLetters(),
    });
    const { router } = renderApp("/meter-data", { as: admin });
    await screen.findByRole("row", { name: /^simulator/ });
    const sourcesTable = screen.getByRole("table", { name: "Data sources" });
    expect(within(sourcesTable).getByRole("columnheader", { name: "Name" })).toHaveAttribute("aria-sort", "ascending");
    expect(sourceRows().map((row) => within(row).getByRole("rowheader").textContent)).toEqual(["eac-mdm", "mqtt", "simulator"]);

    await userEvent.click(within(sourcesTable).getByRole("button", { name: "Readings today" }));
    await expect
      .poll(() => sourceRows().map((row) => within(row).getByRole("rowheader").textContent))
      .toEqual(["simulator", "eac-mdm", "mqtt"]);
    expect(within(sourcesTable).getByRole("columnheader", { name: "Readings today" })).toHaveAttribute(
      "aria-sort",
      "descending",
    );
    const tableCalls = server.callsTo("GET", "/admin/meter-data/sources").filter(isTablePage);
    expect(tableCalls.at(-1)?.query.toString()).toBe("sort=-readings_today&page=1&per_page=25");
    expect(screen.getByRole("navigation", { name: "Data source pages" })).toHaveTextContent("1–3 of 3");

    const letters = await screen.findByRole("table", { name: "Dead letters" });
    expect(within(letters).getByRole("columnheader", { name: "Received" })).toHaveAttribute("aria-sort", "descending");
    await userEvent.click(within(letters).getByRole("button", { name: "Source" }));
    expect(await screen.findByRole("row", { name: /eac-mdm problem 10 / })).toBeInTheDocument();
    expect(within(letterRows()[0]!).getAllByRole("cell")[0]).toHaveTextContent("eac-mdm");
    expect(router.state.location.search).toBe("?sort=source_name");
    expect(server.callsTo("GET", "/admin/meter-data/dead-letters").at(-1)?.query.get("sort")).toBe("source_name");
  });

  it("shortens a long payload and shows all of it on request", async () => {
    const payload = `{"meter_id":"CY-0001","readings":[${"0.25,".repeat(60)}0.25]}`;
    fakeApi({
      "GET /admin/meter-data/sources": sourcePages(),
      "GET /admin/meter-data/dead-letters": () => ({ body: { ...emptyPage, items: [deadLetter({ payload })], total: 1 } }),
    });
    renderApp("/meter-data?source=2", { as: admin });
    const show = await screen.findByRole("button", { name: `Show all ${payload.length} characters` });
    expect(show).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByText(payload)).not.toBeInTheDocument();
    expect(screen.getByText(/^\{"meter_id":"CY-0001".*…$/)).toBeInTheDocument();

    await userEvent.click(show);
    expect(screen.getByText(payload)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Show less" })).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByLabelText("Source")).toHaveValue("2");
  });
});
