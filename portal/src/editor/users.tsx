import { useEffect, useState } from "preact/hooks";
import { ApiProblem } from "./api.js";
import { type Me, type Membership, useEditor } from "./context.js";
import { DISABLE_USER, ENABLE_USER, INVITE_USER, REVOKE_INVITATION, SET_USER_ROLES, USERS } from "./queries.js";
import { ActionButton, Badge, Loading, Notice, PageTitle, ProblemNotice, problemMessage } from "./ui.js";

/** Admins: people, their roles, invitations. */
const ROLES = ["ORG_EDITOR", "MINISTRY_PUBLISHER", "MODERATOR", "ADMIN"] as const;
const needsOrganization = (role: string) => role === "ORG_EDITOR" || role === "MINISTRY_PUBLISHER";

interface User extends Me {
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
}

interface Invitation {
  id: string;
  email: string;
  role: string;
  organizationId: string | null;
  organization: { name: { text: string } } | null;
  status: string;
  createdAt: string;
  expiresAt: string;
}

const ORGANIZATION_NAMES = "query EditorOrganizations { editorOrganizations { id values { texts { locale name } } } }";

export function UsersPage() {
  const { i18n, request, announce, session, locales } = useEditor();
  const t = i18n.t;
  const [users, setUsers] = useState<User[] | null>(null);
  const [invitations, setInvitations] = useState<Invitation[]>([]);
  const [organizations, setOrganizations] = useState<{ id: string; name: string }[]>([]);
  const [problem, setProblem] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [invite, setInvite] = useState({ email: "", role: "ORG_EDITOR", organizationId: "", linkLocale: i18n.locale });
  const [inviteErrors, setInviteErrors] = useState<Record<string, string>>({});
  const [inviteProblem, setInviteProblem] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [roles, setRoles] = useState<Array<{ role: string; organizationId: string }>>([]);
  const [rowProblem, setRowProblem] = useState<Record<string, string>>({});

  useEffect(() => {
    Promise.all([
      request<{ users: User[]; invitations: Invitation[] }>(USERS),
      request<{ editorOrganizations: { id: string; values: { texts: { locale: string; name: string }[] } }[] }>(ORGANIZATION_NAMES),
    ]).then(
      ([answer, orgs]) => {
        setUsers(answer.users);
        setInvitations(answer.invitations);
        setOrganizations(
          orgs.editorOrganizations
            .map((organization) => ({
              id: organization.id,
              name: (organization.values.texts.find((text) => text.locale === i18n.locale) ?? organization.values.texts[0])?.name ?? organization.id,
            }))
            .sort((a, b) => a.name.localeCompare(b.name, i18n.locale)),
        );
      },
      (error: unknown) => setProblem(error),
    );
  }, [request, attempt, i18n.locale]);

  const organizationName = (id: string | null) => (id ? (organizations.find((organization) => organization.id === id)?.name ?? "") : "");
  const roleText = (membership: { role: string; organizationId: string | null }) =>
    `${i18n.enumLabel("role", membership.role)}${membership.organizationId ? ` · ${organizationName(membership.organizationId)}` : ""}`;

  const replaceUser = (user: User) => setUsers((current) => (current ?? []).map((item) => (item.id === user.id ? user : item)));
  const userAction = async (user: User, query: string, variables: Record<string, unknown>, done: string) => {
    setRowProblem(({ [user.id]: _gone, ...rest }) => rest);
    try {
      const answer = await request<Record<string, User>>(query, { userId: user.id, expectedVersion: user.version, ...variables });
      replaceUser(Object.values(answer)[0]!);
      announce(done);
      return true;
    } catch (error) {
      setRowProblem((current) => ({ ...current, [user.id]: problemMessage(error, t) }));
      if (error instanceof ApiProblem && error.code === "CONFLICT") setAttempt((value) => value + 1);
      return false;
    }
  };

  if (problem) {
    return (
      <>
        <PageTitle>{t("editor.common.users")}</PageTitle>
        <ProblemNotice error={problem} retry={() => setAttempt((value) => value + 1)} />
      </>
    );
  }
  if (!users) return <Loading />;

  const organizationSelect = (id: string, value: string, onChange: (value: string) => void, error?: string) => (
    <div class="field">
      <label for={id}>{t("editor.users.organization")}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">{t("editor.forms.chooseOne")}</option>
        {organizations.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.name}
          </option>
        ))}
      </select>
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );

  return (
    <>
      <PageTitle>{t("editor.common.users")}</PageTitle>

      <section aria-labelledby="invite-title">
        <h2 id="invite-title">{t("editor.users.invite")}</h2>
        {inviteProblem ? (
          <Notice kind="danger" role="alert">
            {inviteProblem}
          </Notice>
        ) : null}
        <form
          class="record-form"
          name="invite"
          onSubmit={async (event) => {
            event.preventDefault();
            setInviteProblem(null);
            setInviteErrors({});
            setLink(null);
            try {
              const answer = await request<{ inviteUser: { url: string; invitation: Invitation } }>(INVITE_USER, {
                email: invite.email.trim(),
                role: invite.role,
                organizationId: needsOrganization(invite.role) ? invite.organizationId || null : null,
                linkLocale: invite.linkLocale,
              });
              setLink(answer.inviteUser.url);
              setInvite({ ...invite, email: "" });
              setAttempt((value) => value + 1);
            } catch (error) {
              if (error instanceof ApiProblem) setInviteErrors(Object.fromEntries(error.fields.map((field) => [field.path, field.message])));
              setInviteProblem(problemMessage(error, t, ["email", "role", "organizationId", "linkLocale"]));
            }
          }}
        >
          <div class="field">
            <label for="invite-email">{t("editor.signIn.email")}</label>
            <input
              id="invite-email"
              type="email"
              dir="ltr"
              required
              value={invite.email}
              aria-invalid={inviteErrors.email ? "true" : undefined}
              aria-describedby={inviteErrors.email ? "invite-email-error" : undefined}
              onInput={(event) => setInvite({ ...invite, email: (event.currentTarget as HTMLInputElement).value })}
            />
            {inviteErrors.email ? (
              <p class="field-error" id="invite-email-error">
                {inviteErrors.email}
              </p>
            ) : null}
          </div>
          <div class="field">
            <label for="invite-role">{t("editor.users.role")}</label>
            <select id="invite-role" value={invite.role} onChange={(event) => setInvite({ ...invite, role: (event.currentTarget as HTMLSelectElement).value })}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {i18n.enumLabel("role", role)}
                </option>
              ))}
            </select>
          </div>
          {needsOrganization(invite.role)
            ? organizationSelect(
                "invite-organization",
                invite.organizationId,
                (value) => setInvite({ ...invite, organizationId: value }),
                inviteErrors.organizationId,
              )
            : null}
          <div class="field">
            <label for="invite-locale">{t("editor.users.linkLanguage")}</label>
            <select
              id="invite-locale"
              value={invite.linkLocale}
              onChange={(event) => setInvite({ ...invite, linkLocale: (event.currentTarget as HTMLSelectElement).value })}
            >
              {locales.map((locale) => (
                <option key={locale} value={locale}>
                  {i18n.languageName(locale)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t("editor.users.sendInvite")}</button>
        </form>
        {link ? (
          <Notice kind="success" role="status">
            <p>{t("editor.users.inviteCreated")}</p>
            <p>
              <label for="invite-link">{t("editor.users.inviteLink")}</label>
              <input
                id="invite-link"
                type="text"
                readOnly
                value={new URL(link, location.origin).href}
                dir="ltr"
                onFocus={(event) => (event.currentTarget as HTMLInputElement).select()}
              />
            </p>
            <button
              type="button"
              class="button-secondary"
              onClick={() =>
                navigator.clipboard?.writeText(new URL(link, location.origin).href).then(
                  () => announce(t("common.linkCopied")),
                  () => undefined,
                )
              }
            >
              {t("common.copyLink")}
            </button>
          </Notice>
        ) : null}
      </section>

      <section aria-labelledby="invitations-title">
        <h2 id="invitations-title">{t("editor.users.openInvitations")}</h2>
        {invitations.length === 0 ? <p class="muted">{t("editor.lists.empty")}</p> : null}
        <ul class="listing-cards">
          {invitations.map((invitation) => (
            <li class="listing-card" key={invitation.id}>
              <p>
                <bdi dir="ltr">{invitation.email}</bdi>
              </p>
              <p class="muted">
                {roleText(invitation)} · {t("editor.users.expires", { date: i18n.formatDate(invitation.expiresAt) })}
              </p>
              <ActionButton
                kind="secondary"
                onAction={async () => {
                  try {
                    await request(REVOKE_INVITATION, { id: invitation.id });
                    setInvitations((current) => current.filter((item) => item.id !== invitation.id));
                    announce(t("editor.users.revoked"));
                  } catch (error) {
                    setInviteProblem(problemMessage(error, t));
                  }
                }}
              >
                {t("editor.users.revoke")}
              </ActionButton>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="people-title">
        <h2 id="people-title">{t("editor.users.people")}</h2>
        <ul class="listing-cards">
          {users.map((user) => (
            <li class="listing-card" key={user.id} data-user={user.id}>
              <h3 class="listing-title">{user.displayName}</h3>
              <p class="muted">
                <bdi dir="ltr">{user.email}</bdi>
              </p>
              <div class="badges">
                {user.roles.map((membership, index) => (
                  <Badge key={index}>{roleText(membership as Membership)}</Badge>
                ))}
                {user.disabled ? <Badge kind="danger">{t("editor.users.disabled")}</Badge> : null}
                {user.lockedUntil && new Date(user.lockedUntil) > new Date() ? <Badge kind="warning">{t("editor.users.locked")}</Badge> : null}
              </div>
              {user.lastLoginAt ? <p class="muted">{t("editor.users.lastLogin", { date: i18n.formatDateTime(user.lastLoginAt) })}</p> : null}
              {editing === user.id ? (
                <form
                  class="roles-form"
                  onSubmit={async (event) => {
                    event.preventDefault();
                    const done = await userAction(
                      user,
                      SET_USER_ROLES,
                      { roles: roles.map((role) => ({ role: role.role, organizationId: needsOrganization(role.role) ? role.organizationId || null : null })) },
                      t("editor.common.saved"),
                    );
                    if (done) setEditing(null);
                  }}
                >
                  <fieldset>
                    <legend>{t("editor.users.roles")}</legend>
                    {roles.map((role, index) => (
                      <div class="list-row" role="group" aria-label={t("editor.users.roleNumber", { number: index + 1 })} key={index}>
                        <div class="field">
                          <label for={`role-${user.id}-${index}`}>{t("editor.users.role")}</label>
                          <select
                            id={`role-${user.id}-${index}`}
                            value={role.role}
                            onChange={(event) =>
                              setRoles(
                                roles.map((item, position) =>
                                  position === index ? { ...item, role: (event.currentTarget as HTMLSelectElement).value } : item,
                                ),
                              )
                            }
                          >
                            {ROLES.map((value) => (
                              <option key={value} value={value}>
                                {i18n.enumLabel("role", value)}
                              </option>
                            ))}
                          </select>
                        </div>
                        {needsOrganization(role.role)
                          ? organizationSelect(`role-org-${user.id}-${index}`, role.organizationId, (value) =>
                              setRoles(roles.map((item, position) => (position === index ? { ...item, organizationId: value } : item))),
                            )
                          : null}
                        <button type="button" class="button-secondary button-small" onClick={() => setRoles(roles.filter((_, position) => position !== index))}>
                          {t("editor.common.remove")}
                        </button>
                      </div>
                    ))}
                    <button type="button" class="button-secondary" onClick={() => setRoles([...roles, { role: "ORG_EDITOR", organizationId: "" }])}>
                      {t("editor.users.addRole")}
                    </button>
                  </fieldset>
                  <div class="actions">
                    <button type="submit">{t("editor.common.save")}</button>
                    <button type="button" class="button-secondary" onClick={() => setEditing(null)}>
                      {t("common.cancel")}
                    </button>
                  </div>
                </form>
              ) : (
                <div class="actions">
                  <button
                    type="button"
                    class="button-secondary"
                    onClick={() => {
                      setEditing(user.id);
                      setRoles(user.roles.map((membership) => ({ role: membership.role, organizationId: membership.organizationId ?? "" })));
                    }}
                  >
                    {t("editor.users.editRoles")}
                  </button>
                  {user.id !== session.me.id ? (
                    user.disabled ? (
                      <ActionButton kind="secondary" onAction={() => userAction(user, ENABLE_USER, {}, t("editor.users.enabled"))}>
                        {t("editor.users.enable")}
                      </ActionButton>
                    ) : (
                      <ActionButton
                        kind="danger"
                        onAction={() =>
                          window.confirm(t("editor.users.confirmDisable")) ? userAction(user, DISABLE_USER, {}, t("editor.users.disabledDone")) : undefined
                        }
                      >
                        {t("editor.users.disable")}
                      </ActionButton>
                    )
                  ) : null}
                  <a class="badge-link" href={`#/audit/user/${user.id}`}>
                    {t("editor.audit.title")}
                  </a>
                </div>
              )}
              {rowProblem[user.id] ? (
                <p class="field-error" role="alert">
                  {rowProblem[user.id]}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
