import type { ComponentChildren, JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiProblem, NetworkProblem } from "./api.js";
import { useEditor } from "./context.js";

/** Small shared pieces of the editor's pages. */

let focusNextTitle = false;

/** After a route change: the next page title to appear takes the focus (pages may load before they have one). */
export function focusTitleWhenReady(): void {
  focusNextTitle = true;
  const heading = document.querySelector<HTMLElement>("main h1");
  if (heading && !heading.closest(".editor-loading")) {
    // The page was there at once.
    requestAnimationFrame(() => {
      if (focusNextTitle && document.contains(heading)) {
        focusNextTitle = false;
        heading.focus();
      }
    });
  }
}

/** A page's heading: the browser tab's title follows it, and it takes the focus after a route change. */
export function PageTitle({ children, subtitle }: { children: ComponentChildren; subtitle?: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const heading = ref.current;
    if (!heading) return;
    const suffix = document.querySelector(".editor-header-title")?.textContent ?? "";
    document.title = [heading.textContent ?? "", suffix, "START"].filter(Boolean).join(" – ");
    if (focusNextTitle) {
      focusNextTitle = false;
      heading.focus();
    }
  });
  return (
    <header class="page-title">
      <h1 tabIndex={-1} ref={ref}>
        {children}
      </h1>
      {subtitle ? <p class="subtitle">{subtitle}</p> : null}
    </header>
  );
}

export function Notice(props: { kind?: "info" | "warning" | "danger" | "success"; children: ComponentChildren; role?: "alert" | "status"; class?: string }) {
  const kind = props.kind && props.kind !== "info" ? `notice-${props.kind}` : "";
  return (
    <div class={`notice ${kind} ${props.class ?? ""}`} role={props.role}>
      <div class="notice-body">{props.children}</div>
    </div>
  );
}

export function Loading() {
  const { i18n } = useEditor();
  return (
    <p class="editor-loading" role="status">
      {i18n.t("common.loading")}
    </p>
  );
}

/** A message for an error that is not about one field (network, permission, state…). */
/**
 * What went wrong, in the editor's language. Bad input is told by its fields' own messages (the
 * API's general message lists raw field paths such as "password"): those the form shows next to
 * their field (`shownFields`) are only pointed to, the others are said here.
 */
export function problemMessage(error: unknown, t: (key: string) => string, shownFields: readonly string[] = []): string {
  if (error instanceof ApiProblem) {
    if (error.code === "FORBIDDEN") return t("editor.errors.forbidden");
    if (error.code === "NOT_FOUND") return t("editor.errors.notFound");
    if (error.fields.length > 0) {
      const elsewhere = error.fields.filter((field) => !shownFields.includes(field.path));
      const pointer = elsewhere.length < error.fields.length ? [t("editor.errors.checkFields")] : [];
      return [...pointer, ...new Set(elsewhere.map((field) => field.message))].join(" ");
    }
    return error.message;
  }
  if (error instanceof NetworkProblem) return error.message;
  return t("editor.errors.saveFailed");
}

export function ProblemNotice({ error, retry }: { error: unknown; retry?: () => void }) {
  const { i18n } = useEditor();
  return (
    <Notice kind="danger" role="alert">
      <p>{problemMessage(error, i18n.t)}</p>
      {retry ? (
        <button type="button" class="button-secondary" onClick={retry}>
          {i18n.t("common.retry")}
        </button>
      ) : null}
    </Notice>
  );
}

/** A button that runs an async action, disabled (and saying so) while it runs. */
export function ActionButton(props: {
  onAction: () => Promise<unknown> | void;
  children: ComponentChildren;
  kind?: "primary" | "secondary" | "danger";
  type?: "button" | "submit";
  disabled?: boolean;
  name?: string;
  describedBy?: string;
}) {
  const [busy, setBusy] = useState(false);
  const className = props.kind === "secondary" ? "button-secondary" : props.kind === "danger" ? "button-danger" : "";
  const run = async (event: JSX.TargetedMouseEvent<HTMLButtonElement>) => {
    if (props.type === "submit") return;
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await props.onAction();
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type={props.type ?? "button"}
      class={className}
      onClick={run}
      disabled={props.disabled}
      aria-disabled={busy ? "true" : undefined}
      data-action={props.name}
      aria-describedby={props.describedBy}
    >
      {props.children}
    </button>
  );
}

export function Badge({ kind, children }: { kind?: "warning" | "danger" | "success" | "state"; children: ComponentChildren }) {
  return <span class={`badge ${kind ? `badge-${kind}` : ""}`}>{children}</span>;
}

/** The label of a record's publication state, as a badge. */
export function StateBadge({ state, archived }: { state: string; archived?: boolean }) {
  const { i18n } = useEditor();
  const value = archived ? "ARCHIVED" : state;
  const kind = value === "PUBLISHED" ? "success" : value === "REJECTED" || value === "ARCHIVED" ? "danger" : value === "IN_REVIEW" ? "warning" : "state";
  return <Badge kind={kind}>{i18n.enumLabel("publicationState", value)}</Badge>;
}

export function Text({ value }: { value: { text: string; locale: string } | null | undefined }) {
  const { i18n } = useEditor();
  if (!value) return null;
  if (value.locale === i18n.locale) return <>{value.text}</>;
  return (
    <span lang={value.locale} dir={value.locale === "ar" ? "rtl" : "ltr"}>
      {value.text}
    </span>
  );
}

/** A record's name or title for headings: in the editor's language if it has one, else the first language that does. */
export function RecordName({ texts, field, fallback }: { texts: Record<string, Record<string, unknown> | undefined>; field: string; fallback: string }) {
  const { i18n, locales } = useEditor();
  const order = [i18n.locale, ...locales.filter((locale) => locale !== i18n.locale)];
  const locale = order.find((candidate) => String(texts[candidate]?.[field] ?? "").trim());
  if (!locale) return <>{fallback}</>;
  return <Text value={{ text: String(texts[locale]![field]), locale }} />;
}
