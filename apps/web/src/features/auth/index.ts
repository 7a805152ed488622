/** The auth feature's door: the public account pages and the signed-in account page. */
export { AcceptInvitePage, ResetPasswordPage } from './components/accept-invite-page';
export { AccountPage } from './components/account-page';
export { SignInPage } from './components/sign-in-page';
