/**
 * The charts feature's door: the chart pages, the search page's answer card and the editor's
 * form for an offense entry (one chart row), and the query keys a publish invalidates.
 */
export { chartKeys } from './api/keys';
export { AnswerCard } from './components/answer-card';
export { ChartPage } from './components/chart-page';
export { ChartsIndexPage } from './components/charts-index-page';
export { OffenseEntryForm, offenseTitle } from './components/offense-entry-form';
export { OffenseEntryPage } from './components/offense-entry-page';
