import { describe, expect, it } from "vitest";
import { allowsHost } from "./allowed-host.ts";
import { classifyAddress, isLoopbackName } from "./classify-address.ts";
import { defaultEgressPolicy, egressDenial, hostsFromConfig, type EgressPolicy } from "./egress-policy.ts";

const publicPolicy: EgressPolicy = { mode: "public", hosts: [], allowLoopback: false };
const declared = (hosts: string[], allowLoopback = false): EgressPolicy => ({ mode: "declared", hosts, allowLoopback });

describe("classifyAddress", () => {
  it.each([
    ["93.184.215.14", "public", "93.184.215.14"],
    ["2606:4700::1111", "public", "2606:4700::1111"],
    ["127.0.0.1", "loopback", "127.0.0.1"],
    ["127.255.0.9", "loopback", "127.255.0.9"],
    ["::1", "loopback", "::1"],
    ["[::1]", "loopback", "::1"],
    ["10.1.2.3", "internal", "10.1.2.3"],
    ["172.16.0.1", "internal", "172.16.0.1"],
    ["192.168.1.1", "internal", "192.168.1.1"],
    ["169.254.169.254", "internal", "169.254.169.254"],
    ["100.64.0.1", "internal", "100.64.0.1"],
    ["0.0.0.0", "internal", "0.0.0.0"],
    ["255.255.255.255", "internal", "255.255.255.255"],
    ["224.0.0.1", "internal", "224.0.0.1"],
    ["198.18.0.1", "internal", "198.18.0.1"],
    ["::", "internal", "::"],
    ["fe80::1", "internal", "fe80::1"],
    ["fd00::1", "internal", "fd00::1"],
    ["ff02::1", "internal", "ff02::1"],
    // IPv6 forms that carry an IPv4 address count as that address
    ["::ffff:169.254.169.254", "internal", "169.254.169.254"],
    ["::ffff:a9fe:a9fe", "internal", "169.254.169.254"],
    ["[::ffff:7f00:1]", "loopback", "127.0.0.1"],
    ["::ffff:93.184.215.14", "public", "93.184.215.14"],
    ["::a9fe:a9fe", "internal", "169.254.169.254"],
    ["::10.0.0.1", "internal", "10.0.0.1"],
    ["::127.0.0.1", "loopback", "127.0.0.1"],
    ["64:ff9b::a9fe:a9fe", "internal", "169.254.169.254"],
    ["64:ff9b::169.254.169.254", "internal", "169.254.169.254"],
    ["64:ff9b::7f00:1", "loopback", "127.0.0.1"],
    ["64:ff9b::5db8:d70e", "public", "93.184.215.14"],
    ["::ffff:0:a9fe:a9fe", "internal", "169.254.169.254"],
    // tunnels and local-use NAT64 are never public
    ["64:ff9b:1::a9fe:a9fe", "internal", "64:ff9b:1::a9fe:a9fe"],
    ["2002:a9fe:a9fe::1", "internal", "2002:a9fe:a9fe::1"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "internal", "2001:0:4136:e378:8000:63bf:3fff:fdd2"],
  ])("%s is %s (as %s)", (text, kind, address) => {
    expect(classifyAddress(text)).toMatchObject({ kind, address });
  });

  it("does not take names or non-dotted-quad spellings for addresses (they are resolved instead)", () => {
    for (const name of ["api.example.com", "localhost", "0x7f000001", "2130706433", "127.1"]) expect(classifyAddress(name)).toBeUndefined();
  });
});

describe("isLoopbackName", () => {
  it.each(["localhost", "LOCALHOST", "localhost.", "api.localhost", "a.b.localhost.", "localhost.localdomain", "ip6-localhost", "ip6-loopback"])("%s is loopback", (name) => {
    expect(isLoopbackName(name)).toBe(true);
  });

  it.each(["localhost.example.com", "mylocalhost", "example.com"])("%s is not", (name) => {
    expect(isLoopbackName(name)).toBe(false);
  });
});

describe("egressDenial (by name, before any resolution)", () => {
  it.each([
    ["http://localhost./", "loopback"],
    ["http://api.localhost/", "loopback"],
    ["http://localhost.localdomain/", "loopback"],
    ["http://ip6-localhost/", "loopback"],
    ["http://2130706433/", "127.0.0.1 is a loopback"],
    ["http://0x7f.1/", "127.0.0.1 is a loopback"],
    ["http://0177.0.0.1/", "127.0.0.1 is a loopback"],
    ["http://127.1/", "127.0.0.1 is a loopback"],
    ["http://0xa9.0xfe.0xa9.0xfe/", "169.254.169.254 is a link-local"],
    ["http://2852039166/", "169.254.169.254 is a link-local"],
    ["http://[::ffff:169.254.169.254]/", "[::ffff:a9fe:a9fe] (169.254.169.254) is a link-local"],
    ["http://[64:ff9b::a9fe:a9fe]/", "(169.254.169.254) is a link-local"],
    ["http://[::a9fe:a9fe]/", "(169.254.169.254) is a link-local"],
    ["http://[fd12::1]/", "unique-local"],
    ["http://0.0.0.0:8080/", "unspecified"],
    ["file:///etc/passwd", "only http and https"],
  ])("refuses %s (%s), the URL parser having normalised the spelling", (url, reason) => {
    expect(egressDenial(new URL(url), publicPolicy)).toContain(reason);
  });

  it("lets loopback names and addresses through only with allowLoopback", () => {
    const policy = { ...publicPolicy, allowLoopback: true };
    for (const url of ["http://localhost:1/", "http://127.0.0.1:1/", "http://[::1]:1/", "http://api.localhost/"]) expect(egressDenial(new URL(url), policy)).toBeUndefined();
    expect(egressDenial(new URL("http://10.0.0.1/"), policy)).toContain("private");
  });

  it("admits only the scheme's default port for an allowed host without a port", () => {
    const policy = declared(["api.example.com"]);
    expect(egressDenial(new URL("https://api.example.com/x"), policy)).toBeUndefined();
    expect(egressDenial(new URL("https://api.example.com:443/x"), policy)).toBeUndefined();
    expect(egressDenial(new URL("http://api.example.com/x"), policy)).toBeUndefined();
    expect(egressDenial(new URL("https://api.example.com:8443/x"), policy)).toMatch(/port 8443 of api.example.com is not allowed.*"api.example.com:8443"/);
    expect(egressDenial(new URL("http://api.example.com:443/x"), policy)).toContain("port 443");
  });

  it("admits exactly the port a manifest entry names", () => {
    const policy = declared(["api.example.com:8443", "*.db.example.com:5439"]);
    expect(egressDenial(new URL("https://api.example.com:8443/"), policy)).toBeUndefined();
    expect(egressDenial(new URL("https://api.example.com/"), policy)).toContain("port 443");
    expect(allowsHost("*.db.example.com:5439", "eu.db.example.com", 5439, 5432)).toBe(true);
    expect(allowsHost("*.db.example.com:5439", "eu.db.example.com", 5432, 5432)).toBe(false);
    expect(allowsHost("*.db.example.com:5439", "db.example.com", 5439, 5432)).toBe(false);
  });

  it("matches subdomain patterns of the manifest, names case-insensitively and with a final dot", () => {
    const policy = declared(["*.example.com", "API.Other.com"]);
    expect(egressDenial(new URL("https://eu.example.com/"), policy)).toBeUndefined();
    expect(egressDenial(new URL("https://example.com/"), policy)).toContain("not in plugin.json");
    expect(egressDenial(new URL("https://evilexample.com/"), policy)).toContain("not in plugin.json");
    expect(egressDenial(new URL("https://api.other.com./"), policy)).toBeUndefined();
  });
});

describe("hosts from config", () => {
  const manifest = {
    name: "x",
    allowedHosts: [],
    config: [
      { key: "host", type: "string" as const, format: "url" as const, default: "https://defaults.example.com" },
      { key: "db", type: "string" as const, format: "hostname" as const },
      { key: "other", type: "string" as const },
    ],
  };

  it("adds each URL or host name exactly as given, with its port", () => {
    expect(hostsFromConfig(manifest, { host: "https://eu.example.com:8443/path", db: "db.example.net", other: "https://ignored.example.com" })).toEqual(["eu.example.com:8443", "db.example.net"]);
  });

  it("never adds a pattern", () => {
    expect(hostsFromConfig(manifest, { host: "https://*.com", db: "*" })).toEqual([]);
  });

  it("never widens the allow-list with a field's default (the connector must declare a default host it calls)", () => {
    const policy = defaultEgressPolicy(manifest, { host: "https://defaults.example.com" });
    expect(policy.hosts).toEqual([]);
    expect(egressDenial(new URL("https://defaults.example.com/"), policy)).toContain("not in plugin.json");
    expect(egressDenial(new URL("https://mine.example.com/"), defaultEgressPolicy(manifest, { host: "https://mine.example.com" }))).toBeUndefined();
  });
});
