import { useEffect, useRef, useState } from "preact/hooks";
import { ApiProblem, type Request } from "./api.js";
import type { Me } from "./context.js";
import { useEditor } from "./context.js";
import type { I18n } from "./i18n.js";
import { ACCEPT_INVITATION, CHANGE_PASSWORD, INVITATION_STATUS, LOGIN } from "./queries.js";
import { PageTitle, problemMessage } from "./ui.js";

/**
 * Signing in, accepting an invitation (the token comes from the link's fragment and is removed
 * from the address bar at once), and changing one's password. Passwords are never kept anywhere
 * but in the form's own state.
 */

function useFocusHeading() {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

function fieldMessages(error: unknown): Record<string, string> {
  if (!(error instanceof ApiProblem)) return {};
  return Object.fromEntries(error.fields.map((field) => [field.path, field.message]));
}

function PasswordField(props: { id: string; label: string; value: string; onInput(value: string): void; autoComplete: string; hint?: string; error?: string }) {
  const described = [props.hint ? `${props.id}-hint` : "", props.error ? `${props.id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <span class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      <input
        id={props.id}
        name={props.id}
        type="password"
        required
        autoComplete={props.autoComplete}
        value={props.value}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={described}
        onInput={(event) => props.onInput((event.currentTarget as HTMLInputElement).value)}
        dir="ltr"
      />
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export function SignIn({ i18n, request, expired, onSignedIn }: { i18n: I18n; request: Request; expired: boolean; onSignedIn(me: Me): void }) {
  const t = i18n.t;
  const heading = useFocusHeading();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    document.title = `${t("editor.signIn.title")} – ${t("editor.common.title")} – START`;
  }, [t]);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);
  return (
    <div class="editor-app sign-in">
      <header class="page-title">
        <h1 tabIndex={-1} ref={heading}>
          {t("editor.signIn.title")}
        </h1>
      </header>
      {expired ? (
        <div class="notice notice-warning" role="status">
          <div class="notice-body">{t("editor.signIn.sessionExpired")}</div>
        </div>
      ) : null}
      {error ? (
        <div class="notice notice-danger" role="alert" tabIndex={-1} ref={errorRef} id="sign-in-error">
          <div class="notice-body">{error}</div>
        </div>
      ) : null}
      <form
        class="record-form sign-in-form"
        name="sign-in"
        onSubmit={async (event) => {
          event.preventDefault();
          if (busy) return;
          setBusy(true);
          setError(null);
          try {
            const answer = await request<{ login: { user: Me } }>(LOGIN, { email: email.trim(), password });
            setPassword("");
            onSignedIn(answer.login.user);
          } catch (problem) {
            setError(problemMessage(problem, t));
          } finally {
            setBusy(false);
          }
        }}
      >
        <div class="field">
          <label for="sign-in-email">{t("editor.signIn.email")}</label>
          <input
            id="sign-in-email"
            name="email"
            type="email"
            required
            autoComplete="username"
            inputMode="email"
            dir="ltr"
            value={email}
            aria-describedby={error ? "sign-in-error" : undefined}
            onInput={(event) => setEmail((event.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <PasswordField id="sign-in-password" label={t("editor.signIn.password")} value={password} onInput={setPassword} autoComplete="current-password" />
        <button type="submit" data-action="sign-in" aria-disabled={busy ? "true" : undefined}>
          {t("editor.signIn.submit")}
        </button>
      </form>
      <p class="muted">{t("editor.signIn.noAccount")}</p>
    </div>
  );
}

export function AcceptInvitation({ i18n, request }: { i18n: I18n; request: Request }) {
  const t = i18n.t;
  const heading = useFocusHeading();
  const [token] = useState(() => location.hash.replace(/^#/, ""));
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  // Whether the link can still be used, asked as the page opens: a used, expired, withdrawn or
  // unknown link says so at once instead of showing a form that cannot succeed. Should the check
  // itself fail (no connection, too many requests), the form shows and the API decides on submit.
  const [linkStatus, setLinkStatus] = useState<string>(token ? "CHECKING" : "USABLE");
  useEffect(() => {
    // The token has been read: keep it out of the history, the address bar and bookmarks.
    if (location.hash) history.replaceState(null, "", location.pathname);
    document.title = `${t("editor.signIn.acceptInvitation")} – START`;
  }, [t]);
  useEffect(() => {
    if (!token) return;
    let current = true;
    request<{ invitationStatus: string }>(INVITATION_STATUS, { token })
      .then((data) => current && setLinkStatus(data.invitationStatus))
      .catch(() => current && setLinkStatus("USABLE"));
    return () => {
      current = false;
    };
  }, [token, request]);
  const editorHome = location.pathname.replace(/invite\/?$/, "");
  if (token && linkStatus === "CHECKING") {
    return (
      <div class="editor-app">
        <header class="page-title">
          <h1 tabIndex={-1} ref={heading}>
            {t("editor.signIn.acceptInvitation")}
          </h1>
        </header>
        <p role="status" data-invitation-checking>
          {t("editor.invite.checking")}
        </p>
      </div>
    );
  }
  if (token && linkStatus !== "USABLE") {
    const key = { USED: "editor.invite.used", EXPIRED: "editor.invite.expired", WITHDRAWN: "editor.invite.withdrawn" }[linkStatus] ?? "editor.invite.unknown";
    return (
      <div class="editor-app">
        <header class="page-title">
          <h1 tabIndex={-1} ref={heading}>
            {t("editor.signIn.acceptInvitation")}
          </h1>
        </header>
        <div class="notice notice-warning" role="alert" data-invitation-status={linkStatus}>
          <div class="notice-body">{t(key)}</div>
        </div>
        <p>
          <a href={editorHome}>{t("editor.signIn.title")}</a>
        </p>
      </div>
    );
  }
  if (!token) {
    return (
      <div class="editor-app">
        <header class="page-title">
          <h1 tabIndex={-1} ref={heading}>
            {t("editor.signIn.acceptInvitation")}
          </h1>
        </header>
        <div class="notice notice-warning">
          <div class="notice-body">{t("editor.invite.noToken")}</div>
        </div>
        <p>
          <a href={editorHome}>{t("editor.signIn.title")}</a>
        </p>
      </div>
    );
  }
  if (done) {
    return (
      <div class="editor-app">
        <header class="page-title">
          <h1 tabIndex={-1} ref={heading}>
            {t("editor.invite.welcome")}
          </h1>
        </header>
        <p>
          <a class="button" href={editorHome}>
            {t("editor.invite.open")}
          </a>
        </p>
      </div>
    );
  }
  const mismatch = repeat !== "" && repeat !== password ? t("editor.invite.mismatch") : undefined;
  return (
    <div class="editor-app">
      <header class="page-title">
        <h1 tabIndex={-1} ref={heading}>
          {t("editor.signIn.acceptInvitation")}
        </h1>
      </header>
      <p>{t("editor.invite.intro")}</p>
      {error ? (
        <div class="notice notice-danger" role="alert">
          <div class="notice-body">{error}</div>
        </div>
      ) : null}
      <form
        class="record-form"
        name="accept-invitation"
        onSubmit={async (event) => {
          event.preventDefault();
          if (busy) return;
          if (password !== repeat) {
            setFields({ repeat: t("editor.invite.mismatch") });
            return;
          }
          setBusy(true);
          setError(null);
          setFields({});
          try {
            await request(ACCEPT_INVITATION, { token, displayName: name.trim(), password });
            setPassword("");
            setRepeat("");
            setDone(true);
            location.assign(editorHome);
          } catch (problem) {
            const messages = fieldMessages(problem);
            setFields(messages);
            setError(problemMessage(problem, t, ["displayName", "password"]));
          } finally {
            setBusy(false);
          }
        }}
      >
        <div class="field">
          <label for="invite-name">{t("editor.forms.displayName")}</label>
          <input
            id="invite-name"
            name="displayName"
            type="text"
            required
            autoComplete="name"
            value={name}
            aria-invalid={fields.displayName ? "true" : undefined}
            aria-describedby={fields.displayName ? "invite-name-error" : undefined}
            onInput={(event) => setName((event.currentTarget as HTMLInputElement).value)}
          />
          {fields.displayName ? (
            <p class="field-error" id="invite-name-error">
              {fields.displayName}
            </p>
          ) : null}
        </div>
        <PasswordField
          id="invite-password"
          label={t("editor.signIn.password")}
          value={password}
          onInput={setPassword}
          autoComplete="new-password"
          hint={t("editor.signIn.passwordRules")}
          error={fields.password}
        />
        <PasswordField
          id="invite-repeat"
          label={t("editor.invite.repeat")}
          value={repeat}
          onInput={setRepeat}
          autoComplete="new-password"
          error={fields.repeat ?? mismatch}
        />
        <button type="submit" aria-disabled={busy ? "true" : undefined}>
          {t("editor.invite.submit")}
        </button>
      </form>
    </div>
  );
}

export function AccountPage() {
  const { i18n, request, session, announce } = useEditor();
  const t = i18n.t;
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <PageTitle
        subtitle={
          <>
            {session.me.displayName} · <bdi dir="ltr">{session.me.email}</bdi>
          </>
        }
      >
        {t("editor.account.title")}
      </PageTitle>
      <ul class="plain-list">
        {session.me.roles.map((membership, index) => (
          <li key={index}>
            {i18n.enumLabel("role", membership.role)}
            {membership.organization ? ` · ${membership.organization.name.text}` : ""}
          </li>
        ))}
      </ul>
      <h2>{t("editor.account.changePassword")}</h2>
      {error ? (
        <div class="notice notice-danger" role="alert">
          <div class="notice-body">{error}</div>
        </div>
      ) : null}
      <form
        class="record-form"
        name="change-password"
        onSubmit={async (event) => {
          event.preventDefault();
          setError(null);
          setFields({});
          try {
            await request(CHANGE_PASSWORD, { currentPassword: current, newPassword: next });
            setCurrent("");
            setNext("");
            announce(t("editor.account.passwordChanged"));
          } catch (problem) {
            setFields(fieldMessages(problem));
            setError(problemMessage(problem, t, ["currentPassword", "newPassword"]));
          }
        }}
      >
        <PasswordField
          id="account-current"
          label={t("editor.account.currentPassword")}
          value={current}
          onInput={setCurrent}
          autoComplete="current-password"
          error={fields.currentPassword}
        />
        <PasswordField
          id="account-new"
          label={t("editor.account.newPassword")}
          value={next}
          onInput={setNext}
          autoComplete="new-password"
          hint={t("editor.signIn.passwordRules")}
          error={fields.newPassword}
        />
        <button type="submit">{t("editor.account.changePassword")}</button>
      </form>
    </>
  );
}
