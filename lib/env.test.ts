import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_REQUEST_BYTES, parseEnv } from "./env";

describe("network and request settings", () => {
  it("default to this machine only and a 16 MiB body", () => {
    const settings = parseEnv({});
    expect(settings.HOST).toBe("127.0.0.1");
    expect(settings.ALLOWED_HOSTS).toEqual([]);
    expect(settings.MAX_REQUEST_BYTES).toBe(16 * 1024 * 1024);
    expect(DEFAULT_MAX_REQUEST_BYTES).toBe(16 * 1024 * 1024);
    expect(parseEnv({ HOST: "  " }).HOST).toBe("127.0.0.1");
  });

  it("read HOST, ALLOWED_HOSTS and MAX_REQUEST_BYTES", () => {
    const settings = parseEnv({ HOST: "0.0.0.0", ALLOWED_HOSTS: "chat.lan, 192.168.1.5:3000", MAX_REQUEST_BYTES: "1048576" });
    expect(settings.HOST).toBe("0.0.0.0");
    expect(settings.ALLOWED_HOSTS).toEqual([{ hostname: "chat.lan" }, { hostname: "192.168.1.5", port: 3000 }]);
    expect(settings.MAX_REQUEST_BYTES).toBe(1048576);
    expect(parseEnv({ HOST: "::" }).HOST).toBe("::");
  });

  it("stop at start-up with the setting's name when malformed", () => {
    expect(() => parseEnv({ HOST: "0.0.0.0:3000" })).toThrow(/HOST/);
    expect(() => parseEnv({ HOST: "http://example.com" })).toThrow(/HOST/);
    expect(() => parseEnv({ ALLOWED_HOSTS: "chat.lan,https://x/" })).toThrow(/ALLOWED_HOSTS.*https:\/\/x\//);
    expect(() => parseEnv({ MAX_REQUEST_BYTES: "12" })).toThrow(/MAX_REQUEST_BYTES/);
    expect(() => parseEnv({ MAX_REQUEST_BYTES: "lots" })).toThrow(/MAX_REQUEST_BYTES/);
  });

  it("refuse ports that browsers and fetch will not connect to, before anything starts", () => {
    expect(() => parseEnv({ SIMULATOR_PORT: "4190" })).toThrow(/SIMULATOR_PORT.*bad port/);
    expect(() => parseEnv({ PORT: "6000" })).toThrow(/PORT.*bad port/);
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT/);
    expect(parseEnv({ PORT: "3190", SIMULATOR_PORT: "4196" })).toMatchObject({ PORT: 3190, SIMULATOR_PORT: 4196 });
  });
});
