import { describe, expect, it } from "vitest";
import { toCity } from "./to-city.ts";

describe("toCity", () => {
  it("camelCases a raw MaxMind record's keys at every depth, but not the language codes under names", () => {
    const record = { country: { iso_code: "SE", names: { en: "Sweden", "pt-BR": "Suécia", zh_CN: "瑞典" } }, location: { time_zone: "Europe/Stockholm", accuracy_radius: 76 }, subdivisions: [{ iso_code: "E", geoname_id: 1 }] };
    const city = toCity(record, "89.160.20.129", 28) as any;
    expect(city.country).toEqual({ isoCode: "SE", names: { en: "Sweden", "pt-BR": "Suécia", zh_CN: "瑞典" } });
    expect(city.location).toEqual({ timeZone: "Europe/Stockholm", accuracyRadius: 76 });
    expect(city.subdivisions).toEqual([{ isoCode: "E", geonameId: 1 }]);
    expect(city.traits).toEqual({ ipAddress: "89.160.20.129", network: "89.160.20.128/28" });
  });

  it("gives each lookup its own objects (a connector may change what it got)", () => {
    const record = { city: { names: { en: "Linköping" } } };
    const first = toCity(record, "1.2.3.4", 32) as any;
    first.city.names.en = "changed";
    expect((toCity(record, "1.2.3.4", 32) as any).city.names.en).toBe("Linköping");
    expect(record.city.names.en).toBe("Linköping");
  });

  it("keeps a __proto__ key in the database as plain data, never as the object's prototype", () => {
    const record = JSON.parse('{"city": {"names": {"__proto__": {"polluted": true}, "en": "x"}, "geoname_id": 7}}');
    const names = (toCity(record, "1.2.3.4", 32) as any).city.names;
    expect(Object.getPrototypeOf(names)).toBe(Object.prototype);
    expect(names.polluted).toBeUndefined();
    expect(Object.keys(names)).toEqual(["__proto__", "en"]);
  });
});
