const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A tiny page rendering `specUrl` with the ReDoc standalone bundle from `scriptUrl`. */
export function redocHtml(specUrl: string, scriptUrl: string, title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(title)}</title>
    <style>body { margin: 0; padding: 0; }</style>
  </head>
  <body>
    <redoc spec-url="${escapeHtml(specUrl)}"></redoc>
    <script src="${escapeHtml(scriptUrl)}"></script>
  </body>
</html>
`;
}
