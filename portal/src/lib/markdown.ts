import MarkdownIt from "markdown-it";

/**
 * Markdown from the API (rights articles) to HTML. Raw HTML is not allowed (html: false escapes
 * it) and markdown-it refuses javascript: and similar links, so the output is safe to inline.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** Rights articles link to "/<locale>/services/?category=<code>": the static page of that category. */
const CATEGORY_QUERY_LINK = /^\/([a-z]{2,3})\/services\/\?category=([a-z0-9_.]+)$/;

const defaultLinkOpen =
  markdown.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index]!;
  const href = String(token.attrGet("href") ?? "");
  const match = CATEGORY_QUERY_LINK.exec(href);
  if (match) token.attrSet("href", `/${match[1]}/services/category/${match[2]}/`);
  else if (/^https?:\/\//.test(href)) token.attrSet("rel", "noopener noreferrer");
  return defaultLinkOpen(tokens, index, options, env, self);
};

export function renderMarkdown(source: string): string {
  return markdown.render(source);
}

/** Plain text of a Markdown snippet (for meta descriptions and the search index). */
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
