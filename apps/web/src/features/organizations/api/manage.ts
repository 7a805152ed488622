import type {
  CreatedInvitation,
  CreateOrganizationBody,
  CreateOrganizationInvitationRequest,
  InvitationListResponse,
  Organization,
  OrganizationMembersResponse,
  UpdateMemberBody,
  UpdateOrganizationBody,
} from '@kb/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { organizationKeys } from './get-organization';

/** What an organization admin (or a network admin) manages: members, invitations, and the organization itself. */
const manageKeys = {
  members: (id: string) => ['organizations', 'manage', id, 'members'] as const,
  invitations: (id: string) => ['organizations', 'manage', id, 'invitations'] as const,
};
const base = (id: string) => `/organizations/${encodeURIComponent(id)}`;

export const useMembers = (id: string) =>
  useQuery({
    queryKey: manageKeys.members(id),
    queryFn: ({ signal }) => api<OrganizationMembersResponse>(`${base(id)}/members`, { signal }),
  });

export const useUpdateMember = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, change }: { userId: string; change: UpdateMemberBody }) =>
      api<OrganizationMembersResponse>(`${base(id)}/members/${encodeURIComponent(userId)}`, {
        method: 'PATCH',
        body: change,
      }),
    onSuccess: (members) => queryClient.setQueryData(manageKeys.members(id), members),
  });
};

export const useOrganizationInvitations = (id: string) =>
  useQuery({
    queryKey: manageKeys.invitations(id),
    queryFn: ({ signal }) => api<InvitationListResponse>(`${base(id)}/invitations`, { signal }),
  });

export const useInviteToOrganization = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrganizationInvitationRequest) =>
      api<CreatedInvitation>(`${base(id)}/invitations`, { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: manageKeys.invitations(id) }),
  });
};

export const useRevokeOrganizationInvitation = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      api<{ ok: true }>(`${base(id)}/invitations/${encodeURIComponent(invitationId)}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: manageKeys.invitations(id) }),
  });
};

/** Network admins: create an organization. */
export const useCreateOrganization = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrganizationBody) => api<{ id: string }>('/admin/organizations', { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: organizationKeys.all }),
  });
};

/** Network admins: rename, describe, or change the review policy. */
export const useUpdateOrganization = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: UpdateOrganizationBody) =>
      api<Organization>(`/admin/organizations/${encodeURIComponent(id)}`, { method: 'PATCH', body: change }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: organizationKeys.all }),
  });
};
