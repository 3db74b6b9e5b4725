import "server-only";

/**
 * The page a revoked, expired, forged or already opened display link shows: self-contained, no script, styled
 * inline (the CSP allows inline styles), and nothing from the request in it.
 */
export function invalidDisplayLinkPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>Display link not valid · Fleet Live</title>
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
<p>This display link is not valid any more: it was revoked, it expired, or a screen has opened it already (a link opens once). Ask an administrator for a new link.</p>
</main>
</body>
</html>
`;
}
