import { parse, type Node } from "acorn";

interface CallNode extends Node {
  callee: Node & { type: string; object?: Node & { name?: string }; property?: Node & { name?: string }; computed?: boolean };
  arguments: Array<Node & { type: string; async?: boolean }>;
}

/** One text edit: replace [start, end) with `text`. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

function isJestCall(node: Node, method: string): node is CallNode {
  const call = node as CallNode;
  return call.type === "CallExpression" && call.callee.type === "MemberExpression" && !call.callee.computed && call.callee.object?.name === "jest" && call.callee.property?.name === method;
}

/** Every node under `root` (acorn has no walker of its own; the AST is plain objects). */
function* descendants(root: Node): Generator<Node> {
  for (const value of Object.values(root)) {
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (child && typeof child === "object" && typeof (child as Node).type === "string") {
        yield child as Node;
        yield* descendants(child as Node);
      }
    }
  }
}

function applyEdits(code: string, edits: Edit[]): string {
  let out = code;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** A factory's text with `jest.requireActual(x)` as `(await __legacyRequireActual(x))`, made async. */
function asyncFactory(code: string, factory: Node & { type: string; async?: boolean }): string {
  const edits: Edit[] = [];
  for (const node of descendants(factory)) {
    if (isJestCall(node, "requireActual")) edits.push({ start: node.start, end: node.callee.end, text: "(await __legacyRequireActual" }, { start: node.end, end: node.end, text: ")" });
  }
  const text = applyEdits(code.slice(factory.start, factory.end), edits.map((e) => ({ ...e, start: e.start - factory.start, end: e.end - factory.start })));
  return factory.async || edits.length === 0 ? text : `async ${text}`;
}

/** The helpers the rewritten code calls (declared once, hoisted by JavaScript itself). */
const HELPERS = `
function __legacyMockModule(value) {
  if (value && value.__esModule) return value;
  const module = { __legacyCommonJs: true, default: value };
  if (value !== null && (typeof value === "object" || typeof value === "function")) for (const key of Object.keys(value)) if (key !== "default") module[key] = value[key];
  return module;
}
async function __legacyRequireActual(specifier) {
  const actual = await vi.importActual(specifier);
  return actual && actual.__legacyCommonJs ? actual.default : actual;
}`;

/**
 * Rewrites a jest-era test file for Vitest: each top-level `jest.mock(spec, factory?)` becomes a
 * `vi.mock` that Vitest hoists above the imports (so a mocked `pg` or SDK is never loaded), with
 * the factory's value served as a CommonJS `module.exports` (a function factory included), and
 * `jest.requireActual(x)` inside factories read through `vi.importActual`. Returns undefined when
 * the file has no `jest.mock`.
 */
export function hoistJestMocks(code: string, sourceType: "module" | "script"): string | undefined {
  if (!code.includes("jest.mock(")) return undefined;
  const ast = parse(code, { ecmaVersion: "latest", sourceType, allowHashBang: true, allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true });
  const edits: Edit[] = [];
  for (const statement of (ast as unknown as { body: Array<Node & { type: string; expression?: Node }> }).body) {
    if (statement.type !== "ExpressionStatement" || !statement.expression || !isJestCall(statement.expression, "mock")) continue;
    const [specifier, factory, ...rest] = statement.expression.arguments;
    if (!specifier) continue;
    const spec = code.slice(specifier.start, specifier.end);
    const options = rest.length ? `, ${rest.map((r) => code.slice(r.start, r.end)).join(", ")}` : "";
    const call = factory ? `vi.mock(${spec}, async () => __legacyMockModule(await (${asyncFactory(code, factory)})())${options});` : `vi.mock(${spec});`;
    edits.push({ start: statement.start, end: statement.end, text: call });
  }
  if (edits.length === 0) return undefined;
  return `${applyEdits(code, edits)}\n${HELPERS}\n`;
}

interface IdentifierNode extends Node {
  name: string;
}

/** Names a file declares anywhere (scopes ignored: a name declared anywhere is never rewritten). */
function declaredNames(ast: Node): Set<string> {
  const names = new Set<string>();
  const addPattern = (pattern: Node | null | undefined): void => {
    if (!pattern) return;
    const p = pattern as Node & { type: string; name?: string; properties?: Array<Node & { value?: Node; argument?: Node }>; elements?: Node[]; left?: Node; argument?: Node };
    if (p.type === "Identifier") names.add(p.name!);
    else if (p.type === "ObjectPattern") for (const prop of p.properties ?? []) addPattern(prop.type === "RestElement" ? prop.argument : prop.value);
    else if (p.type === "ArrayPattern") for (const element of p.elements ?? []) addPattern(element);
    else if (p.type === "AssignmentPattern") addPattern(p.left);
    else if (p.type === "RestElement") addPattern(p.argument);
  };
  for (const node of descendants(ast)) {
    const n = node as Node & { type: string; id?: Node; params?: Node[]; param?: Node; local?: Node };
    if (n.type === "VariableDeclarator") addPattern(n.id);
    if ((n.type === "FunctionDeclaration" || n.type === "FunctionExpression" || n.type === "ClassDeclaration" || n.type === "ClassExpression") && n.id) addPattern(n.id);
    if (n.params) for (const param of n.params) addPattern(param);
    if (n.type === "CatchClause") addPattern(n.param);
    if (n.local) addPattern(n.local);
  }
  return names;
}

/**
 * Sloppy-mode implicit globals for a test file that must stay module code (so Vitest can hoist its
 * mocks): every assignment to a name the file never declares (`seenCount = 0`, `count++`) and every
 * other use of that name become `globalThis.<name>`, which is what the assignment did in jest's
 * sloppy CommonJS. Returns undefined when there is none.
 */
export function implicitGlobalsToGlobalThis(code: string, sourceType: "module" | "script"): string | undefined {
  const ast = parse(code, { ecmaVersion: "latest", sourceType, allowHashBang: true, allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true });
  const declared = declaredNames(ast);
  const implicit = new Set<string>();
  for (const node of descendants(ast)) {
    const n = node as Node & { type: string; left?: Node & { type: string; name?: string }; argument?: Node & { type: string; name?: string } };
    const target = n.type === "AssignmentExpression" ? n.left : n.type === "UpdateExpression" ? n.argument : undefined;
    if (target?.type === "Identifier" && !declared.has(target.name!) && !(target.name! in globalThis)) implicit.add(target.name!);
  }
  if (implicit.size === 0) return undefined;
  const skip = new Set<Node>();
  for (const node of descendants(ast)) {
    const n = node as Node & { type: string; property?: Node; key?: Node; computed?: boolean; shorthand?: boolean; label?: Node };
    if (n.type === "MemberExpression" && !n.computed && n.property) skip.add(n.property);
    if ((n.type === "Property" || n.type === "MethodDefinition" || n.type === "PropertyDefinition") && !n.computed && !n.shorthand && n.key) skip.add(n.key);
    if (n.label) skip.add(n.label);
  }
  const edits: Edit[] = [];
  for (const node of descendants(ast)) {
    const id = node as IdentifierNode & { type: string };
    if (id.type !== "Identifier" || !implicit.has(id.name) || skip.has(node)) continue;
    edits.push({ start: id.start, end: id.end, text: `globalThis.${id.name}` });
  }
  // `{ name }` shorthand properties: keep the key, read the global.
  for (const node of descendants(ast)) {
    const p = node as Node & { type: string; shorthand?: boolean; key?: IdentifierNode };
    if (p.type === "Property" && p.shorthand && p.key && implicit.has(p.key.name)) {
      const index = edits.findIndex((e) => e.start === p.key!.start);
      if (index >= 0) edits[index] = { start: p.key.start, end: p.key.end, text: `${p.key.name}: globalThis.${p.key.name}` };
    }
  }
  return applyEdits(code, edits);
}
