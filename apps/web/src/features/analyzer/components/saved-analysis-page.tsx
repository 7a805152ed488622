import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Dialog, DialogActions } from '../../../components/ui/dialog';
import { ErrorMessage } from '../../../components/ui/error-message';
import { formatDate } from '../../../components/ui/labels';
import { Spinner } from '../../../components/ui/spinner';
import { downloadMemoPdf, useDeleteAnalysis, useSavedAnalysis, useUpdateAnalysis } from '../api/analyses';
import { AnalysisResults } from './analysis-results';
import styles from './analyzer.module.css';

/** A saved analysis: its findings as computed when saved, the editable advice, the memo, delete. */
export function SavedAnalysisPage() {
  const { id = '' } = useParams();
  const analysis = useSavedAnalysis(id);
  const update = useUpdateAnalysis(id);
  const remove = useDeleteAnalysis();
  const navigate = useNavigate();
  const [advice, setAdvice] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [pdfError, setPdfError] = useState<unknown>(null);
  useEffect(() => {
    if (analysis.data) setAdvice(analysis.data.advice);
  }, [analysis.data]);

  if (analysis.isPending) return <Spinner label="Loading the analysis" />;
  if (analysis.isError) {
    return (
      <div className="page narrow">
        <ErrorMessage error={analysis.error} />
      </div>
    );
  }
  const saved = analysis.data;

  const saveAdvice = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ advice });
  };

  return (
    <div className={`page ${styles.page}`}>
      <nav aria-label="Breadcrumb" className="small">
        <Link to="/analyzer">Plea consequence analyzer</Link>
      </nav>
      <h1>{saved.matter}</h1>
      <p className={`${styles.quiet} small`}>
        Saved {formatDate(saved.createdAt)}; analysis made on {formatDate(saved.result.analyzedOn)}. Visible to you
        alone.
      </p>
      <div className={styles.actions}>
        <Link className="button" to={`/analyzer/${saved.id}/memo`}>
          Printable memo
        </Link>
        <button
          type="button"
          className="button"
          onClick={() => {
            setPdfError(null);
            downloadMemoPdf(saved.id, saved.matter).catch(setPdfError);
          }}
        >
          Download memo (PDF)
        </button>
        <button type="button" className="button danger" onClick={() => setConfirming(true)}>
          Delete for good
        </button>
      </div>
      {pdfError ? <ErrorMessage error={pdfError} /> : null}

      <form className={styles.saveForm} onSubmit={saveAdvice} aria-labelledby="advice-heading">
        <h2 id="advice-heading">Advice given</h2>
        <label className="field" htmlFor="advice-text">
          <span>In your words (printed on the memo)</span>
          <textarea id="advice-text" rows={5} value={advice} onChange={(e) => setAdvice(e.target.value)} />
        </label>
        {update.isError ? <ErrorMessage error={update.error} /> : null}
        <button type="submit" className="button primary" disabled={update.isPending || advice === saved.advice}>
          {update.isPending ? 'Saving…' : 'Save advice'}
        </button>
        {update.isSuccess && advice === saved.advice ? (
          <span className="small" role="status">
            {' '}
            Saved.
          </span>
        ) : null}
      </form>

      <AnalysisResults result={saved.result} />

      {confirming ? (
        <Dialog
          title="Delete this analysis for good?"
          onCancel={() => setConfirming(false)}
          onSubmit={(event) => {
            event.preventDefault();
            remove.mutate(saved.id, { onSuccess: () => navigate('/analyzer') });
          }}
        >
          <p>No copy is kept. The audit log keeps only the fact that an analysis was deleted.</p>
          {remove.isError ? <ErrorMessage error={remove.error} /> : null}
          <DialogActions>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Keep it
            </button>
            <button type="submit" className="button danger" disabled={remove.isPending}>
              Delete
            </button>
          </DialogActions>
        </Dialog>
      ) : null}
    </div>
  );
}
