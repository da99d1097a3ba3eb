import type { ComponentChildren } from "preact";
import { ConflictView, DraftNotice, ErrorSummary, LocaleTabs, localeOfPath, SaveStatus } from "./chrome.js";
import { useEditor } from "./context.js";
import type { RecordEditor } from "./editing.js";
import { PublishStatus } from "./publishing.js";
import { ActionButton, Loading, PageTitle, ProblemNotice } from "./ui.js";

/**
 * The frame of every record's page: title, the states and notices, the error summary, the
 * language tabs over the form, the form, its actions (Save first), and how the last change the
 * public will see goes out. While a conflict is open, the conflict view takes the form's place.
 */
export function RecordForm<Form, Loaded>(props: {
  editor: RecordEditor<Form, Loaded>;
  title: ComponentChildren;
  subtitle?: ComponentChildren;
  badges?: ComponentChildren;
  notices?: ComponentChildren;
  locale?: string;
  setLocale?(locale: string): void;
  children: ComponentChildren;
  actions?: ComponentChildren;
  saveLabel?: string;
  formName: string;
  after?: ComponentChildren;
  /** The record's page on the public site in the editor's language (lib/urls.ts), when the public sees it. */
  publicPage?: string | null;
}) {
  const { i18n, locales } = useEditor();
  const { editor } = props;
  if (editor.state === "loading") return <Loading />;
  if (editor.state === "failed") {
    return (
      <>
        <PageTitle>{props.title}</PageTitle>
        <ProblemNotice error={editor.loadError} retry={editor.reload} />
      </>
    );
  }
  const reveal = (path: string) => {
    const locale = localeOfPath(path, locales);
    if (locale && props.setLocale) props.setLocale(locale);
  };
  const formId = `${props.formName}-form`;
  return (
    <>
      <PageTitle subtitle={props.subtitle}>{props.title}</PageTitle>
      {props.badges ? <div class="badges record-badges">{props.badges}</div> : null}
      <DraftNotice editor={editor} />
      {props.notices}
      {editor.conflict ? (
        <ConflictView conflict={editor.conflict} onResolve={editor.resolveConflict} />
      ) : (
        <>
          <ErrorSummary status={editor.status} errors={editor.form.errors} reveal={reveal} values={editor.form.values} />
          {props.locale && props.setLocale ? (
            <LocaleTabs values={editor.form.values} active={props.locale} onChange={props.setLocale} controls={formId} />
          ) : null}
          <form
            id={formId}
            name={props.formName}
            class="record-form"
            noValidate
            role={props.locale ? "tabpanel" : undefined}
            aria-labelledby={props.locale ? `tab-${props.locale}` : undefined}
            onSubmit={(event) => {
              event.preventDefault();
              if (editor.status.kind !== "saving") void editor.save();
            }}
          >
            {props.children}
            <div class="form-actions">
              <button type="submit" data-action="save" aria-disabled={editor.status.kind === "saving" ? "true" : undefined}>
                {props.saveLabel ?? i18n.t("editor.common.save")}
              </button>
              {props.actions}
            </div>
            <SaveStatus status={editor.status} />
          </form>
        </>
      )}
      <PublishStatus progress={editor.publishing} publicPage={props.publicPage} />
      {props.after}
    </>
  );
}

export { ActionButton };
