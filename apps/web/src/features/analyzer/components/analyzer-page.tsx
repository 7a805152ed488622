import type { AnalysisRequest, AnalysisResult } from '@kb/contracts';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import { usePreviewAnalysis, useSaveAnalysis } from '../api/analyses';
import { AnalysisFormView } from './analysis-form';
import { AnalysisResults } from './analysis-results';
import styles from './analyzer.module.css';
import { type AnalysisForm, emptyForm, toRequest } from './form-model';
import { SavedAnalysesList } from './saved-analyses-list';

/** The plea consequence analyzer: fill the form, compare the pleas, save the record. */
export function AnalyzerPage() {
  const [form, setForm] = useState<AnalysisForm>(emptyForm);
  const [analyzed, setAnalyzed] = useState<{ request: AnalysisRequest; result: AnalysisResult } | null>(null);
  const preview = usePreviewAnalysis();

  const run = () => {
    const request = toRequest(form);
    preview.mutate(request, { onSuccess: (result) => setAnalyzed({ request, result }) });
  };

  return (
    <div className={`page ${styles.page}`}>
      <h1>Plea consequence analyzer</h1>
      <p className={styles.quiet}>
        What each plea does to this client, ground by ground, with the rule and the entry behind each answer. “Depends”
        and “unknown” are answers: they name what would decide it.
      </p>
      <div className={styles.layout}>
        <div>
          <AnalysisFormView form={form} onChange={setForm} onSubmit={run} busy={preview.isPending} />
          {preview.isError ? <ErrorMessage error={preview.error} /> : null}
        </div>
        <div aria-live="polite">
          {analyzed ? (
            <>
              <AnalysisResults result={analyzed.result} />
              <SaveForm request={analyzed.request} />
            </>
          ) : null}
        </div>
      </div>
      <SavedAnalysesList />
    </div>
  );
}

/** Saving keeps the record: a matter label (no client name needed) and the advice in the lawyer’s words. */
function SaveForm({ request }: { request: AnalysisRequest }) {
  const [matter, setMatter] = useState('');
  const [advice, setAdvice] = useState('');
  const save = useSaveAnalysis();
  const navigate = useNavigate();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ matter, advice, request }, { onSuccess: (saved) => navigate(`/analyzer/${saved.id}`) });
  };
  return (
    <form className={styles.saveForm} onSubmit={submit} aria-labelledby="save-heading">
      <h2 id="save-heading">Save the advisal record</h2>
      <label className="field" htmlFor="save-matter">
        <span>Matter label (no client name needed)</span>
        <input id="save-matter" required maxLength={200} value={matter} onChange={(e) => setMatter(e.target.value)} />
      </label>
      <label className="field" htmlFor="save-advice">
        <span>Advice given, in your words</span>
        <textarea id="save-advice" rows={4} value={advice} onChange={(e) => setAdvice(e.target.value)} />
      </label>
      {save.isError ? <ErrorMessage error={save.error} /> : null}
      <button type="submit" className="button primary" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save to My library'}
      </button>
    </form>
  );
}
