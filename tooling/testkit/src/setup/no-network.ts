// Vitest setup file for every workspace project: tests may talk to loopback servers only. Any other
// connection (http, https or fetch) fails at once with nock's "Disallowed net connect" error.
import nock from "nock";

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)(?::\d+)?$/;

nock.disableNetConnect();
nock.enableNetConnect((host: string) => LOOPBACK.test(host));
