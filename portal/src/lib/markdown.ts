/**
 * Plain text of a Markdown snippet (for meta descriptions, feeds and the search index). Markdown
 * is rendered to HTML by START's one safe renderer only: `renderMarkdown` from `@start/api/markdown`.
 */
export function plainText(source: string, max = 200): string {
  const text = source
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, "")
    .replace(/^-{3,}$/gm, "")
    .replace(/[#*_>`~|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;
}
