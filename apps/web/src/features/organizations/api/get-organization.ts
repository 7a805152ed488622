import type { OrganizationListResponse, OrganizationPage } from '@kb/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const organizationKeys = {
  all: ['organizations'] as const,
  page: (slug: string) => ['organizations', 'page', slug] as const,
};

export const getOrganizationPage = (slug: string, signal?: AbortSignal) =>
  api<OrganizationPage>(`/organizations/${encodeURIComponent(slug)}`, { signal });

export const organizationPageQueryOptions = (slug: string) =>
  queryOptions({ queryKey: organizationKeys.page(slug), queryFn: ({ signal }) => getOrganizationPage(slug, signal) });

export const useOrganizationPage = (slug: string) => useQuery(organizationPageQueryOptions(slug));

export const listOrganizations = (signal?: AbortSignal) => api<OrganizationListResponse>('/organizations', { signal });

export const useOrganizations = () =>
  useQuery({ queryKey: organizationKeys.all, queryFn: ({ signal }) => listOrganizations(signal) });
