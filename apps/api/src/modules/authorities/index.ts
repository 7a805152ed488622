/**
 * authorities: authority cards, authority status ("is this still good law?") and the editors'
 * review queue. The citation graph it reads is the documents module's (written at publish).
 */
export { default as authoritiesRoutes } from './authorities.routes';
export { syncAuthorities } from './authorities.service';
