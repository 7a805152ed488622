import type { MarkNotificationsReadResponse, NotificationsResponse } from '@kb/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { useAuth } from '../../../lib/auth';
import { alertKeys } from './keys';

/** How often an open, visible tab asks for the unread count (and again whenever the reader returns to it). */
export const UNREAD_POLL_MS = 60_000;
/** The notifications page shows this many, newest first. */
export const NOTIFICATIONS_SHOWN = 100;

export const listNotifications = (limit: number, signal?: AbortSignal) =>
  api<NotificationsResponse>('/me/notifications', { query: { limit }, signal });

export const unreadQueryOptions = () =>
  queryOptions({
    queryKey: alertKeys.unread(),
    // The count comes with any list: ask for the shortest.
    queryFn: ({ signal }) => listNotifications(1, signal).then((r) => r.unread),
  });

export const notificationListQueryOptions = () =>
  queryOptions({
    queryKey: alertKeys.notificationList(),
    queryFn: ({ signal }) => listNotifications(NOTIFICATIONS_SHOWN, signal),
  });

/** The bell's unread count: polled while the tab is visible, asked again on return to it; never for a visitor. */
export const useUnreadCount = () => {
  const { state } = useAuth();
  return useQuery({
    ...unreadQueryOptions(),
    enabled: state.status === 'signed-in',
    staleTime: 5_000,
    refetchOnWindowFocus: true,
    refetchInterval: UNREAD_POLL_MS,
    refetchIntervalInBackground: false,
  });
};

export const useNotifications = () =>
  useQuery({ ...notificationListQueryOptions(), staleTime: 5_000, refetchOnWindowFocus: true });

/** Marks the given notifications read, or all of them (no ids). */
export const markNotificationsRead = (ids?: string[]) =>
  api<MarkNotificationsReadResponse>('/me/notifications/read', { method: 'POST', body: ids ? { ids } : { all: true } });

export const useMarkRead = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) => markNotificationsRead(ids),
    // The list and the count change at once; then both are asked again to agree with the server.
    onMutate: (ids) => {
      const now = new Date().toISOString();
      const list = queryClient.getQueryData<NotificationsResponse>(alertKeys.notificationList());
      if (list) {
        const hit = (id: string) => !ids || ids.includes(id);
        const marked = list.items.filter((item) => !item.readAt && hit(item.id)).length;
        const unread = ids ? Math.max(0, list.unread - marked) : 0;
        queryClient.setQueryData<NotificationsResponse>(alertKeys.notificationList(), {
          unread,
          items: list.items.map((item) => (item.readAt || !hit(item.id) ? item : { ...item, readAt: now })),
        });
        queryClient.setQueryData<number>(alertKeys.unread(), unread);
      } else if (!ids) queryClient.setQueryData<number>(alertKeys.unread(), 0);
    },
    onSuccess: ({ unread }) => queryClient.setQueryData<number>(alertKeys.unread(), unread),
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertKeys.notifications() }),
  });
};
