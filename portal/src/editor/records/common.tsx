import type { ComponentChildren } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { type Session, useEditor } from "../context.js";
import { type RecordEditor, useRecordEditor } from "../editing.js";
import type { Publishes } from "../publishing.js";
import { PUBLISH_PROGRESS_FIELD } from "../queries.js";
import { href, navigate } from "../router.js";
import { ActionButton, Badge, Loading, PageTitle, ProblemNotice, StateBadge } from "../ui.js";

/**
 * The records edited as a whole (vacancies, rights articles, alerts, categories, places,
 * organizations) share one shape in the API — Editable<Type> { id version archived values … },
 * create<Type>(input), update<Type>(id, expectedVersion, input), publish/archive/restore<Type> —
 * and so one way of editing here.
 */
export interface ContentRecord<Values = unknown> extends Publishes {
  id: string;
  version: number;
  archived: boolean;
  state?: string;
  updatedAt: string;
  publishedAt?: string | null;
  closed?: boolean;
  organizationId?: string;
  values: Values;
}

/** A kind of record: `Form` is what its page edits, `Values` what its `values` selection answers (api/schema.graphql). */
export interface ContentKind<Form, Values> {
  /** The GraphQL type without "Editable" (Vacancy, RightsArticle, Alert, Category, Place, Organization). */
  type: string;
  /** The hash route of its pages. */
  route: string;
  /** Drafts and the audit trail name it so (vacancy, rights_article…). */
  entity: string;
  /** The selection of its values. */
  values: string;
  /** Whether it has a publication state (publish) — categories and places do not. */
  published: boolean;
  /** Where the public site shows one in `locale` (the portal's paths, lib/urls.ts), if it does. */
  publicPage?(values: Values, locale: string): string | null;
  /** The query that lists them, for those without an editable<Type>(id) query. */
  list?: string;
  /** editable<Type>(id) exists. */
  single?: boolean;
  /** More of the record to select (pending changes…). */
  extraFields?: string;
  /** Who may publish, archive and restore it (default: whoever opens it). */
  canManage?(session: Session): boolean;
  empty(locales: string[]): Form;
  toForm(values: Values, locales: string[]): Form;
  toInput(form: Form): Record<string, unknown>;
  /** Light checks before sending; `locale` is the language tab in use, where a "some language" error belongs. */
  check?(form: Form, t: (key: string, params?: Record<string, string | number>) => string, locale: string): Record<string, string>;
}

const extra = (kind: ContentKind<unknown, unknown>) => `${kind.published ? "state publishedAt" : ""} ${kind.type === "Vacancy" ? "closed organizationId" : ""}`;
export const selection = (kind: ContentKind<unknown, unknown>) => `id version archived updatedAt ${extra(kind)} ${kind.extraFields ?? ""} values { ${kind.values} }`;

/** The record's page on the public site in `locale`, while the public sees the record. */
export function publicPageOf<Values>(kind: ContentKind<unknown, Values>, record: ContentRecord<Values> | null, locale: string): string | null {
  if (!record || !kind.publicPage || record.archived || record.closed) return null;
  if (kind.published && record.state !== "PUBLISHED") return null;
  return kind.publicPage(record.values, locale);
}

export function listQuery(kind: ContentKind<unknown, unknown>): string {
  return `query List${kind.type}($includeArchived: Boolean!) { ${kind.list}(includeArchived: $includeArchived) { ${selection(kind)} } }`;
}

export function useContentEditor<Form, Values>(
  kind: ContentKind<Form, Values>,
  id: string | null,
  options: { organizationId?: string; onCreated?(record: ContentRecord<Values>): void; activeLocale?(): string } = {},
): RecordEditor<Form, ContentRecord<Values>> & { step(name: string): (version: number) => Promise<ContentRecord<Values>> } {
  const { request, locales, i18n } = useEditor();
  const fields = selection(kind as ContentKind<unknown, unknown>);
  // Mutations answer the publish job of a change the public will see.
  const answered = `${fields} ${PUBLISH_PROGRESS_FIELD}`;
  const spec = useMemo(
    () => ({
      kind: kind.entity,
      key: id ?? `new:${options.organizationId ?? ""}`,
      load: id
        ? async () => {
            if (kind.single) {
              const answer = await request<Record<string, ContentRecord<Values>>>(
                `query Editable${kind.type}($id: ID!) { editable${kind.type}(id: $id) { ${fields} } }`,
                { id },
              );
              return Object.values(answer)[0]!;
            }
            const answer = await request<Record<string, ContentRecord<Values>[]>>(listQuery(kind as ContentKind<unknown, unknown>), { includeArchived: true });
            const record = Object.values(answer)[0]!.find((item) => item.id === id);
            if (!record) throw new Error("not found");
            return record;
          }
        : null,
      empty: () => kind.empty(locales),
      formOf: (record: ContentRecord<Values>) => kind.toForm(record.values, locales),
      versionOf: (record: ContentRecord<Values>) => record.version,
      check: kind.check ? (form: Form) => kind.check!(form, i18n.t, options.activeLocale?.() ?? i18n.locale) : undefined,
      save: async (form: Form, version: number | null) => {
        const input = kind.toInput(form);
        if (version === null) {
          const organization = kind.type === "Vacancy" ? ", $organizationId: ID!" : "";
          const answer = await request<Record<string, ContentRecord<Values>>>(
            `mutation Create${kind.type}($input: ${kind.type}Input!${organization}) { create${kind.type}(input: $input${organization ? ", organizationId: $organizationId" : ""}) { ${answered} } }`,
            { input, organizationId: options.organizationId },
          );
          return Object.values(answer)[0]!;
        }
        const answer = await request<Record<string, ContentRecord<Values>>>(
          `mutation Update${kind.type}($id: ID!, $expectedVersion: Int!, $input: ${kind.type}Input!) { update${kind.type}(id: $id, expectedVersion: $expectedVersion, input: $input) { ${answered} } }`,
          { id, expectedVersion: version, input },
        );
        return Object.values(answer)[0]!;
      },
      onCreated: (record: ContentRecord<Values>) => {
        options.onCreated?.(record);
        history.replaceState(null, "", href(kind.route, record.id));
        window.dispatchEvent(new HashChangeEvent("hashchange"));
      },
    }),
    [kind, id, options.organizationId, request, locales, fields, answered, i18n.t],
  );
  const editor = useRecordEditor<Form, ContentRecord<Values>>(spec);
  const step = (name: string) => async (version: number) => {
    const answer = await request<Record<string, ContentRecord<Values>>>(
      `mutation Step($id: ID!, $expectedVersion: Int!) { ${name}${kind.type}(id: $id, expectedVersion: $expectedVersion) { ${answered} } }`,
      { id: editor.loaded!.id, expectedVersion: version },
    );
    return Object.values(answer)[0]!;
  };
  return { ...editor, step };
}

/** Publish / archive / restore (and the audit trail) for a content record. */
export function ContentActions<Form, Values>({
  kind,
  editor,
  children,
}: {
  kind: ContentKind<Form, Values>;
  editor: ReturnType<typeof useContentEditor<Form, Values>>;
  children?: ComponentChildren;
}) {
  const { i18n, session } = useEditor();
  const t = i18n.t;
  const record = editor.loaded;
  if (!record) return null;
  if (kind.canManage && !kind.canManage(session)) return <>{children}</>;
  return (
    <>
      {kind.published && !record.archived && record.state !== "PUBLISHED" ? (
        <ActionButton name="publish" kind="secondary" onAction={() => editor.act(editor.step("publish"), t("editor.review.approved"))}>
          {t("editor.common.publish")}
        </ActionButton>
      ) : null}
      {children}
      {record.archived ? (
        <ActionButton name="restore" kind="secondary" onAction={() => editor.act(editor.step("restore"), t("editor.common.restored"))}>
          {t("editor.common.restore")}
        </ActionButton>
      ) : (
        <ActionButton
          name="archive"
          kind="danger"
          onAction={() => (window.confirm(t("editor.common.confirmArchive")) ? editor.act(editor.step("archive"), t("editor.common.archived")) : undefined)}
        >
          {t("editor.common.archive")}
        </ActionButton>
      )}
    </>
  );
}

export function RecordBadges<Form, Values>({ kind, record }: { kind: ContentKind<Form, Values>; record: ContentRecord<Values> | null }) {
  const { i18n, session } = useEditor();
  if (!record) return null;
  const publicPage = publicPageOf(kind, record, i18n.locale);
  return (
    <>
      {kind.published ? (
        <StateBadge state={record.state ?? "DRAFT"} archived={record.archived} />
      ) : record.archived ? (
        <StateBadge state="ARCHIVED" archived />
      ) : null}
      {record.closed ? <Badge kind="danger">{i18n.t("editor.vacancy.closed")}</Badge> : null}
      <Badge>{i18n.t("editor.common.updatedOn", { date: i18n.formatDate(record.updatedAt) })}</Badge>
      {session.isModerator ? (
        <a class="badge-link" href={href("audit", kind.entity, record.id)}>
          {i18n.t("editor.audit.title")}
        </a>
      ) : null}
      {publicPage ? (
        <a class="badge-link" href={publicPage}>
          {i18n.t("editor.common.publicPage")}
        </a>
      ) : null}
    </>
  );
}

/** A list of records of one kind, archived ones on request, with a link to add one. */
export function ContentList<Form, Values>(props: {
  kind: ContentKind<Form, Values>;
  title: string;
  addLabel: string;
  nameOf(record: ContentRecord<Values>): string;
  detailOf?(record: ContentRecord<Values>): string;
  tree?: boolean;
}) {
  const { i18n, request } = useEditor();
  const t = i18n.t;
  const [records, setRecords] = useState<ContentRecord<Values>[] | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [archived, setArchived] = useState(false);
  const [query, setQuery] = useState("");
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    setRecords(null);
    request<Record<string, ContentRecord<Values>[]>>(listQuery(props.kind as ContentKind<unknown, unknown>), { includeArchived: archived }).then(
      (answer) => setRecords(Object.values(answer)[0]!),
      (error: unknown) => setProblem(error),
    );
  }, [request, archived, attempt, props.kind]);
  const words = query.trim().toLocaleLowerCase(i18n.locale);
  const shown = (records ?? [])
    .filter((record) => !words || props.nameOf(record).toLocaleLowerCase(i18n.locale).includes(words))
    .sort((a, b) => props.nameOf(a).localeCompare(props.nameOf(b), i18n.locale));
  return (
    <>
      <PageTitle>{props.title}</PageTitle>
      <div class="actions">
        <a class="button" href={href(props.kind.route, "new")} data-action="new">
          {props.addLabel}
        </a>
      </div>
      <div class="list-filters">
        <div class="field">
          <label for="record-search">{t("editor.lists.searchLabel")}</label>
          <input
            id="record-search"
            type="search"
            value={query}
            placeholder={t("editor.lists.searchPlaceholder")}
            onInput={(event) => setQuery((event.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <div class="field-check">
          <input id="record-archived" type="checkbox" checked={archived} onChange={(event) => setArchived((event.currentTarget as HTMLInputElement).checked)} />
          <label for="record-archived">{t("editor.lists.showArchived")}</label>
        </div>
      </div>
      {problem ? <ProblemNotice error={problem} retry={() => setAttempt((value) => value + 1)} /> : null}
      {!records && !problem ? <Loading /> : null}
      {records ? (
        <>
          <p class="muted" role="status">
            {t("editor.lists.items", { count: shown.length })}
          </p>
          <ul class="listing-cards">
            {shown.map((record) => (
              <li class="listing-card" key={record.id}>
                <h2 class="listing-title">
                  <a href={href(props.kind.route, record.id)}>{props.nameOf(record)}</a>
                </h2>
                {props.detailOf ? <p class="muted">{props.detailOf(record)}</p> : null}
                <div class="badges">
                  <RecordBadges kind={props.kind} record={record} />
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** A record's name in the editor's language, else the first it has. */
export function nameIn(texts: Array<{ locale: string } & Record<string, unknown>>, field: string, locale: string): string {
  const text = texts.find((entry) => entry.locale === locale && entry[field]) ?? texts.find((entry) => entry[field]);
  return text ? String(text[field]) : "";
}

/** Choosing the organization a new record belongs to. */
export function OrganizationChooser({ kind, title, organizations }: { kind: string; title: string; organizations: { id: string; name: { text: string } }[] }) {
  const { i18n } = useEditor();
  const [chosen, setChosen] = useState("");
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <form
        class="record-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (chosen) navigate(kind, "new", chosen);
        }}
      >
        <div class="field">
          <label for="new-record-organization">{i18n.t("editor.service.chooseOrganization")}</label>
          <select id="new-record-organization" value={chosen} required onChange={(event) => setChosen((event.currentTarget as HTMLSelectElement).value)}>
            <option value="">{i18n.t("editor.forms.chooseOne")}</option>
            {organizations.map((organization) => (
              <option value={organization.id} key={organization.id}>
                {organization.name.text}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{i18n.t("common.next")}</button>
      </form>
    </>
  );
}
