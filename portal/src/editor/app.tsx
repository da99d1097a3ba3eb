import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { createClient, type Request } from "./api.js";
import { AcceptInvitation, AccountPage, SignIn } from "./accounts.js";
import { AuditTrailPage } from "./audit.js";
import { Editor, type EditorContext, type Me, sessionOf, useEditor } from "./context.js";
import { Dashboard } from "./dashboard.js";
import { FeedbackPage } from "./feedback.js";
import type { I18n } from "./i18n.js";
import { LOGOUT, ME } from "./queries.js";
import { AlertEditor, AlertList } from "./records/alerts.js";
import { CategoryEditor, CategoryList } from "./records/categories.js";
import { OrganizationEditor, OrganizationList } from "./records/organizations.js";
import { PlaceEditor, PlaceList } from "./records/places.js";
import { RightsEditor, RightsList } from "./records/rights.js";
import { VacancyEditor } from "./records/vacancies.js";
import { References, useReferences } from "./references.js";
import { OrganizationReviewItem, ReviewItem, ReviewQueue } from "./review.js";
import { href, type Route, useRoute } from "./router.js";
import { ServiceEditor } from "./services/ServiceEditor.js";
import { OrganizationChooser } from "./records/common.js";
import { UsersPage } from "./users.js";
import { focusTitleWhenReady, Notice, PageTitle, ProblemNotice } from "./ui.js";

/**
 * The editor: who is signed in (the session cookie, asked through `me`), the navigation their roles
 * open, and the page the URL's fragment names. Focus moves to each new page's heading.
 */
export function App({ i18n, locales, view }: { i18n: I18n; locales: string[]; view: string }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [problem, setProblem] = useState<unknown>(null);
  const [expired, setExpired] = useState(false);
  const [message, setMessage] = useState("");
  const expire = useRef(() => undefined as void);
  expire.current = () => {
    setExpired(true);
    setMe(null);
  };
  const request: Request = useMemo(
    () => createClient({ locale: i18n.locale, networkMessage: i18n.t("errors.network"), onUnauthenticated: () => expire.current() }),
    [i18n],
  );
  const references = useMemo(() => new References(request), [request]);

  const loadMe = useCallback(() => {
    setProblem(null);
    request<{ me: Me | null }>(ME).then(
      (answer) => setMe(answer.me),
      (error: unknown) => setProblem(error),
    );
  }, [request]);

  useEffect(() => {
    if (view !== "invite") loadMe();
  }, [loadMe, view]);

  const announceTimer = useRef<number | null>(null);
  const announce = useCallback((text: string) => {
    setMessage(text);
    if (announceTimer.current !== null) window.clearTimeout(announceTimer.current);
    announceTimer.current = window.setTimeout(() => setMessage(""), 6000);
  }, []);

  const signedIn = (user: Me) => {
    setExpired(false);
    setMe(user);
  };

  const live = (
    <p class="live-message" role="status" aria-live="polite">
      {message}
    </p>
  );

  if (view === "invite") {
    return (
      <>
        {live}
        <AcceptInvitation i18n={i18n} request={request} />
      </>
    );
  }
  if (problem) {
    return (
      <EditorFrame>
        <PageTitle>{i18n.t("editor.common.title")}</PageTitle>
        <ProblemNotice error={problem} retry={loadMe} />
      </EditorFrame>
    );
  }
  if (me === undefined) return <Loading18n i18n={i18n} />;
  if (me === null) {
    return (
      <>
        {live}
        <SignIn i18n={i18n} request={request} expired={expired} onSignedIn={signedIn} />
      </>
    );
  }
  const context: EditorContext = {
    i18n,
    request,
    session: sessionOf(me),
    locales,
    references,
    announce,
    async signOut() {
      try {
        await request(LOGOUT);
      } finally {
        setExpired(false);
        setMe(null);
        announce(i18n.t("editor.signIn.signedOut"));
      }
    },
  };
  return (
    <Editor.Provider value={context}>
      {live}
      <Shell />
    </Editor.Provider>
  );
}

function Loading18n({ i18n }: { i18n: I18n }) {
  return (
    <p class="editor-loading" role="status">
      {i18n.t("common.loading")}
    </p>
  );
}

function EditorFrame({ children }: { children: ComponentChildren }) {
  return <div class="editor-app">{children}</div>;
}

interface NavItem {
  route: string;
  label: string;
}

function Shell() {
  const context = useEditor();
  const { i18n, session } = context;
  const route = useRoute();
  const t = i18n.t;
  const [menuOpen, setMenuOpen] = useState(false);

  // Focus and title follow the page (see PageTitle); the language links keep the page.
  useEffect(() => {
    focusTitleWhenReady();
    for (const link of document.querySelectorAll<HTMLAnchorElement>("a[data-editor-locale]")) link.hash = location.hash;
    window.scrollTo(0, 0);
    setMenuOpen(false);
  }, [route.join("/")]);

  const nav: NavItem[] = [{ route: "", label: t("editor.common.dashboard") }];
  if (session.isModerator) nav.push({ route: "review", label: t("editor.review.queue") });
  if (session.canEditServices || session.canEditVacancies) nav.push({ route: "feedback", label: t("editor.common.feedback") });
  if (session.isModerator) {
    nav.push(
      { route: "rights", label: t("editor.common.rights") },
      { route: "alerts", label: t("editor.common.alerts") },
      { route: "categories", label: t("editor.common.categories") },
      { route: "places", label: t("editor.common.places") },
    );
  }
  if (session.isAdmin) nav.push({ route: "organizations", label: t("editor.common.organizations") }, { route: "users", label: t("editor.common.users") });
  const section = route[0] ?? "";

  const currentLabel = nav.find((item) => item.route === section)?.label ?? (section === "account" ? t("editor.account.title") : "");
  const collapsible = nav.length > 3;
  return (
    <div class="editor-app">
      <div class="editor-toolbar">
        <nav class={`editor-nav ${collapsible ? "is-collapsible" : ""}`} aria-label={t("editor.app.navigation")}>
          {collapsible ? (
            <button
              type="button"
              class="button-secondary menu-toggle"
              aria-expanded={menuOpen ? "true" : "false"}
              aria-controls="editor-nav-list"
              onClick={() => setMenuOpen(!menuOpen)}
            >
              {currentLabel ? `${i18n.labelled(t("common.menu"))} ${currentLabel}` : t("common.menu")}
            </button>
          ) : null}
          <ul id="editor-nav-list" class={menuOpen ? "is-open" : undefined}>
            {nav.map((item) => (
              <li key={item.route}>
                <a href={href(...(item.route ? [item.route] : []))} aria-current={section === item.route ? "page" : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="editor-user">
          <a href={href("account")} aria-current={section === "account" ? "page" : undefined} class="editor-user-name">
            {session.me.displayName}
          </a>
          <button type="button" class="button-secondary button-small" data-action="sign-out" onClick={() => void context.signOut()}>
            {t("editor.signIn.signOut")}
          </button>
        </div>
      </div>
      <div class="editor-page">{page(route, context)}</div>
    </div>
  );
}

function NotFound() {
  const { i18n } = useEditor();
  return (
    <>
      <PageTitle>{i18n.t("editor.errors.notFound")}</PageTitle>
      <p>
        <a href={href()}>{i18n.t("editor.common.dashboard")}</a>
      </p>
    </>
  );
}

function Forbidden() {
  const { i18n } = useEditor();
  return (
    <>
      <PageTitle>{i18n.t("editor.errors.forbidden")}</PageTitle>
      <Notice kind="warning">
        <a href={href()}>{i18n.t("editor.common.dashboard")}</a>
      </Notice>
    </>
  );
}

function ServiceOrganizationChooser() {
  const { i18n, session, references } = useEditor();
  const data = useReferences(references);
  return (
    <OrganizationChooser
      kind="services"
      title={i18n.t("editor.service.new")}
      organizations={session.isModerator ? (data?.organizations ?? []) : session.serviceOrganizations}
    />
  );
}

/** The page a route names. */
function page(route: Route, context: EditorContext) {
  const { session } = context;
  const [section, first, second] = route;
  switch (section) {
    case undefined:
      return <Dashboard />;
    case "services":
      if (!session.canEditServices) return <Forbidden />;
      if (first === "new") {
        if (second) return <ServiceEditor key={`new-${second}`} id={null} organizationId={second} />;
        if (!session.isModerator && session.serviceOrganizations.length === 1) {
          return <ServiceEditor key="new" id={null} organizationId={session.serviceOrganizations[0]!.id} />;
        }
        return <ServiceOrganizationChooser />;
      }
      return first ? <ServiceEditor key={first} id={first} /> : <Dashboard />;
    case "vacancies":
      if (!session.canEditVacancies) return <Forbidden />;
      if (first === "new") {
        const organization = second ?? (session.vacancyOrganizations.length === 1 ? session.vacancyOrganizations[0]!.id : undefined);
        return <VacancyEditor key={`new-${organization ?? ""}`} id={null} organizationId={organization} />;
      }
      return first ? <VacancyEditor key={first} id={first} /> : <Dashboard />;
    case "review":
      if (!session.isModerator) return <Forbidden />;
      if (first === "organization" && second) return <OrganizationReviewItem key={`organization/${second}`} id={second} />;
      return first ? <ReviewItem key={first} id={first} /> : <ReviewQueue />;
    case "feedback":
      return <FeedbackPage />;
    case "rights":
      if (!session.isModerator) return <Forbidden />;
      return first ? <RightsEditor key={first} id={first === "new" ? null : first} /> : <RightsList />;
    case "alerts":
      if (!session.isModerator) return <Forbidden />;
      return first ? <AlertEditor key={first} id={first === "new" ? null : first} /> : <AlertList />;
    case "categories":
      if (!session.isModerator) return <Forbidden />;
      return first ? <CategoryEditor key={first} id={first === "new" ? null : first} /> : <CategoryList />;
    case "places":
      if (!session.isModerator) return <Forbidden />;
      return first ? <PlaceEditor key={first} id={first === "new" ? null : first} /> : <PlaceList />;
    case "organizations":
      // One organization's record: admins, moderators (who review its changes) and its own editors.
      if (first && first !== "new" && (session.isModerator || session.serviceOrganizations.some((organization) => organization.id === first))) {
        return <OrganizationEditor key={first} id={first} />;
      }
      if (!session.isAdmin) return <Forbidden />;
      return first ? <OrganizationEditor key={first} id={null} /> : <OrganizationList />;
    case "users":
      if (!session.isAdmin) return <Forbidden />;
      return <UsersPage />;
    case "audit":
      if (!session.isModerator || !first || !second) return <Forbidden />;
      return <AuditTrailPage key={`${first}/${second}`} entityType={first} entityId={second} />;
    case "account":
      return <AccountPage />;
    default:
      return <NotFound />;
  }
}
