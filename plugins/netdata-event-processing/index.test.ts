import { isDeepStrictEqual } from "node:util";
import { createTestConnector } from "@connectors/testkit";
import type { PluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import * as plugin from "./index.ts";
import { cleanName } from "./lib/clean-name.ts";
import { pickSource } from "./lib/pick-source.ts";

const dir = import.meta.dirname;
const VERSION = { netdata_posthog_plugin_version: "0.0.13" };

async function run(event: string, properties?: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  const connector = await createTestConnector(dir, { module: plugin });
  const input = { event, distinct_id: "d1", team_id: 2, uuid: "00000000-0000-4000-8000-000000000001", ip: null, site_url: "", now: "", timestamp: "2024-01-01T00:00:00.000Z", properties } as PluginEvent;
  if (!properties) delete input.properties;
  return (await connector.processEvent(input))?.properties;
}

/** The properties the connector added (inputs removed). */
async function added(event: string, properties: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out = (await run(event, structuredClone(properties)))!;
  return Object.fromEntries(Object.entries(out).filter(([k]) => !(k in properties) || !isDeepStrictEqual(out[k], properties[k])));
}

describe("cleanName / pickSource", () => {
  it.each([
    ["/Go.D-plugin name", "go_d_plugin_name"],
    ["Native-HTTPS", "native_https"],
    ["//a/b", "_a_b"],
  ])("cleanName(%j) = %j", (input, output) => expect(cleanName(input)).toBe(output));

  it.each([
    ["agent dashboard", "agent"],
    ["agent backend", "agent"],
    ["https://frankfurt.my-netdata.io/#menu", "agent"],
    ["http://london3.my-netdata.io", "agent"],
    ["https://netdata.corp.app.netdata.cloud/x", "agent"],
    ["agent installer", "agent installer"],
    ["https://app.netdata.cloud/spaces", "cloud"],
    ["https://www.netdata.cloud/blog", "website"],
    ["https://learn.netdata.cloud/docs", "learn"],
    ["https://community.netdata.cloud/t/1", "community"],
    ["https://staging.netdata.cloud/", "staging"],
    ["https://testing.netdata.cloud/", "testing"],
    ["https://example.com/x", "unknown"],
    [null, "unknown"],
    [42, "unknown"],
  ])("%j -> %s", (url, source) => {
    expect(pickSource({ $current_url: url }, "$pageview").eventSource).toBe(source);
  });

  it("classifies events without $current_url: $identify as cloud, others unknown", () => {
    expect(pickSource({}, "$identify").eventSource).toBe("cloud");
    expect(pickSource({}, "signup").eventSource).toBe("unknown");
  });
});

describe("netdata-event-processing", () => {
  it("demo server submenu click (example 1)", async () => {
    const properties = { $current_url: "http://london.my-netdata.io/#menu_system", $elements: [{ attr__href: "#menu_system_submenu_load", $el_text: "load" }, { attr__class: "netdata-legend-toolbox" }] };
    expect(await added("$autocapture", properties)).toEqual({
      event_ph: "$autocapture",
      ...VERSION,
      event_source: "agent",
      el_class_netdata_legend_toolbox: true,
      el_class: "netdata-legend-toolbox",
      el_href_menu: "#menu_system_submenu_load",
      el_menu: "system",
      el_submenu: "load",
      el_href: "#menu_system_submenu_load",
      el_text: "load",
      interaction_type: "submenu",
      interaction_detail: "#menu_system_submenu_load",
      interaction_token: "submenu|#menu_system_submenu_load",
    });
  });

  it("agent toolbox zoom: the innermost class wins (example 2)", async () => {
    const out = await added("$autocapture", { $current_url: "agent dashboard", $elements: [{ attr__class: "fa fa-plus" }, { attr__class: "netdata-legend-toolbox" }] });
    expect(out).toMatchObject({ el_class: "fa fa-plus", el_class_fa_plus: true, el_class_netdata_legend_toolbox: true, interaction_type: "chart_toolbox", interaction_detail: "zoom_in", interaction_token: "chart_toolbox|zoom_in" });
  });

  it("agent alarms with a date text (example 3)", async () => {
    const out = await added("$autocapture", { $current_url: "agent dashboard", $elements: [{ $el_text: "10/03/2021 14:05", attr__class: "warning" }, { "attr__data-target": "#alarmsModal" }] });
    expect(out).toEqual({
      event_ph: "$autocapture",
      ...VERSION,
      event_source: "agent",
      el_data_target: "#alarmsModal",
      el_text: "10/03/2021 14:05",
      el_text_datetime: "2021-03-10 14:05",
      el_class_warning: true,
      el_class: "warning",
      interaction_type: "alarms",
      interaction_detail: "warn",
      interaction_token: "alarms|warn",
    });
  });

  it("cloud page with a ga attribute and a menu id (example 4)", async () => {
    const out = await added("$pageview", { $current_url: "https://app.netdata.cloud/spaces/abc/rooms/xyz", $pathname: "/spaces/abc/rooms/xyz", $elements: [{ attr__id: "menu_system_submenu_cpu", "attr__data-ga": "nav::click::cpu::1" }] });
    const ga = (name: string) => ({ [name]: "nav::click::cpu::1", [`${name}_0`]: "nav", [`${name}_1`]: "click", [`${name}_2`]: "cpu", [`${name}_3`]: "1" });
    expect(out).toEqual({
      event_ph: "$pageview",
      ...VERSION,
      event_source: "cloud",
      ...ga("el_data_ga_outer"),
      ...ga("el_data_ga"),
      ...ga("el_data_ga_inner"),
      event_category: "nav",
      event_action: "click",
      event_label: "cpu",
      event_value: "1",
      el_id: "menu_system_submenu_cpu",
      el_id_menu: "menu_system_submenu_cpu",
      el_menu: "system",
      el_submenu: "cpu",
      pathname_1: "spaces",
      pathname_2: "abc",
      pathname_3: "rooms",
      pathname_4: "xyz",
    });
  });

  it("agent backend properties (example 5)", async () => {
    const properties = {
      $current_url: "agent backend",
      netdata_buildinfo: "dbengine|Native-HTTPS||dbengine",
      alarms_critical: "3",
      alarms_warning: 2,
      netdata_machine_guid: "",
      host_collectors: [{ plugin: "go.d.plugin", module: "web_log" }, { plugin: "go.d.plugin", module: null }],
    };
    expect(await added("agent backend", properties)).toEqual({
      event_ph: "agent backend",
      ...VERSION,
      event_source: "agent",
      has_alarms_warning: true,
      netdata_buildinfo_dbengine: true,
      netdata_buildinfo_native_https: true,
      host_collector_plugin_go_d_plugin: true,
      host_collector_module_web_log: true,
      netdata_machine_guid: "empty",
      netdata_machine_guid_is_empty: true,
      interaction_type: "agent_backend",
      interaction_detail: "",
      interaction_token: "agent_backend|",
    });
  });

  it("installer options (example 6)", async () => {
    const out = await added("agent installer", { $current_url: "agent installer", install_options: "--stable-channel --claim-token abc --nightly" });
    expect(out).toEqual({ event_ph: "agent installer", ...VERSION, event_source: "agent installer", opt_stable_channel: "", opt_claim_token: "abc", opt_nightly: "" });
  });

  it("$identify without $current_url is cloud; path positions count empty segments (example 7)", async () => {
    expect(await added("$identify", { $pathname: "/a//b" })).toEqual({ event_ph: "$identify", ...VERSION, event_source: "cloud", pathname_1: "a", pathname_3: "b" });
  });

  it.each([
    ["$pageview", { $current_url: "https://example.com/x", $pathname: "/x", $elements: [{ attr__id: "a" }] }],
    ["signup", { $pathname: "/x" }],
  ])("unknown sources only get the basics (example 8: %s)", async (event, properties) => {
    expect(await added(event, properties)).toEqual({ event_ph: event, ...VERSION, event_source: "unknown" });
  });

  it("learn: inner pass only, aria label from attributes (example 9)", async () => {
    const out = await added("$autocapture", { $current_url: "https://learn.netdata.cloud/docs", $elements: [{ "attr__data-track": "a::b", attributes: { "attr__aria-label": "Next" } }, { "attr__data-track": "outer" }] });
    expect(out).toEqual({ event_ph: "$autocapture", ...VERSION, event_source: "learn", el_data_track: "a::b", el_data_track_0: "a", el_data_track_1: "b", el_aria_label: "Next" });
  });

  it("outer pass: the outermost element wins; missing parts erase earlier ones", async () => {
    const out = await added("$autocapture", { $current_url: "agent dashboard", $elements: [{ "attr__data-testid": "inner::x" }, { "attr__data-testid": "outer::a::b" }, { "attr__data-testid": "top::only" }] });
    expect(out).toMatchObject({ el_data_testid_outer: "top::only", el_data_testid_outer_0: "top", el_data_testid_outer_1: "only", el_data_testid: "inner::x", el_data_testid_inner_0: "inner", el_data_testid_inner_1: "x" });
    expect(out).not.toHaveProperty("el_data_testid_outer_2");
    expect(out).not.toHaveProperty("el_data_testid_2");
  });

  it("staging and site sources split testid/ga/track without suffixes", async () => {
    const elements = [{ "attr__data-track": "t::1", "attr__data-ga": "g", attr__id: "menu_a", attr__class: "c", text: "hello" }];
    const staging = await added("$autocapture", { $current_url: "https://staging.netdata.cloud/x", $elements: elements });
    expect(staging).toMatchObject({ event_source: "staging", el_data_track: "t::1", el_data_track_0: "t", el_data_track_1: "1", el_data_ga: "g", el_id_menu: "menu_a", el_menu: "a", el_submenu: "", el_class: "c", el_text: "hello" });
    expect(staging).not.toHaveProperty("el_data_track_outer");
    const site = await added("$autocapture", { $current_url: "https://www.netdata.cloud/", $elements: elements });
    expect(site).toMatchObject({ event_source: "website", el_data_track: "t::1", el_id: "menu_a", el_class: "c", el_text: "hello" });
    expect(site).not.toHaveProperty("el_id_menu");
  });

  it("agent element details: href fallbacks, copies, sidebar target, update modal and id flags", async () => {
    const out = await added("$autocapture", {
      $current_url: "agent dashboard",
      $elements: [
        { $href: "#x", attr__onclick: "go()", attr__name: "n", attr__title: "t", "attr__data-target": "#updateModal", "attr__data-toggle": "tab", "attr__aria-controls": "c", attr__id: "date-picker-root-updateModal" },
        { "attr__data-target": "#sidebar", href: "#outer" },
      ],
    });
    expect(out).toMatchObject({ el_href: "#x", el_onclick: "go()", el_name: "n", el_title: "t", el_data_target: "#updateModal", el_data_target_updatemodal: true, el_data_toggle: "tab", el_aria_controls: "c", el_id_date_picker_root: true, el_id_updatemodal: true });
  });

  it.each([
    [{ attr__id: "chart_system.cpu", "attr__data-netdata": "system.cpu", $el_text: "user" }, "chart_dim", "system.cpu.user"],
    [{ attr__id: "date-picker-root" }, "date_picker", "open"],
    [{ "attr__data-testid": "date-picker::click-quick-selector::x::last 5 minutes" }, "date_picker", "click-quick-selector last 5 minutes"],
    [{ attr__class: "CollapsableSection" }, "hamburger", ""],
    [{ attr__title: "update" }, "other", "" ],
    [{ attr__title: "Need Help?" }, "help", ""],
    [{ attr__id: "loadSnapshotModal" }, "load_snapshot", ""],
    [{ attr__id: "saveSnapshotExport" }, "save_snapshot", ""],
    [{ attr__onclick: "return printPreflight(),!1" }, "print", ""],
    [{ attr__href: "#alarms_log", $el_text: "Log" }, "alarms", "log"],
    [{ attr__id: "alarmsModal", attr__class: "danger", $el_text: "disk full" }, "alarms", "crit__disk full"],
    [{ "attr__data-target": "#optionsModal", "attr__data-toggle": "toggle" }, "settings", "toggle"],
    [{ attr__class: "SignInButton", $el_text: "Sign In to Cloud" }, "cloud", "sign_in"],
    [{ attr__id: "navbar-highlight-content", attr__onclick: "urlOptions.clearHighlight();" }, "highlight", "clear"],
    [{ $el_text: "Add more charts" }, "add_charts", ""],
    [{ $el_text: "Add more alarms" }, "add_alarms", ""],
    [{ attr__class: "netdata-legend-resize-handler fa-sort" }, "chart_toolbox", "resize"],
    [{ attr__href: "#menu_system" }, "menu", "#menu_system"],
    [{ $el_text: "nothing special" }, "other", ""],
  ])("interaction for %j is %s / %s", async (element, type, detail) => {
    const out = await added("$autocapture", { $current_url: "agent dashboard", $elements: [element] });
    expect([out.interaction_type, out.interaction_detail]).toEqual([type, detail]);
  });

  it("names $pageview, $pageleave and $identify interactions after the event", async () => {
    expect((await added("$pageleave", { $current_url: "agent dashboard" })).interaction_token).toBe("pageleave|");
  });

  it("skips null inputs the original crashed on (fixed)", async () => {
    const out = await added("$autocapture", {
      $current_url: "agent dashboard",
      $elements: [{ "attr__data-testid": null, "attr__data-ga": "g::1" }, null],
      host_collectors: [{ plugin: "python.d.plugin" }, null, { module: undefined }],
      netdata_buildinfo: 7,
    });
    expect(out).toMatchObject({ el_data_ga_outer: "g::1", el_data_ga: "g::1", host_collector_plugin_python_d_plugin: true });
    expect(out).not.toHaveProperty("el_data_testid_outer");
    expect(Object.keys(out).filter((k) => k.startsWith("host_collector_module"))).toEqual([]);
    expect(await added("$pageview", { $current_url: null })).toEqual({ event_ph: "$pageview", ...VERSION, event_source: "unknown" });
  });

  it("treats string alarm counts and empty ids as the spec says", async () => {
    const out = await added("agent backend", { $current_url: "agent backend", alarms_critical: 0, netdata_person_id: "p1", distinct_id: "" });
    expect(out).toMatchObject({ has_alarms_critical: false, netdata_person_id_is_empty: false, distinct_id: "empty", distinct_id_is_empty: true });
  });

  it("leaves an event without properties unchanged", async () => {
    expect(await run("$identify")).toBeUndefined();
  });

  it("has no config fields and marks setup done", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { netdata_version: "1" } })).rejects.toThrow(/netdata_version/);
    const connector = await createTestConnector(dir, { module: plugin });
    await connector.setup();
    expect(connector.meta.global.setupDone).toBe(true);
  });
});
