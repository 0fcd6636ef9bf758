import type { PluginEvent, ProcessedPluginEvent } from "@connectors/plugin-api";
import type { Connector } from "../connector.ts";

/** One connector in a project's pipeline and its place in it (PostHog's PluginConfig.order). */
export interface ChainMember {
  connector: Connector;
  /** Position in the chain; lower runs first (default: the order given). */
  order?: number;
  /** Plugin config id used in `$plugins_succeeded` / `$plugins_failed` (default: position + 1). */
  pluginConfigId?: number;
}

/** What a chain did to one event. */
export interface ChainResult {
  /** The event after every processEvent, or null when one dropped it. */
  event: PluginEvent | null;
  /** `"<name> (<configId>)"` of each connector whose processEvent succeeded, in order. */
  succeeded: string[];
  /** Same for the ones that threw (the chain went on with the event as it was). */
  failed: string[];
  /** The connector that dropped the event, if any. */
  droppedBy?: string;
  errors: Array<{ plugin: string; message: string }>;
}

/**
 * Several connectors of one project run the way PostHog's ingestion ran them: processEvent
 * sequentially by `order` (a falsy return drops the event and ends the chain; a throw is recorded,
 * listed in `properties.$plugins_failed`, and the chain continues), successful ones listed in
 * `properties.$plugins_succeeded`; onEvent/exportEvents of all connectors in parallel.
 *
 * @example
 * const chain = new PluginChain([{ connector: geoip, order: 1 }, { connector: downsample, order: 2 }]);
 * const { event } = await chain.processEvent(incoming);
 */
export class PluginChain {
  readonly members: ReadonlyArray<Required<ChainMember>>;

  constructor(members: Array<Connector | ChainMember>) {
    this.members = members
      .map((m): ChainMember => ("connector" in m ? m : { connector: m }))
      .map((m, i) => ({ connector: m.connector, order: m.order ?? i, pluginConfigId: m.pluginConfigId ?? i + 1 }))
      .sort((a, b) => a.order - b.order);
  }

  /** Runs processEvent of every member in order. */
  async processEvent(event: PluginEvent): Promise<ChainResult> {
    const result: ChainResult = { event, succeeded: [], failed: [], errors: [] };
    let current: PluginEvent = event;
    for (const { connector, pluginConfigId } of this.members) {
      if (!connector.plugin.processEvent) continue;
      const label = `${connector.manifest.name} (${pluginConfigId})`;
      try {
        const out = await connector.processEvent(current);
        result.succeeded.push(label);
        if (!out) {
          result.droppedBy = label;
          result.event = null;
          return result;
        }
        current = out;
      } catch (error) {
        result.failed.push(label);
        result.errors.push({ plugin: label, message: error instanceof Error ? error.message : String(error) });
      }
    }
    current.properties = { ...current.properties, $plugins_succeeded: result.succeeded, $plugins_failed: result.failed };
    result.event = current;
    return result;
  }

  /** Runs onEvent (and the export buffers) of every member in parallel; failures are returned, not thrown. */
  async onEvent(event: PluginEvent | ProcessedPluginEvent): Promise<Array<{ plugin: string; message: string }>> {
    const members = this.members.filter(({ connector }) => connector.plugin.onEvent || connector.plugin.exportEvents);
    const settled = await Promise.allSettled(members.map(({ connector }) => connector.onEvent(structuredClone(event))));
    return settled.flatMap((s, i) => (s.status === "rejected" ? [{ plugin: `${members[i]!.connector.manifest.name} (${members[i]!.pluginConfigId})`, message: s.reason instanceof Error ? s.reason.message : String(s.reason) }] : []));
  }

  /** Tears every member down (flushing export buffers). */
  async teardown(): Promise<void> {
    await Promise.all(this.members.map(({ connector }) => connector.teardown()));
  }
}
