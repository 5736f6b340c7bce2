import { describe, expect, it, vi } from "vitest";
import { createTokenStore } from "./tokens";

describe("the token store", () => {
  it("keeps tokens in session storage so a reload stays signed in", () => {
    const first = createTokenStore(sessionStorage);
    first.set({ accessToken: "a", refreshToken: "r" });
    expect(createTokenStore(sessionStorage).get()).toEqual({ accessToken: "a", refreshToken: "r" });
  });

  it("forgets them on clear and tells subscribers", () => {
    const store = createTokenStore(sessionStorage);
    store.set({ accessToken: "a", refreshToken: "r" });
    const listener = vi.fn();
    store.subscribe(listener);
    store.clear();
    expect(store.get()).toBeNull();
    expect(createTokenStore(sessionStorage).get()).toBeNull();
    expect(listener).toHaveBeenCalledOnce();
  });

  it("treats unreadable storage as signed out", () => {
    sessionStorage.setItem("powersave.admin.tokens", "{not json");
    expect(createTokenStore(sessionStorage).get()).toBeNull();
    sessionStorage.setItem("powersave.admin.tokens", JSON.stringify({ accessToken: 1 }));
    expect(createTokenStore(sessionStorage).get()).toBeNull();
  });
});
