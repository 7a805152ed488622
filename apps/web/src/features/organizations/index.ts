/** The organizations feature's door: the reader pages of the publishing network's members, and their management. */
export { OrganizationManagePage } from './components/organization-manage-page';
export { OrganizationPage, OrganizationsPage } from './components/organization-page';
