import { describe, expect, it } from "vitest";
import { allowedSort, nextSort, readSort } from "./sorting";

describe("a list's order", () => {
  it("reads a leading minus as descending", () => {
    expect(readSort("-created_at")).toEqual({ field: "created_at", direction: "descending" });
    expect(readSort("email")).toEqual({ field: "email", direction: "ascending" });
  });

  it("turns the current column round, and starts another in its own first direction", () => {
    expect(nextSort("email", { field: "email" })).toBe("-email");
    expect(nextSort("-email", { field: "email" })).toBe("email");
    expect(nextSort("email", { field: "created_at", firstDescending: true })).toBe("-created_at");
    expect(nextSort("-created_at", { field: "display_name" })).toBe("display_name");
  });

  it("keeps an order from the address only when the list can sort by it", () => {
    const fields = ["email", "created_at"];
    expect(allowedSort("-email", fields, "-created_at")).toBe("-email");
    expect(allowedSort("password", fields, "-created_at")).toBe("-created_at");
    expect(allowedSort(null, fields, "-created_at")).toBe("-created_at");
  });
});
