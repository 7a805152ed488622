/** The editor feature's door. */
export { EditorListPage } from './components/editor-list-page';
export { EditorPage } from './components/editor-page';
export { SupersessionRequestsPage } from './components/supersession-requests-page';
