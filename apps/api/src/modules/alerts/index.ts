/**
 * alerts: what users follow (watches), what they hear (notifications) and how (e-mail
 * settings, immediate or daily, the unsubscribe link). Its worker drains the documents
 * module's event log; documents never call it.
 */
export { UnsubscribeLinks } from './alerts.mail';
export { type AlertsPluginOptions, alertsPlugin } from './alerts.plugin';
export { type AlertsRoutesOptions, default as alertsRoutes } from './alerts.routes';
export { rekeyCitationWatches } from './alerts.service';
export { AlertsWorker } from './alerts.worker';
