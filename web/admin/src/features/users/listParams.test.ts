import { describe, expect, it } from "vitest";
import { readListParams, writeListParams } from "./listParams";

describe("the list's address", () => {
  it("reads defaults and clamps nonsense", () => {
    expect(readListParams(new URLSearchParams())).toEqual({ q: undefined, role: undefined, page: 1, per_page: 25 });
    expect(readListParams(new URLSearchParams("page=-3&per_page=5000&q=&role=admin"))).toEqual({
      q: undefined,
      role: "admin",
      page: 1,
      per_page: 100,
    });
  });

  it("writes only what differs from the defaults", () => {
    expect(writeListParams({ q: "CY-1", page: 1, per_page: 25 }).toString()).toBe("q=CY-1");
    expect(writeListParams({ role: "consumer", page: 3, per_page: 50 }).toString()).toBe("role=consumer&page=3&per_page=50");
  });
});
