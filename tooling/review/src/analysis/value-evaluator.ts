import ts from "typescript";
import type { ParsedSource } from "../types.ts";
import { indexAssignments, type Assignment } from "./assignment-index.ts";
import { foldArrayMethod, foldStringMethod } from "./fold-string-method.ts";
import { createIntrinsicCalls } from "./intrinsic-calls.ts";
import { GLOBAL_OBJECT, GLOBAL_OBJECT_NAMES } from "./intrinsics.ts";
import { memberOf } from "./member-of.ts";
import type { ReviewProgram } from "./review-program.ts";
import { alternatives, choiceOf, exactString, HOLE, knownString, mapChoices, originsOf, partialString, stringify, unknownValue, type FunctionFlavor, type StringPart, type Value } from "./value.ts";

/** Values bound to a function's parameters while the evaluator follows a call into it. */
export type Environment = ReadonlyMap<ts.Node, Value>;

const MAX_DEPTH = 48;
const NUMERIC: Partial<Record<ts.SyntaxKind, (a: number, b: number) => number>> = {
  [ts.SyntaxKind.MinusToken]: (a, b) => a - b,
  [ts.SyntaxKind.AsteriskToken]: (a, b) => a * b,
  [ts.SyntaxKind.SlashToken]: (a, b) => a / b,
  [ts.SyntaxKind.PercentToken]: (a, b) => a % b,
  [ts.SyntaxKind.CaretToken]: (a, b) => a ^ b,
  [ts.SyntaxKind.BarToken]: (a, b) => a | b,
  [ts.SyntaxKind.AmpersandToken]: (a, b) => a & b,
  [ts.SyntaxKind.LessThanLessThanToken]: (a, b) => a << b,
  [ts.SyntaxKind.GreaterThanGreaterThanToken]: (a, b) => a >> b,
};

function flavorOf(node: ts.FunctionLikeDeclaration): FunctionFlavor {
  const isAsync = node.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword) ?? false;
  const isGenerator = Boolean(node.asteriskToken);
  return isAsync ? (isGenerator ? "async-generator" : "async") : isGenerator ? "generator" : "plain";
}

function isTopLevel(node: ts.Node): boolean {
  for (let at = node.parent; at; at = at.parent) {
    if (ts.isFunctionLike(at) && !ts.isArrowFunction(at)) return false;
    if (ts.isClassLike(at)) return false;
  }
  return true;
}

function moduleOfImport(node: ts.Node): string | undefined {
  for (let at: ts.Node | undefined = node; at; at = at.parent) {
    if (ts.isImportDeclaration(at) && ts.isStringLiteralLike(at.moduleSpecifier)) return at.moduleSpecifier.text;
    if (ts.isImportEqualsDeclaration(at) && ts.isExternalModuleReference(at.moduleReference) && ts.isStringLiteralLike(at.moduleReference.expression)) return at.moduleReference.expression.text;
  }
  return undefined;
}

function importValue(declaration: ts.Node): Value {
  const module = moduleOfImport(declaration) ?? "?";
  if (ts.isImportSpecifier(declaration)) return { kind: "import", module, path: [(declaration.propertyName ?? declaration.name).text] };
  if (ts.isImportClause(declaration)) return { kind: "import", module, path: ["default"] };
  return { kind: "import", module, path: [] };
}

/**
 * Evaluates connector expressions abstractly (see {@link Value}): constant strings and numbers are
 * folded through concatenation, templates, string/array methods, char codes and decoders; identifiers
 * are followed to their declarations across the package's files (and to every later assignment);
 * calls into the connector's own functions are followed with their arguments bound; `.constructor`,
 * `__proto__`, `Object.getPrototypeOf`, `Reflect.get` and destructuring are followed to intrinsics.
 * Nothing runs: unknown data (config, events, parameters) stays a hole.
 */
export class ValueEvaluator {
  readonly #program: ReviewProgram;
  readonly #sources: readonly ParsedSource[];
  readonly #memo = new Map<ts.Node, Value>();
  readonly #active = new Set<ts.Node>();
  #assignments: Map<ts.Node, Assignment[]> | undefined;
  #depth = 0;
  readonly #intrinsicCalls = createIntrinsicCalls((callee, args) => this.apply(callee, args));

  constructor(program: ReviewProgram, sources: readonly ParsedSource[]) {
    this.#program = program;
    this.#sources = sources;
  }

  /** What `node` may evaluate to (parameters bound from `env` when following a call). */
  evaluate(node: ts.Node, env?: Environment): Value {
    const memo = env === undefined ? this.#memo.get(node) : undefined;
    if (memo) return memo;
    if (this.#active.has(node) || this.#depth > MAX_DEPTH) return unknownValue();
    this.#active.add(node);
    this.#depth++;
    try {
      const value = this.#compute(node, env);
      if (env === undefined) this.#memo.set(node, value);
      return value;
    } finally {
      this.#depth--;
      this.#active.delete(node);
    }
  }

  /** The value of a declaration (variable, binding element, parameter, function, import). */
  valueOfDeclaration(declaration: ts.Node, env?: Environment): Value {
    if (ts.isVariableDeclaration(declaration)) return ts.isIdentifier(declaration.name) ? this.#variable(declaration, env) : unknownValue();
    if (ts.isBindingElement(declaration)) return this.#bindingElement(declaration, env);
    if (ts.isParameter(declaration)) return env?.get(declaration) ?? (declaration.initializer ? choiceOf([unknownValue(["a parameter"]), this.evaluate(declaration.initializer, env)]) : unknownValue(["a parameter"]));
    if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration) || ts.isFunctionExpression(declaration) || ts.isArrowFunction(declaration)) return { kind: "function", flavor: flavorOf(declaration), node: declaration };
    if (ts.isClassDeclaration(declaration) || ts.isClassExpression(declaration)) return { kind: "function", flavor: "plain", node: declaration };
    if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration) || ts.isImportEqualsDeclaration(declaration)) return importValue(declaration);
    if (ts.isExportAssignment(declaration)) return this.evaluate(declaration.expression, env);
    if (ts.isPropertyAssignment(declaration)) return this.evaluate(declaration.initializer, env);
    if (ts.isShorthandPropertyAssignment(declaration)) return this.evaluate(declaration.name, env);
    return unknownValue();
  }

  /** True when calling this intrinsic gives a value the review computes (`Reflect.get`, `String.fromCharCode`, ...). */
  computesCall(name: string): boolean {
    return name in this.#intrinsicCalls || name === "require";
  }

  /** Calls a value with arguments: intrinsics the review computes, and the connector's own functions. */
  apply(callee: Value, args: readonly Value[]): Value {
    return mapChoices(callee, (value) => {
      if (value.kind === "intrinsic") return this.#intrinsicCalls[value.name]?.(args) ?? unknownValue();
      if (value.kind === "function" && value.node && ts.isFunctionLike(value.node)) return this.#returnValue(value.node as ts.FunctionLikeDeclaration, args);
      return unknownValue();
    });
  }

  /** `new callee(...args)`: `URL` and `String` are computed; everything else is unknown. */
  construct(callee: Value, args: readonly Value[]): Value {
    return mapChoices(callee, (value) => {
      if (value.kind === "intrinsic" && value.name === "URL") return urlValue(args[0], args[1]);
      if (value.kind === "intrinsic" && value.name === "String") return args[0] ? stringify(args[0]) : knownString("");
      return unknownValue();
    });
  }

  /** The property name of an access (`a.b` → "b", `a[k]` → k's value when known). */
  keyOf(node: ts.PropertyAccessExpression | ts.ElementAccessExpression, env?: Environment): string | undefined {
    if (ts.isPropertyAccessExpression(node)) return node.name.text;
    return exactString(this.evaluate(node.argumentExpression, env));
  }

  #compute(node: ts.Node, env: Environment | undefined): Value {
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node) || ts.isAwaitExpression(node)) return this.evaluate(node.expression, env);
    if (ts.isStringLiteralLike(node)) return knownString(node.text);
    if (ts.isNumericLiteral(node)) return { kind: "number", value: Number(node.text) };
    if (ts.isTemplateExpression(node)) return this.#template(node, env);
    if (ts.isIdentifier(node)) return this.#identifier(node, env);
    if (node.kind === ts.SyntaxKind.ThisKeyword) return isTopLevel(node) ? { kind: "intrinsic", name: GLOBAL_OBJECT } : unknownValue();
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return memberOf(this.evaluate(node.expression, env), this.keyOf(node, env));
    if (ts.isCallExpression(node)) return this.#call(node, env);
    if (ts.isNewExpression(node)) return this.construct(this.evaluate(node.expression, env), this.#arguments(node.arguments ?? [], env));
    if (ts.isBinaryExpression(node)) return this.#binary(node, env);
    if (ts.isConditionalExpression(node)) return choiceOf([this.evaluate(node.whenTrue, env), this.evaluate(node.whenFalse, env)]);
    if (ts.isFunctionExpression(node) || ts.isArrowFunction(node)) return { kind: "function", flavor: flavorOf(node), node };
    if (ts.isClassExpression(node)) return { kind: "function", flavor: "plain", node };
    if (ts.isArrayLiteralExpression(node)) return { kind: "array", elements: this.#arguments(node.elements, env) };
    if (ts.isObjectLiteralExpression(node)) return this.#object(node, env);
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
      const operand = this.evaluate(node.operand, env);
      return operand.kind === "number" ? { kind: "number", value: -operand.value } : unknownValue();
    }
    return unknownValue();
  }

  #identifier(node: ts.Identifier, env: Environment | undefined): Value {
    const declaration = this.#program.resolve(node);
    if (declaration === "global") {
      if (node.text === "undefined") return unknownValue();
      if (node.text === "NaN" || node.text === "Infinity") return { kind: "number", value: Number(node.text) };
      return { kind: "intrinsic", name: GLOBAL_OBJECT_NAMES.has(node.text) ? GLOBAL_OBJECT : node.text };
    }
    return declaration ? this.valueOfDeclaration(declaration, env) : unknownValue();
  }

  #variable(declaration: ts.VariableDeclaration, env: Environment | undefined): Value {
    const list = declaration.parent;
    const initial = declaration.initializer ? this.evaluate(declaration.initializer, env) : this.#loopElement(declaration, env);
    if (ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const) return initial;
    this.#assignments ??= indexAssignments(this.#program, this.#sources);
    const later = (this.#assignments.get(declaration) ?? []).map((assignment) => (assignment.kind === "plain" ? this.evaluate(assignment.value, env) : unknownValue()));
    return choiceOf([initial, ...later]);
  }

  /** `for (const x of [...])`: x is one of the elements. */
  #loopElement(declaration: ts.VariableDeclaration, env: Environment | undefined): Value {
    const statement = declaration.parent.parent;
    if (!ts.isForOfStatement(statement)) return unknownValue();
    const iterable = this.evaluate(statement.expression, env);
    return iterable.kind === "array" ? choiceOf(iterable.elements) : unknownValue(originsOf(iterable));
  }

  #bindingElement(element: ts.BindingElement, env: Environment | undefined): Value {
    const pattern = element.parent;
    const container = pattern.parent;
    const source = ts.isBindingElement(container) ? this.#bindingElement(container, env) : ts.isVariableDeclaration(container) ? (container.initializer ? this.evaluate(container.initializer, env) : this.#loopElement(container, env)) : ts.isParameter(container) ? this.valueOfDeclaration(container, env) : unknownValue();
    let key: string | undefined;
    if (ts.isArrayBindingPattern(pattern)) key = String(pattern.elements.indexOf(element));
    else if (element.dotDotDotToken) return unknownValue(originsOf(source));
    else if (!element.propertyName) key = ts.isIdentifier(element.name) ? element.name.text : undefined;
    else if (ts.isComputedPropertyName(element.propertyName)) key = exactString(this.evaluate(element.propertyName.expression, env));
    else key = (element.propertyName as ts.Identifier | ts.StringLiteral).text;
    const value = memberOf(source, key);
    return element.initializer && value.kind === "unknown" ? choiceOf([value, this.evaluate(element.initializer, env)]) : value;
  }

  #arguments(nodes: readonly ts.Expression[], env: Environment | undefined): Value[] {
    return nodes.flatMap((node) => {
      if (!ts.isSpreadElement(node)) return [this.evaluate(node, env)];
      const spread = this.evaluate(node.expression, env);
      const text = exactString(spread);
      return spread.kind === "array" ? [...spread.elements] : text !== undefined ? [...text].map((char) => knownString(char)) : [unknownValue(originsOf(spread))];
    });
  }

  #call(node: ts.CallExpression, env: Environment | undefined): Value {
    if (node.expression.kind === ts.SyntaxKind.ImportKeyword) return unknownValue();
    const callee = skipOuter(node.expression);
    const args = this.#arguments(node.arguments, env);
    if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) {
      const method = this.keyOf(callee, env);
      const receiver = this.evaluate(callee.expression, env);
      const folded = method === undefined ? undefined : this.#method(receiver, method, args);
      if (folded) return folded;
    }
    const target = this.evaluate(callee, env);
    if (alternatives(target).some((value) => value.kind === "intrinsic" && value.name === "require")) {
      const specifier = args[0] && exactString(args[0]);
      return specifier === undefined ? unknownValue() : { kind: "import", module: specifier, path: [] };
    }
    return this.apply(target, args);
  }

  /** Method calls the review computes: string and array methods, callbacks, `.call` / `.apply` / `.bind`. */
  #method(receiver: Value, method: string, args: readonly Value[]): Value | undefined {
    if (receiver.kind === "string") return foldStringMethod(receiver, method, args);
    if (receiver.kind === "array") {
      if (method === "map" && args[0]) return { kind: "array", elements: receiver.elements.map((element, index) => this.apply(args[0]!, [element, { kind: "number", value: index }])) };
      if (method === "reduce" && args[0] && args.length >= 2) return receiver.elements.reduce((acc, element) => this.apply(args[0]!, [acc, element]), args[1]!);
      return foldArrayMethod(receiver, method, args);
    }
    const callable = receiver.kind === "function" || receiver.kind === "intrinsic";
    if (callable && method === "call") return this.apply(receiver, args.slice(1));
    if (callable && method === "apply") return this.apply(receiver, args[1]?.kind === "array" ? args[1].elements : []);
    if (callable && method === "bind") return receiver;
    if (method === "toString" && receiver.kind === "object" && receiver.properties.has("href")) return stringify(receiver);
    return undefined;
  }

  #returnValue(fn: ts.FunctionLikeDeclaration, args: readonly Value[]): Value {
    if (!fn.body) return unknownValue();
    const env = new Map<ts.Node, Value>();
    fn.parameters.forEach((parameter, index) => env.set(parameter, parameter.dotDotDotToken ? { kind: "array", elements: args.slice(index) } : (args[index] ?? unknownValue())));
    if (!ts.isBlock(fn.body)) return this.evaluate(fn.body, env);
    const returns: ts.Expression[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node)) return;
      if (ts.isReturnStatement(node) && node.expression) returns.push(node.expression);
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(fn.body, visit);
    return returns.length ? choiceOf(returns.map((expression) => this.evaluate(expression, env))) : unknownValue();
  }

  #template(node: ts.TemplateExpression, env: Environment | undefined): Value {
    const parts: StringPart[] = [node.head.text];
    const origins: string[] = [];
    for (const span of node.templateSpans) {
      const text = stringify(this.evaluate(span.expression, env));
      if (text.kind === "string") {
        parts.push(...text.parts);
        origins.push(...text.origins);
      } else parts.push(HOLE);
      parts.push(span.literal.text);
    }
    return partialString(parts, origins);
  }

  #binary(node: ts.BinaryExpression, env: Environment | undefined): Value {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.CommaToken || operator === ts.SyntaxKind.AmpersandAmpersandToken) return this.evaluate(node.right, env);
    if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken) return choiceOf([this.evaluate(node.left, env), this.evaluate(node.right, env)]);
    if (operator === ts.SyntaxKind.EqualsToken) return this.evaluate(node.right, env);
    const left = this.evaluate(node.left, env);
    const right = this.evaluate(node.right, env);
    if (operator === ts.SyntaxKind.PlusToken) {
      if (left.kind === "number" && right.kind === "number") return { kind: "number", value: left.value + right.value };
      if (alternatives(left).some((v) => v.kind === "string") || alternatives(right).some((v) => v.kind === "string")) return concatValues(left, right);
      return unknownValue([...originsOf(left), ...originsOf(right)]);
    }
    const numeric = NUMERIC[operator];
    return numeric && left.kind === "number" && right.kind === "number" ? { kind: "number", value: numeric(left.value, right.value) } : unknownValue();
  }

  #object(node: ts.ObjectLiteralExpression, env: Environment | undefined): Value {
    const properties = new Map<string, Value>();
    for (const property of node.properties) {
      if (ts.isSpreadAssignment(property)) {
        const spread = this.evaluate(property.expression, env);
        if (spread.kind === "object") for (const [key, value] of spread.properties) properties.set(key, value);
        continue;
      }
      const name = property.name;
      const key = !name ? undefined : ts.isComputedPropertyName(name) ? exactString(this.evaluate(name.expression, env)) : ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) ? name.text : undefined;
      if (key === undefined) continue;
      if (ts.isPropertyAssignment(property)) properties.set(key, this.evaluate(property.initializer, env));
      else if (ts.isShorthandPropertyAssignment(property)) properties.set(key, this.evaluate(property.name, env));
      else if (ts.isMethodDeclaration(property)) properties.set(key, { kind: "function", flavor: flavorOf(property), node: property });
    }
    return { kind: "object", properties, origins: [] };
  }
}

function skipOuter(node: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node) ? skipOuter(node.expression) : node;
}

function concatValues(left: Value, right: Value): Value {
  return mapChoices(left, (l) =>
    mapChoices(right, (r) => {
      const a = stringify(l);
      const b = stringify(r);
      const parts: StringPart[] = [...(a.kind === "string" ? a.parts : [HOLE]), ...(b.kind === "string" ? b.parts : [HOLE])];
      return partialString(parts, [...originsOf(a), ...originsOf(b)]);
    }),
  );
}

/** `new URL(input, base)` as an object whose `href` is the absolute URL, as far as it is known. */
function urlValue(input: Value | undefined, base: Value | undefined): Value {
  const text = input ? stringify(input) : partialString([HOLE]);
  const first = text.kind === "string" ? text.parts[0] : undefined;
  const absolute = typeof first === "string" && (/^[a-z][a-z0-9+.-]*:/i.test(first) || first.startsWith("//"));
  const href = absolute || !base ? text : concatValues(base, text);
  return { kind: "object", properties: new Map([["href", href], ["origin", href], ["toString", unknownValue()]]), origins: originsOf(href) };
}
