import { type Static, Type } from 'typebox';
import { DateTime, Nullable, OrganizationRef, StringEnum, Uuid } from './common';
import { DocumentKindSchema } from './documents';

/**
 * `single`: any editor of the organization may publish. `two_person`: the author of a
 * draft's unpublished revisions cannot publish it; another editor of the organization must.
 */
export const REVIEW_POLICIES = ['single', 'two_person'] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];
export const ReviewPolicySchema = StringEnum(REVIEW_POLICIES);

export const OrganizationSlug = Type.String({ minLength: 2, maxLength: 80, pattern: '^[a-z0-9][a-z0-9-]*[a-z0-9]$' });

export const Organization = Type.Object({
  id: Uuid,
  name: Type.String(),
  shortName: Type.String(),
  slug: Type.String(),
  description: Type.String(),
  contact: Type.String(),
  reviewPolicy: ReviewPolicySchema,
  createdAt: DateTime,
});
export type Organization = Static<typeof Organization>;

export const OrganizationListResponse = Type.Object({ items: Type.Array(Organization) });
export type OrganizationListResponse = Static<typeof OrganizationListResponse>;

const OrgName = Type.String({ minLength: 1, maxLength: 200 });

export const CreateOrganizationBody = Type.Object({
  name: OrgName,
  slug: OrganizationSlug,
  reviewPolicy: ReviewPolicySchema,
  shortName: Type.Optional(Type.String({ maxLength: 40 })),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  contact: Type.Optional(Type.String({ maxLength: 300 })),
});
export type CreateOrganizationBody = Static<typeof CreateOrganizationBody>;

export const CreateOrganizationResponse = Type.Object({ id: Uuid });

export const UpdateOrganizationBody = Type.Object(
  {
    name: Type.Optional(OrgName),
    reviewPolicy: Type.Optional(ReviewPolicySchema),
    shortName: Type.Optional(Type.String({ maxLength: 40 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    contact: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { minProperties: 1 },
);
export type UpdateOrganizationBody = Static<typeof UpdateOrganizationBody>;

export const OrganizationSlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 80 }) });

export const OrganizationDocument = Type.Object({
  id: Uuid,
  slug: Type.String(),
  title: Type.String(),
  kind: DocumentKindSchema,
  summary: Type.String(),
  jurisdictions: Type.Array(Type.String()),
  documentDate: Nullable(Type.String()),
  publishedAt: Nullable(DateTime),
});
export type OrganizationDocument = Static<typeof OrganizationDocument>;

/** The reader's page of an organization: what it publishes (newest first) and its charts. */
export const OrganizationPage = Type.Object({
  organization: Organization,
  documents: Type.Array(OrganizationDocument),
  /** Jurisdictions in which it publishes offense entries, with how many (its chart rows). */
  charts: Type.Array(Type.Object({ jurisdiction: Type.String(), entries: Type.Integer() })),
});
export type OrganizationPage = Static<typeof OrganizationPage>;

export const OrganizationMember = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  role: StringEnum(['reader', 'editor', 'admin'] as const),
  orgAdmin: Type.Boolean(),
  disabled: Type.Boolean(),
});
export type OrganizationMember = Static<typeof OrganizationMember>;

export const OrganizationMembersResponse = Type.Object({ items: Type.Array(OrganizationMember) });
export type OrganizationMembersResponse = Static<typeof OrganizationMembersResponse>;

/** What an organization admin may change about a member of their own organization. */
export const UpdateMemberBody = Type.Object(
  {
    role: Type.Optional(StringEnum(['reader', 'editor'] as const)),
    orgAdmin: Type.Optional(Type.Boolean()),
    /** True: the user leaves the organization (their account stays). */
    remove: Type.Optional(Type.Literal(true)),
  },
  { minProperties: 1 },
);
export type UpdateMemberBody = Static<typeof UpdateMemberBody>;

export const MemberParams = Type.Object({ id: Uuid, userId: Uuid });

/**
 * A review comment on a document, the approval that published a revision, or an approved
 * supersession across organizations (on both documents).
 */
export const ReviewEntry = Type.Object({
  id: Uuid,
  kind: StringEnum(['comment', 'approval', 'supersession'] as const),
  revisionId: Nullable(Uuid),
  revisionNumber: Nullable(Type.Integer()),
  author: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  body: Type.String(),
  createdAt: DateTime,
});
export type ReviewEntry = Static<typeof ReviewEntry>;

export const ReviewEntriesResponse = Type.Object({ items: Type.Array(ReviewEntry) });
export type ReviewEntriesResponse = Static<typeof ReviewEntriesResponse>;

export const CreateReviewCommentBody = Type.Object({
  body: Type.String({ minLength: 1, maxLength: 5000 }),
  revisionId: Type.Optional(Uuid),
});
export type CreateReviewCommentBody = Static<typeof CreateReviewCommentBody>;

// ---------------------------------------------------------------------------------------
// Supersession across organizations: one organization's document replacing another's is
// requested by the first and approved (or declined) by the replaced document's organization.
// ---------------------------------------------------------------------------------------

export const SUPERSESSION_REQUEST_STATUSES = ['pending', 'approved', 'declined', 'withdrawn'] as const;
export type SupersessionRequestStatus = (typeof SUPERSESSION_REQUEST_STATUSES)[number];

const RequestNote = Type.String({ maxLength: 2000 });

/** Asked on the successor (the caller's organization's document): `documentId` is the one it replaces. */
export const CreateSupersessionRequestBody = Type.Object({ documentId: Uuid, note: Type.Optional(RequestNote) });
export type CreateSupersessionRequestBody = Static<typeof CreateSupersessionRequestBody>;

export const DecideSupersessionRequestBody = Type.Object({ note: Type.Optional(RequestNote) });
export type DecideSupersessionRequestBody = Static<typeof DecideSupersessionRequestBody>;

const RequestDocument = Type.Object({
  id: Uuid,
  slug: Type.String(),
  title: Type.String(),
  organization: Nullable(OrganizationRef),
});

export const SupersessionRequest = Type.Object({
  id: Uuid,
  status: StringEnum(SUPERSESSION_REQUEST_STATUSES),
  /** The document to be marked superseded. */
  document: RequestDocument,
  /** The document replacing it. */
  successor: RequestDocument,
  note: Type.String(),
  requestedBy: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  createdAt: DateTime,
  decidedBy: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  decisionNote: Type.String(),
  decidedAt: Nullable(DateTime),
});
export type SupersessionRequest = Static<typeof SupersessionRequest>;

export const SupersessionRequestListQuery = Type.Object({
  /** `incoming`: asking to replace the caller's organization's documents; `outgoing`: asked by it. Default: both. */
  direction: Type.Optional(StringEnum(['incoming', 'outgoing'] as const)),
  /** Default: pending. */
  status: Type.Optional(StringEnum(SUPERSESSION_REQUEST_STATUSES)),
});
export type SupersessionRequestListQuery = Static<typeof SupersessionRequestListQuery>;

export const SupersessionRequestListResponse = Type.Object({ items: Type.Array(SupersessionRequest) });
export type SupersessionRequestListResponse = Static<typeof SupersessionRequestListResponse>;
