import "server-only";
import { localeDir, type Locale } from "@/lib/i18n/locales";
import { wall } from "@/lib/i18n/messages/wall";

const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The page a revoked, expired, forged or already opened display link shows: self-contained, no script, styled
 * inline (the CSP allows inline styles), and nothing from the request in it but its language.
 */
export function invalidDisplayLinkPage(locale: Locale): string {
  const text = wall[locale];
  return `<!doctype html>
<html lang="${locale}" dir="${localeDir(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>${escape(text.invalidLinkTitle)}</title>
<style>
body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; font-family: ui-sans-serif, system-ui, sans-serif; }
main { max-width: 32rem; padding: 2rem; }
h1 { font-size: 1.5rem; margin: 0 0 0.75rem; }
p { font-size: 1.125rem; line-height: 1.5; margin: 0; }
</style>
</head>
<body>
<main>
<h1>Fleet Live</h1>
<p>${escape(text.invalidLinkText)}</p>
</main>
</body>
</html>
`;
}
