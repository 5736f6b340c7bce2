import { describe, expect, it } from "vitest";
import { readListParams, writeListParams } from "./listParams";

describe("the list's address", () => {
  it("reads defaults and clamps nonsense", () => {
    expect(readListParams(new URLSearchParams())).toEqual({
      q: undefined,
      role: undefined,
      sort: "-created_at",
      page: 1,
      per_page: 25,
    });
    expect(readListParams(new URLSearchParams("page=-3&per_page=5000&q=&role=admin&sort=password"))).toEqual({
      q: undefined,
      role: "admin",
      sort: "-created_at",
      page: 1,
      per_page: 100,
    });
    expect(readListParams(new URLSearchParams("sort=-last_login_at")).sort).toBe("-last_login_at");
  });

  it("writes only what differs from the defaults", () => {
    expect(writeListParams({ q: "CY-1", page: 1, per_page: 25, sort: "-created_at" }).toString()).toBe("q=CY-1");
    expect(writeListParams({ role: "consumer", sort: "email", page: 3, per_page: 50 }).toString()).toBe(
      "role=consumer&sort=email&page=3&per_page=50",
    );
  });
});
