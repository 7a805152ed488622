/** admin: user management, invitations, the audit trail viewer. */
export { type AdminRoutesOptions, default as adminRoutes } from './admin.routes';
export { type AccountMail, logOnlyMailer, type Mailer, smtpMailer } from './mailer';
