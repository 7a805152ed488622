/** The organizations feature's door: the reader pages of the publishing network's members. */
export { OrganizationPage, OrganizationsPage } from './components/organization-page';
