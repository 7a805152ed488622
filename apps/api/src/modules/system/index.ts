/** system: liveness and readiness probes. */
export { default as systemRoutes } from './system.routes';
