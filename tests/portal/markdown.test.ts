import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@start/api/markdown";
import { repositoryRoot } from "../support/portal.js";

/**
 * The one Markdown renderer, as the portal's rights pages import it (`@start/api/markdown`, the
 * renderer behind the editor's preview too): hostile Markdown never becomes an image from another
 * origin, a script, an event handler or a javascript: link.
 */
describe("the Markdown renderer of the rights pages", () => {
  it("drops images, from another origin or inline, and keeps the text around them", () => {
    const html = renderMarkdown("Before ![tracker](https://other.example.net/p.png) after.\n\n![local](/og-image.png)\n\n![data](data:image/png;base64,AAAA)");
    expect(html).not.toMatch(/<img|other\.example\.net|og-image|data:/);
    expect(html).toContain("Before");
    expect(html).toContain("after.");
  });

  it("shows script payloads as text, never as markup", () => {
    const html = renderMarkdown(
      [
        "<script>window.__xss = 1</script>",
        '<img src="https://other.example.net/q.png" onerror="window.__xss = 2">',
        '<a href="https://example.org" onclick="window.__xss = 3">raw link</a>',
        "[click](javascript:window.__xss=4) [data](data:text/html,<script>alert(1)</script>) [vb](vbscript:msgbox)",
        "<iframe src=\"https://other.example.net\"></iframe>",
      ].join("\n\n"),
    );
    expect(html).not.toMatch(/<(script|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
    expect(html).not.toMatch(/href="(javascript|data|vbscript):/i);
    expect(html).toContain("&lt;script&gt;window.__xss = 1&lt;/script&gt;");
  });

  it("keeps the article's structure and safe links, and points category links at the static category page", () => {
    const html = renderMarkdown("# Title\n\n**Bold** and [UNHCR](https://www.unhcr.org/ly/) and [legal aid](/fr/services/?category=legal_aid) and [call](tel:+218911234567)");
    expect(html).toContain("<h2>Title</h2>");
    expect(html).toContain("<strong>Bold</strong>");
    expect(html).toContain('<a href="https://www.unhcr.org/ly/" rel="noopener noreferrer">UNHCR</a>');
    expect(html).toContain('<a href="/fr/services/category/legal_aid/" rel="noopener noreferrer">legal aid</a>');
    expect(html).toContain('<a href="tel:+218911234567" rel="noopener noreferrer">call</a>');
  });

  it("is the only Markdown renderer in the portal", () => {
    const portal = path.join(repositoryRoot, "portal/src");
    const sources = readdirSync(portal, { recursive: true, encoding: "utf8" }).filter((file) => /\.(ts|tsx|astro|mjs)$/.test(file));
    const renderers = sources.filter((file) => /from "markdown-it"|from "marked"|from "micromark"/.test(readFileSync(path.join(portal, file), "utf8")));
    expect(renderers).toEqual([]);
    const rightsPage = readFileSync(path.join(portal, "pages/[locale]/rights/[slug].astro"), "utf8");
    expect(rightsPage).toContain('import { renderMarkdown } from "@start/api/markdown";');
  });
});
