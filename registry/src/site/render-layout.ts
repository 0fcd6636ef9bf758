import { escapeHtml } from "./escape-html.ts";
import { contentSecurityPolicy, SITE_CSS } from "./site-assets.ts";

/** Wraps page content in the shared document: landmarks, skip link, inline CSS (and script), CSP. */
export function renderLayout(page: { title: string; header: string; main: string; footer: string; script?: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(page.script))}">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${escapeHtml(page.title)}</title>
<style>${SITE_CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>
${page.header}
</header>
<main id="main" tabindex="-1">
${page.main}
</main>
<footer class="muted">
${page.footer}
</footer>
${page.script ? `<script>${page.script}</script>\n` : ""}</body>
</html>
`;
}
