import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import { formatDate, kindLabel } from '../../../components/ui/labels';
import { Markdown } from '../../../components/ui/markdown';
import { Spinner } from '../../../components/ui/spinner';
import { useDocument } from '../api/get-document';

export function DocumentPage() {
  const { idOrSlug = '' } = useParams();
  const document = useDocument(idOrSlug);
  if (document.isPending) return <Spinner />;
  if (document.isError) return <ErrorMessage error={document.error} retry={() => void document.refetch()} />;
  const doc = document.data;
  return (
    <article className="page document">
      <p className="muted">
        <Link to="/">← Search</Link>
      </p>
      {doc.supersededBy ? (
        <div className="alert alert-warning" role="alert">
          Superseded by <Link to={`/documents/${doc.supersededBy.slug}`}>{doc.supersededBy.title}</Link>
        </div>
      ) : null}
      <div className="result-meta">
        <span className="badge">{kindLabel(doc.kind)}</span>
        {doc.publisher ? <span>{doc.publisher}</span> : null}
        {doc.documentDate ? <span>{formatDate(doc.documentDate)}</span> : null}
      </div>
      <h1>{doc.title}</h1>
      {doc.sections.map((section) => (
        <section key={section.anchor} id={section.anchor}>
          {section.level > 0 ? <h2>{section.heading}</h2> : null}
          <Markdown source={section.body} />
        </section>
      ))}
    </article>
  );
}
