import { describe, expect, it } from "vitest";
import { isLoopbackHost, resolvePublicUrl } from "../../../server/http/public-url.js";

/** The base of join links: the setting, else where the game was opened, never a loopback if avoidable. */
describe("the public URL of join links", () => {
  const local = { protocol: "http", host: "127.0.0.1:2567" };

  it("is PUBLIC_URL when set, whatever the page was opened at", () => {
    expect(resolvePublicUrl("https://skyshield.school.example/", local, "192.168.1.20")).toEqual({
      url: "https://skyshield.school.example",
      source: "setting",
      loopback: false,
    });
  });

  it("is the address the game was opened at when that is reachable", () => {
    expect(resolvePublicUrl(undefined, { protocol: "http", host: "10.0.0.5:2567" }, "192.168.1.20")).toEqual({
      url: "http://10.0.0.5:2567",
      source: "request",
      loopback: false,
    });
  });

  it("replaces a loopback address with this machine's network address", () => {
    expect(resolvePublicUrl(undefined, { protocol: "http", host: "localhost:2567" }, "192.168.1.20")).toEqual(
      {
        url: "http://192.168.1.20:2567",
        source: "network",
        loopback: false,
      },
    );
  });

  it("says so when it can only be a loopback address", () => {
    expect(resolvePublicUrl(undefined, local, undefined)).toEqual({
      url: "http://127.0.0.1:2567",
      source: "request",
      loopback: true,
    });
    expect(resolvePublicUrl("http://localhost:8080", local, "192.168.1.20").loopback).toBe(true);
  });

  it("knows loopback hosts in every spelling", () => {
    for (const host of ["localhost", "LOCALHOST:80", "127.0.0.1", "127.1.2.3:9", "[::1]:2567", "0.0.0.0:1"])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ["10.0.0.5:2567", "skyshield.school.example", "[fe80::1]:2567"])
      expect(isLoopbackHost(host)).toBe(false);
  });
});
