import { describe, expect, it } from "vitest";
import { formatHostPort, isAllowedHostHeader, isLoopbackHost, parseAllowedHosts, parseHost } from "./hosts";

describe("parseHost", () => {
  it("reads names, addresses and ports, normalised as browsers do", () => {
    expect(parseHost("LocalHost:3000")).toEqual({ hostname: "localhost", port: 3000 });
    expect(parseHost("chat.example.lan")).toEqual({ hostname: "chat.example.lan" });
    expect(parseHost("[::1]:8080")).toEqual({ hostname: "[::1]", port: 8080 });
    expect(parseHost("::1")).toEqual({ hostname: "[::1]" });
    expect(parseHost("[0:0:0:0:0:0:0:1]")).toEqual({ hostname: "[::1]" });
    expect(parseHost("127.1")).toEqual({ hostname: "127.0.0.1" });
    expect(parseHost("0x7f.0.0.1:80")).toEqual({ hostname: "127.0.0.1", port: 80 });
    expect(parseHost("0.0.0.0")).toEqual({ hostname: "0.0.0.0" });
  });

  it("refuses anything that is not a host", () => {
    for (const value of [
      "",
      "  ",
      "a b",
      "evil.com/x",
      "user@localhost",
      "localhost:",
      "localhost:0",
      "localhost:65536",
      "localhost:12ab",
      "localhost?x",
      "localhost#x",
      "[::1",
      "[::1]x",
      "http://localhost",
      "a\\b",
      "x".repeat(400),
    ]) {
      expect(parseHost(value), value).toBeUndefined();
    }
  });
});

describe("isLoopbackHost", () => {
  it("is true for names only this machine answers to, with or without a port", () => {
    for (const host of ["localhost", "LOCALHOST", "localhost:3000", "127.0.0.1", "127.0.0.1:3000", "127.8.9.10", "::1", "[::1]", "[::1]:3000", "::ffff:127.0.0.1"]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
  });

  it("is false for every interface, other machines and look-alikes", () => {
    for (const host of [
      "0.0.0.0",
      "::",
      "[::]",
      "192.168.1.10",
      "10.0.0.1",
      "chat.example.lan",
      "localhost.attacker.example",
      "127.0.0.1.nip.io",
      "attacker.example",
      "",
      "::ffff:192.168.0.1",
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});

describe("parseAllowedHosts", () => {
  it("reads a comma-separated list of host or host:port", () => {
    expect(parseAllowedHosts(undefined)).toEqual([]);
    expect(parseAllowedHosts("")).toEqual([]);
    expect(parseAllowedHosts(" chat.lan , 192.168.1.5:3000,[fd00::1]:80,")).toEqual([
      { hostname: "chat.lan" },
      { hostname: "192.168.1.5", port: 3000 },
      { hostname: "[fd00::1]", port: 80 },
    ]);
  });

  it("names the entry it cannot read", () => {
    expect(() => parseAllowedHosts("chat.lan, http://x.example/")).toThrow(/http:\/\/x\.example\//);
    expect(() => parseAllowedHosts("chat.lan:99999")).toThrow(/chat\.lan:99999/);
  });
});

describe("isAllowedHostHeader", () => {
  const allowed = parseAllowedHosts("chat.lan,192.168.1.5:3000,secure.example:443");

  it("accepts loopback names on any port", () => {
    for (const host of ["localhost", "localhost:3000", "127.0.0.1:3100", "[::1]:3000", "127.0.0.1"]) {
      expect(isAllowedHostHeader(host, []), host).toBe(true);
    }
  });

  it("accepts ALLOWED_HOSTS entries: a name on any port, a host:port on that port", () => {
    expect(isAllowedHostHeader("chat.lan", allowed)).toBe(true);
    expect(isAllowedHostHeader("CHAT.LAN:3000", allowed)).toBe(true);
    expect(isAllowedHostHeader("192.168.1.5:3000", allowed)).toBe(true);
    expect(isAllowedHostHeader("192.168.1.5:3001", allowed)).toBe(false);
    expect(isAllowedHostHeader("192.168.1.5", allowed)).toBe(false);
    // No port in the Host header: the scheme's default port.
    expect(isAllowedHostHeader("secure.example", allowed)).toBe(true);
  });

  it("refuses rebinding names, other addresses, a missing or malformed Host", () => {
    for (const host of [null, undefined, "", "attacker.example", "attacker.example:3000", "chat.lan.attacker.example", "0.0.0.0:3000", "192.168.1.6:3000", "::1", "localhost/x", "localhost@x", "a b"]) {
      expect(isAllowedHostHeader(host, allowed), String(host)).toBe(false);
    }
  });
});

describe("formatHostPort", () => {
  it("puts IPv6 addresses in brackets", () => {
    expect(formatHostPort("127.0.0.1", 3000)).toBe("127.0.0.1:3000");
    expect(formatHostPort("::1", 3000)).toBe("[::1]:3000");
    expect(formatHostPort("0.0.0.0", 80)).toBe("0.0.0.0:80");
  });
});
