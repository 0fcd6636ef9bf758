import { posix } from "node:path";
import ts from "typescript";
import { runtimeSources } from "../../ast/finding-at.ts";
import { findingAt } from "../../ast/finding-at.ts";
import { walk } from "../../ast/walk.ts";
import type { ConnectorContext, Finding, ParsedSource } from "../../types.ts";

const RULE = "security/package-files";
const CODE_OR_JSON = /\.(?:[cm]?[jt]s|tsx|jsx|json)$/;
const URL_LIKE = /^[a-z][a-z0-9+.-]*:/i;

function finding(file: string, message: string, fix: string, line?: number): Finding {
  return { rule: RULE, category: "security", severity: "error", file, ...(line ? { line } : {}), message, fix };
}

/** The package path a manifest path names, or undefined when it leaves the package (`..`, absolute, a URL). */
function packagePath(path: string): string | undefined {
  if (path.startsWith("/") || path.startsWith("\\") || URL_LIKE.test(path) || path.includes("\0")) return undefined;
  const normal = posix.normalize(path.replace(/\\/g, "/"));
  return normal === ".." || normal.startsWith("../") || normal === "." ? undefined : normal.replace(/^\.\//, "");
}

function manifestPaths(ctx: ConnectorContext): Finding[] {
  const raw = (typeof ctx.manifestRaw === "object" && ctx.manifestRaw !== null ? ctx.manifestRaw : {}) as { main?: unknown; icon?: unknown };
  const manifest = { main: typeof raw.main === "string" ? raw.main : undefined, icon: typeof raw.icon === "string" ? raw.icon : undefined };
  const file = `${ctx.dir}/plugin.json`;
  const has = (path: string) => ctx.files.some((f) => f.file === `${ctx.dir}/${path}`);
  const found: Finding[] = [];
  if (manifest.main !== undefined) {
    const main = packagePath(manifest.main);
    if (!main) found.push(finding(file, `"main": "${manifest.main}" names a file outside the package`, 'point "main" at the package\'s own entry file, e.g. "index.ts"'));
    else if (!has(main)) found.push(finding(file, `"main": "${manifest.main}" is not a regular file of the package`, "add the file, or point main at the file that exports the hooks"));
  }
  if (manifest.icon !== undefined && !/^https:\/\//i.test(manifest.icon)) {
    const icon = packagePath(manifest.icon);
    if (!icon) found.push(finding(file, `"icon": "${manifest.icon}" names a file outside the package`, 'use an https:// URL or a file of the package, e.g. "logo.png"'));
  }
  return found;
}

function importAttributes(node: ts.ImportDeclaration | ts.ExportDeclaration): { key: string; value: string }[] {
  return (node.attributes?.elements ?? []).map((element) => ({ key: element.name.text, value: ts.isStringLiteralLike(element.value) ? element.value.text : element.value.getText() }));
}

function importFindings(ctx: ConnectorContext, source: ParsedSource): Finding[] {
  const found: Finding[] = [];
  const folder = posix.dirname(source.file);
  const check = (node: ts.Node, specifier: string, attributes: { key: string; value: string }[]) => {
    const at = (message: string, fix: string) => found.push(findingAt(source, node, RULE, "security", "error", message, fix));
    for (const attribute of attributes) {
      if (attribute.key !== "type" || attribute.value !== "json") at(`imports \`${specifier}\` with \`${attribute.key}: "${attribute.value}"\`: only \`type: "json"\` is allowed`, "import code or JSON only; read other data from config or attachments");
    }
    const target = posix.normalize(posix.join(folder, specifier));
    const extension = posix.extname(target);
    if (specifier.startsWith("/") || specifier.startsWith("file:")) at(`imports \`${specifier}\`, a path outside the package`, "import only the package's own files with relative paths");
    else if (!specifier.startsWith(".")) return;
    else if (target !== ctx.dir && !target.startsWith(`${ctx.dir}/`)) at(`imports \`${specifier}\`, which leaves the package`, "copy what you need into the package, or depend on a published package");
    else if (extension && !CODE_OR_JSON.test(target)) at(`imports \`${specifier}\`, a ${extension} file, as code or text`, "import code or JSON only; keep documents and data out of the bundle");
  };
  walk(source.ast, (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteralLike(node.moduleSpecifier)) {
      check(node, node.moduleSpecifier.text, importAttributes(node));
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require")) && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      const options = node.arguments[1];
      const withType = options && ts.isObjectLiteralExpression(options) ? options.getText(source.ast) : undefined;
      check(node, node.arguments[0].text, withType && !/type\s*:\s*["']json["']/.test(withType) ? [{ key: "with", value: withType }] : []);
    }
  });
  return found;
}

/**
 * Reviews what the package is made of, the way the bundler sees it: files the supply step refuses
 * (symlinks leaving the package, devices, over a cap), manifest paths (`main`, `icon`) outside the
 * package or missing, and imports that leave the package, name absolute paths, use import attributes
 * other than `type: "json"`, or pull in non-code files (Markdown, text, WebAssembly, native addons).
 */
export function checkPackageFiles(ctx: ConnectorContext): Finding[] {
  const refused = ctx.refusedFiles.map((refusal) => finding(refusal.file, refusal.message, refusal.fix));
  return [...refused, ...manifestPaths(ctx), ...runtimeSources(ctx.sources).flatMap((source) => importFindings(ctx, source))];
}
