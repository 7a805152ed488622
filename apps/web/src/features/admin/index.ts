/** The admin feature's door. */
export { AuditPage } from './components/audit-page';
export { InviteForm, PendingInvitationItem } from './components/invite-form';
export { SearchAnalyticsPage } from './components/search-analytics-page';
export { UsersPage } from './components/users-page';
export { VocabularyPage } from './components/vocabulary-page';
