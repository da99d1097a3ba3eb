import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Request } from "./api.js";
import type { I18n } from "./i18n.js";
import type { References } from "./references.js";

export interface Text {
  text: string;
  locale: string;
  isFallback?: boolean;
}

export interface OrganizationRef {
  id: string;
  slug?: string;
  kind?: string;
  name: Text;
}

export interface Membership {
  role: "ORG_EDITOR" | "MINISTRY_PUBLISHER" | "MODERATOR" | "ADMIN";
  organizationId: string | null;
  organization: OrganizationRef | null;
}

export interface Me {
  id: string;
  email: string;
  displayName: string;
  version: number;
  roles: Membership[];
}

/** What the signed-in person may do, as the editor shows it (the API decides again on every request). */
export interface Session {
  me: Me;
  isAdmin: boolean;
  isModerator: boolean;
  /** Organizations whose services the person edits (empty for moderators and admins, who edit all). */
  serviceOrganizations: OrganizationRef[];
  vacancyOrganizations: OrganizationRef[];
  canEditServices: boolean;
  canEditVacancies: boolean;
}

export function sessionOf(me: Me): Session {
  const has = (role: Membership["role"]) => me.roles.some((membership) => membership.role === role);
  const isAdmin = has("ADMIN");
  const isModerator = isAdmin || has("MODERATOR");
  const organizationsWith = (role: Membership["role"]) =>
    me.roles
      .filter((membership) => membership.role === role && membership.organizationId)
      .map((membership) => membership.organization ?? { id: membership.organizationId!, name: { text: membership.organizationId!, locale: "en" } });
  const serviceOrganizations = organizationsWith("ORG_EDITOR");
  const vacancyOrganizations = organizationsWith("MINISTRY_PUBLISHER");
  return {
    me,
    isAdmin,
    isModerator,
    serviceOrganizations,
    vacancyOrganizations,
    canEditServices: isModerator || serviceOrganizations.length > 0,
    canEditVacancies: isModerator || vacancyOrganizations.length > 0,
  };
}

export interface EditorContext {
  i18n: I18n;
  request: Request;
  session: Session;
  /** The locales START publishes in, in order (content texts: one tab each). */
  locales: string[];
  references: References;
  /** Says something to screen-reader users (a polite live region) and shows it briefly. */
  announce(message: string): void;
  signOut(): Promise<void>;
}

export const Editor = createContext<EditorContext | null>(null);

export function useEditor(): EditorContext {
  const context = useContext(Editor);
  if (!context) throw new Error("useEditor outside the editor");
  return context;
}
