/** The GraphQL documents the editor sends (api/schema.graphql). */
import { SOURCE_FIELDS } from "./sources.js";

const USER =
  "id email displayName preferredLocale disabled lockedUntil lastLoginAt createdAt version roles { role organizationId organization { id slug kind name { text locale } } }";

export const ME = `query Me { me { ${USER} } }`;
export const LOGIN = `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { user { ${USER} } } }`;
export const LOGOUT = "mutation Logout { logout }";
export const ACCEPT_INVITATION = `mutation AcceptInvitation($token: String!, $displayName: String!, $password: String!) {
  acceptInvitation(token: $token, displayName: $displayName, password: $password) { user { ${USER} } } }`;
/** Whether the invitation link can still be used, asked before its form is shown. */
export const INVITATION_STATUS = "query InvitationStatus($token: String!) { invitationStatus(token: $token) }";
export const CHANGE_PASSWORD =
  "mutation ChangePassword($currentPassword: String!, $newPassword: String!) { changePassword(currentPassword: $currentPassword, newPassword: $newPassword) }";

// Reference data -------------------------------------------------------------------------------

const CATEGORY = "id code name { text locale } parent { id }";
export const CATEGORIES = `query Categories { categories { ${CATEGORY} children { ${CATEGORY} children { ${CATEGORY} children { ${CATEGORY} } } } } }`;
const PLACE = "id slug kind countryCode name { text locale }";
export const PLACES = `query Places { places { ${PLACE} children { ${PLACE} children { ${PLACE} children { ${PLACE} children { ${PLACE} } } } } } }`;
export const ORGANIZATIONS = `query Organizations($after: String) { organizations(first: 100, after: $after) {
  edges { node { id slug kind name { text locale } } } pageInfo { hasNextPage endCursor } } }`;

// Listings -------------------------------------------------------------------------------------

const LISTING = `id kind slug organizationId name { text locale isFallback } state archived version updatedAt pendingChanges submittedAt
  missingLocales verifiedAt stale noContact openFeedbackCount deadline closed`;
export const LISTINGS = `query Listings($includeArchived: Boolean!) { editorListings(includeArchived: $includeArchived) { ${LISTING} } }`;
export const REVIEW_QUEUE = `query ReviewQueue { reviewQueue { ${LISTING} } }`;

// Publishing -----------------------------------------------------------------------------------

/** Selected on the answers of mutations: the publish job of a change the public will see (null for others). */
const PROGRESS = "job state requestedAt startedAt finishedAt";
export const PUBLISH_PROGRESS_FIELD = `publishProgress { ${PROGRESS} }`;
export const PUBLISH_PROGRESS = `query PublishProgress($job: ID!) { publishProgress(job: $job) { ${PROGRESS} } }`;

// Services -------------------------------------------------------------------------------------

export const PHONE_VALUES = "number extension type languages descriptions { locale text }";
const SCHEDULE_VALUES = "validFrom validTo periods { weekday opensAt closesAt } notes { locale text }";
export const SERVICE_VALUES = `
  slug status cost audiences languages minimumAge maximumAge url email confidentialAddress categoryIds
  ${SOURCE_FIELDS}
  texts { locale name alternateName description eligibilityDescription applicationProcess feesDescription requiredDocuments }
  phones { ${PHONE_VALUES} }
  schedules { ${SCHEDULE_VALUES} }
  locations {
    locationId placeId locationType latitude longitude postalCode
    texts { locale name address description transportation accessibility }
    locationPhones { ${PHONE_VALUES} }
    locationSchedules { ${SCHEDULE_VALUES} }
    phones { ${PHONE_VALUES} }
    schedules { ${SCHEDULE_VALUES} }
  }`;
const EDITABLE_SERVICE = `id organizationId organization { id name { text locale } } state archived version createdAt updatedAt submittedAt publishedAt
  verifiedAt verifiedBy rejectionReason missingLocales openFeedbackCount
  pendingChanges { id status submittedAt updatedAt rejectionReason }
  lastRejectedChanges { id rejectionReason decidedAt }
  form { ${SERVICE_VALUES} }`;
export const SERVICE = `query Service($id: ID!) { editableService(id: $id) { ${EDITABLE_SERVICE} } }`;
export const SERVICE_REVIEW = `query ServiceReview($id: ID!) { editableService(id: $id) { ${EDITABLE_SERVICE} changes { path before after } current { ${SERVICE_VALUES} } } }`;
export const CREATE_SERVICE = `mutation CreateService($organizationId: ID!, $input: ServiceInput!) { createService(organizationId: $organizationId, input: $input) { ${EDITABLE_SERVICE} ${PUBLISH_PROGRESS_FIELD} } }`;
export const UPDATE_SERVICE = `mutation UpdateService($id: ID!, $expectedVersion: Int!, $input: ServiceInput!) { updateService(id: $id, expectedVersion: $expectedVersion, input: $input) { ${EDITABLE_SERVICE} ${PUBLISH_PROGRESS_FIELD} } }`;
const serviceStep = (name: string, extra = "") =>
  `mutation ${name[0]!.toUpperCase()}${name.slice(1)}($id: ID!, $expectedVersion: Int!${extra ? `, ${extra}` : ""}) { ${name}(id: $id, expectedVersion: $expectedVersion${extra ? ", reason: $reason" : ""}) { ${EDITABLE_SERVICE} ${PUBLISH_PROGRESS_FIELD} } }`;
export const SUBMIT_SERVICE = serviceStep("submitServiceForReview");
export const PUBLISH_SERVICE = serviceStep("publishService");
export const REJECT_SERVICE = serviceStep("rejectService", "$reason: String!");
export const VERIFY_SERVICE = serviceStep("verifyService");
export const ARCHIVE_SERVICE = serviceStep("archiveService");
export const RESTORE_SERVICE = serviceStep("restoreService");
export const DISCARD_SERVICE_CHANGES = serviceStep("discardServiceChanges");

// Organizations --------------------------------------------------------------------------------

export const ORGANIZATION_VALUES = `slug kind website email logo ${SOURCE_FIELDS} texts { locale name alternateName description } phones { ${PHONE_VALUES} }`;
export const ORGANIZATION_REVIEW = `query OrganizationReview($id: ID!) { editableOrganization(id: $id) {
  id version state archived pendingChanges { status submittedAt } values { ${ORGANIZATION_VALUES} } current { ${ORGANIZATION_VALUES} } changes { path before after } } }`;
const organizationStep = (name: string, extra = "") =>
  `mutation ${name[0]!.toUpperCase()}${name.slice(1)}($id: ID!, $expectedVersion: Int!${extra ? `, ${extra}` : ""}) { ${name}(id: $id, expectedVersion: $expectedVersion${extra ? ", reason: $reason" : ""}) { id version ${PUBLISH_PROGRESS_FIELD} } }`;
export const PUBLISH_ORGANIZATION_CHANGES = organizationStep("publishOrganizationChanges");
export const REJECT_ORGANIZATION_CHANGES = organizationStep("rejectOrganizationChanges", "$reason: String!");

// Feedback -------------------------------------------------------------------------------------

export const FEEDBACK = `query Feedback($status: FeedbackStatus) { feedbackReports(status: $status) {
  id kind message locale status createdAt resolvedAt resolutionNote version listing { id kind name { text locale } organizationId } } }`;
export const RESOLVE_FEEDBACK = `mutation ResolveFeedback($id: ID!, $expectedVersion: Int!, $resolution: FeedbackResolution!, $note: String) {
  resolveFeedback(id: $id, expectedVersion: $expectedVersion, resolution: $resolution, note: $note) { id status version } }`;

// Audit ----------------------------------------------------------------------------------------

export const AUDIT_TRAIL = `query AuditTrail($entityType: String!, $entityId: ID!) { auditTrail(entityType: $entityType, entityId: $entityId) {
  id action actorName createdAt changes { path before after } } }`;

// Users and invitations ------------------------------------------------------------------------

export const USERS = `query Users { users { ${USER} } invitations(openOnly: true) { id email role organizationId organization { name { text } } status createdAt expiresAt } }`;
export const INVITE_USER = `mutation InviteUser($email: String!, $role: Role!, $organizationId: ID, $linkLocale: String) {
  inviteUser(email: $email, role: $role, organizationId: $organizationId, linkLocale: $linkLocale) { url invitation { id email } } }`;
export const REVOKE_INVITATION = "mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) { id status } }";
export const SET_USER_ROLES = `mutation SetUserRoles($userId: ID!, $expectedVersion: Int!, $roles: [RoleInput!]!) { setUserRoles(userId: $userId, expectedVersion: $expectedVersion, roles: $roles) { ${USER} } }`;
export const DISABLE_USER = `mutation DisableUser($userId: ID!, $expectedVersion: Int!) { disableUser(userId: $userId, expectedVersion: $expectedVersion) { ${USER} } }`;
export const ENABLE_USER = `mutation EnableUser($userId: ID!, $expectedVersion: Int!) { enableUser(userId: $userId, expectedVersion: $expectedVersion) { ${USER} } }`;

// Other records --------------------------------------------------------------------------------

export const PREVIEW_MARKDOWN = "query PreviewMarkdown($markdown: String!) { previewMarkdown(markdown: $markdown) }";
