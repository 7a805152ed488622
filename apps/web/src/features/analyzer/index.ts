/** The analyzer feature's door: the plea consequence analyzer, saved analyses and their memos. */
export { AnalyzerPage } from './components/analyzer-page';
export { MemoPage } from './components/memo-page';
export { SavedAnalysesList } from './components/saved-analyses-list';
export { SavedAnalysisPage } from './components/saved-analysis-page';
