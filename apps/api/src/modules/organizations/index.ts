/** organizations: the network's members, which own documents and set their review policy. */
export {
  findOrganization,
  findOrganizationByPublisher,
  type OrganizationRow,
} from './organizations.repository';
export { default as organizationsRoutes } from './organizations.routes';
export { ensureOrganizationsNamed, readSeedOrganizations, seedOrganizations } from './organizations.seed';
export { ensureManagesMembers, toOrganizationRef } from './organizations.service';
