import { describe, expect, it } from "vitest";
import { readDeadLetterParams, writeDeadLetterParams } from "./deadLetterParams";

const newest = "-received_at";

describe("the dead-letter list's address", () => {
  it("reads defaults and ignores nonsense", () => {
    expect(readDeadLetterParams(new URLSearchParams())).toEqual({
      source_id: undefined,
      sort: newest,
      page: 1,
      per_page: 25,
    });
    expect(readDeadLetterParams(new URLSearchParams("source=abc&page=0&per_page=500&sort=payload"))).toEqual({
      source_id: undefined,
      sort: newest,
      page: 1,
      per_page: 100,
    });
    expect(readDeadLetterParams(new URLSearchParams("source=4&page=2&sort=source_name"))).toEqual({
      source_id: 4,
      sort: "source_name",
      page: 2,
      per_page: 25,
    });
  });

  it("writes only what differs from the defaults", () => {
    expect(writeDeadLetterParams({ sort: newest, page: 1, per_page: 25 }).toString()).toBe("");
    expect(writeDeadLetterParams({ source_id: 4, sort: "-reason", page: 3, per_page: 50 }).toString()).toBe(
      "source=4&sort=-reason&page=3&per_page=50",
    );
  });
});
