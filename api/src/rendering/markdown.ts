import MarkdownIt from "markdown-it";
import { LINK_SCHEMES } from "@start/db/rules";
import sanitizeHtml from "sanitize-html";

/**
 * START's one safe Markdown renderer (rights articles, and anything else editors write in
 * Markdown). Bodies are stored as written; they are made safe here, when rendered: markdown-it
 * with raw HTML off, then sanitize-html with a short allowlist — headings, paragraphs, lists,
 * emphasis, quotes, code, tables, links — and links only to http, https, mailto and tel (never
 * javascript:, data: or images, which would load third-party content). Exported as
 * `@start/api/markdown` for the portal's pages; the editor's preview asks the API for it.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

/** Rights articles link to "/<locale>/services/?category=<code>": the portal's static page of that category. */
const CATEGORY_QUERY_LINK = /^\/([a-z]{2,3})\/services\/\?category=([a-z0-9_.]+)$/;

function linkTarget(href: string | undefined): string | undefined {
  const match = href === undefined ? null : CATEGORY_QUERY_LINK.exec(href);
  return match ? `/${match[1]}/services/category/${match[2]}/` : href;
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "ul", "ol", "li", "strong", "em", "b", "i", "blockquote",
    "code", "pre", "a", "table", "thead", "tbody", "tr", "th", "td", "del", "sup", "sub",
  ],
  allowedAttributes: { a: ["href", "title"], ol: ["start"], th: ["align"], td: ["align"] },
  allowedSchemes: [...LINK_SCHEMES],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  // A level-1 heading is the page's title: headings inside a body start at level 2.
  transformTags: {
    h1: "h2",
    a: (tagName, attribs) => {
      const href = linkTarget(attribs.href);
      return { tagName, attribs: { ...attribs, ...(href === undefined ? {} : { href }), rel: "noopener noreferrer" } };
    },
  },
  disallowedTagsMode: "discard",
};
SANITIZE.allowedAttributes = { ...(SANITIZE.allowedAttributes as Record<string, string[]>), a: ["href", "title", "rel"] };

export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), SANITIZE);
}
