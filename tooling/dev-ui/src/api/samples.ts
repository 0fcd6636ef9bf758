import { createAutocapture, createEvent, createIdentify, createPageview } from "@connectors/testkit";

/** Sample events the event editor offers. Fixed uuids so output diffs stay readable. */
export function sampleEvents(): Record<string, unknown> {
  const fixed = (i: number) => ({ uuid: `01932f3c-0000-7000-8000-00000000000${i}` });
  return {
    pageview: createPageview(fixed(1)),
    identify: createIdentify(fixed(2)),
    custom: createEvent({ ...fixed(3), event: "purchase", properties: { amount: 20, currency: "PLN", plan: "pro" } }),
    autocapture: createAutocapture(fixed(4)),
  };
}
