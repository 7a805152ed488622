import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import { formatDate, kindLabel } from '../../../components/ui/labels';
import { Spinner } from '../../../components/ui/spinner';
import { useDocuments } from '../../documents/api/list-documents';

/** Home page. The faceted search arrives with the search feature; until then, the newest guidance. */
export function SearchPage() {
  const documents = useDocuments({ sort: 'newest', perPage: 20 });
  return (
    <div className="page">
      <h1>Newest guidance</h1>
      {documents.isPending ? <Spinner /> : null}
      {documents.isError ? <ErrorMessage error={documents.error} retry={() => void documents.refetch()} /> : null}
      {documents.data ? (
        <ol className="result-list">
          {documents.data.items.map((doc) => (
            <li key={doc.id} className="result">
              <div className="result-meta">
                <span className="badge">{kindLabel(doc.kind)}</span>
                {doc.publisher ? <span>{doc.publisher}</span> : null}
                {doc.documentDate ? <span>{formatDate(doc.documentDate)}</span> : null}
                {doc.superseded ? <span className="badge badge-warning">Superseded</span> : null}
              </div>
              <h2 className="result-title">
                <Link to={`/documents/${doc.slug}`}>{doc.title}</Link>
              </h2>
              {doc.summary ? <p className="result-snippet">{doc.summary}</p> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
