import ts from "typescript";
import type { ParsedSource } from "../types.ts";
import type { ConnectorAnalysis } from "./connector-analysis.ts";
import { GLOBAL_OBJECT_NAMES, isCodeGenerator, isHostAccess } from "./intrinsics.ts";
import { alternatives, type Value } from "./value.ts";

/** A place where connector code first gets hold of an intrinsic a rule cares about. */
export interface ReachedIntrinsic {
  source: ParsedSource;
  node: ts.Node;
  /** The intrinsic reached (`eval`, `AsyncFunction`, `process`, ...). */
  name: string;
  /** True when it is reached by its plain global name (`eval`, `process`), false for a computed route. */
  direct: boolean;
}

function wantedIn(value: Value, wanted: (name: string) => boolean): string | undefined {
  return alternatives(value).find((option): option is Value & { kind: "intrinsic" } => option.kind === "intrinsic" && wanted(option.name))?.name;
}

/** The name a declaration introduces (`const x`, `function f`, `class C`, a parameter), not a use. */
function isDeclarationName(node: ts.Identifier): boolean {
  const parent = node.parent as ts.Node & { name?: ts.Node };
  if (ts.isShorthandPropertyAssignment(parent)) return false;
  const declares = ts.isVariableDeclaration(parent) || ts.isFunctionDeclaration(parent) || ts.isFunctionExpression(parent) || ts.isClassDeclaration(parent) || ts.isClassExpression(parent) || ts.isParameter(parent) || ts.isPropertySignature(parent) || ts.isEnumDeclaration(parent) || ts.isEnumMember(parent) || ts.isGetAccessor(parent) || ts.isSetAccessor(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isImportEqualsDeclaration(parent) || ts.isModuleDeclaration(parent) || ts.isTypeParameterDeclaration(parent);
  return declares && parent.name === node;
}

/** An identifier used as a value (not a declaration name, property name, label, or type). */
function isValueIdentifier(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (ts.isQualifiedName(parent)) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isBindingElement(parent)) && (parent.name === node || (ts.isBindingElement(parent) && parent.propertyName === node))) return false;
  if (isDeclarationName(node)) return false;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  if (ts.isTypeOfExpression(parent)) return false;
  if (ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) return false;
  return true;
}

/**
 * Finds every place the connector's runtime code reaches an intrinsic `wanted` selects, by any route
 * the value evaluator follows: the global name (`eval`), an alias of the global object
 * (`globalThis["pro" + "cess"]`, top-level `this.process`), a constructor chain
 * (`Object.getPrototypeOf(async function () {}).constructor`, `[]["constructor"]["constructor"]`),
 * `Reflect.get`, destructuring (`const { constructor } = fn`), or a helper the connector defines.
 * Each route is reported once, where the value first appears (not again at every alias of it).
 * Covers code generators and host access together (one scan per connector, shared by both rules).
 */
export function findReachedIntrinsics(analysis: ConnectorAnalysis): readonly ReachedIntrinsic[] {
  const cached = reachedByAnalysis.get(analysis);
  if (cached) return cached;
  const found = scan(analysis, (name) => isCodeGenerator(name) || isHostAccess(name), new Set(["require"]));
  reachedByAnalysis.set(analysis, found);
  return found;
}

const reachedByAnalysis = new WeakMap<ConnectorAnalysis, readonly ReachedIntrinsic[]>();

/**
 * Property names through which a value can become a code generator or a host object: checking only
 * accesses with these names (or computed ones) keeps the scan to a few hundred evaluations per connector.
 */
const REACHING_NAMES: ReadonlySet<string> = new Set(["constructor", "eval", "Function", "process", "require", "module", "compile", "compileStreaming", "instantiate", "instantiateStreaming", "Module", "Instance", "Deno", "Bun", "ShadowRealm", "__non_webpack_require__", "paths", "parent", "children", "get", "value"]);

function accessName(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  return ts.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : undefined;
}

function bindingName(node: ts.BindingElement): string | undefined {
  const name = node.propertyName ?? node.name;
  return ts.isIdentifier(name) || ts.isStringLiteralLike(name) ? name.text : undefined;
}

/** `require("x")` with its plain name is an import (the import rules read it), not a use of the loader. */
function scan(analysis: ConnectorAnalysis, wanted: (name: string) => boolean, skipDirectCallees: ReadonlySet<string>): ReachedIntrinsic[] {
  const { values } = analysis;
  const found: ReachedIntrinsic[] = [];
  const visit = (source: ParsedSource) => (node: ts.Node): void => {
    if (ts.isTypeNode(node) || ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
    const name = reachedAt(node);
    if (name) found.push({ source, node, name, direct: ts.isIdentifier(node) });
    ts.forEachChild(node, visit(source));
  };
  const reachedAt = (node: ts.Node): string | undefined => {
    if (ts.isIdentifier(node)) {
      if (!wanted(node.text) && !GLOBAL_OBJECT_NAMES.has(node.text)) return undefined;
      if (!isValueIdentifier(node) || analysis.program.resolve(node) !== "global") return undefined;
      if (skipDirectCallees.has(node.text) && ts.isCallExpression(node.parent) && node.parent.expression === node) return undefined;
      return wantedIn(values.evaluate(node), wanted);
    }
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const key = accessName(node);
      if (key !== undefined && !REACHING_NAMES.has(key) && !wanted(key)) return undefined;
      const name = wantedIn(values.evaluate(node), wanted);
      return name && !wantedIn(values.evaluate(node.expression), wanted) ? name : undefined;
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      if (!alternatives(values.evaluate(node.expression)).some((option) => option.kind === "function" || (option.kind === "intrinsic" && values.computesCall(option.name)))) return undefined;
      const name = wantedIn(values.evaluate(node), wanted);
      if (!name || wantedIn(values.evaluate(node.expression), wanted) || (node.arguments ?? []).some((arg) => wantedIn(values.evaluate(arg), wanted))) return undefined;
      const callee = values.evaluate(node.expression);
      const ownFunction = alternatives(callee).some((option) => option.kind === "function");
      return ownFunction && wantedIn(values.apply(callee, []), wanted) ? undefined : name;
    }
    if (ts.isBindingElement(node)) {
      const key = bindingName(node);
      if (key !== undefined && !REACHING_NAMES.has(key) && !wanted(key)) return undefined;
      const name = wantedIn(values.valueOfDeclaration(node), wanted);
      const container = node.parent.parent;
      const source = ts.isVariableDeclaration(container) && container.initializer ? values.evaluate(container.initializer) : ts.isBindingElement(container) ? values.valueOfDeclaration(container) : undefined;
      return name && !(source && wantedIn(source, wanted)) ? name : undefined;
    }
    return undefined;
  };
  for (const source of analysis.sources) ts.forEachChild(source.ast, visit(source));
  return found;
}
