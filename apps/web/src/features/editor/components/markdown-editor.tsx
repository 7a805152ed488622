import { splitSections } from '@kb/markdown';
import { useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import { Markdown } from '../../../components/ui/markdown';
import styles from './editor.module.css';
import { MODE_CLASS } from './editor-classes';

type Mode = 'split' | 'write' | 'preview';

const TOOLS: Array<{
  label: string;
  title: string;
  apply: (selected: string) => [before: string, text: string, after: string];
}> = [
  { label: 'H2', title: 'Section heading', apply: (s) => ['\n## ', s || 'Heading', '\n'] },
  { label: 'H3', title: 'Subsection heading', apply: (s) => ['\n### ', s || 'Heading', '\n'] },
  { label: 'B', title: 'Bold', apply: (s) => ['**', s || 'bold text', '**'] },
  { label: 'I', title: 'Italic (case names)', apply: (s) => ['*', s || 'Case v. Name', '*'] },
  { label: '•', title: 'Bulleted list', apply: (s) => ['\n- ', s || 'item', '\n'] },
  { label: 'Link', title: 'Link', apply: (s) => ['[', s || 'text', '](https://)'] },
];

/**
 * The body editor: Markdown on the left, the reader's rendering on the right (the same shared
 * renderer as the document page), switchable to one pane on small screens.
 */
export function MarkdownEditor({
  value,
  onChange,
  disabled,
}: {
  value: string;
  onChange: (next: string) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const [mode, setMode] = useState<Mode>(() =>
    typeof window !== 'undefined' && window.matchMedia?.('(max-width: 1000px)').matches ? 'write' : 'split',
  );
  const area = useRef<HTMLTextAreaElement>(null);
  // Rendering a long treatise on every keystroke would make typing lag: the preview follows.
  const preview = useDeferredValue(value);
  const sections = useMemo(() => splitSections(preview).filter((s) => s.level > 0).length, [preview]);

  const applyTool = (tool: (typeof TOOLS)[number]) => {
    const el = area.current;
    if (!el) return;
    const { selectionStart: start, selectionEnd: end } = el;
    const [before, text, after] = tool.apply(value.slice(start, end));
    onChange(value.slice(0, start) + before + text + after + value.slice(end));
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(start + before.length, start + before.length + text.length);
    });
  };

  return (
    <div className={`${styles.mdEditor} ${MODE_CLASS[mode]}`}>
      <div className={styles.mdToolbar}>
        <div className={styles.mdTools} role="toolbar" aria-label="Formatting">
          {TOOLS.map((tool) => (
            <button
              key={tool.label}
              type="button"
              className="button small"
              title={tool.title}
              // The name starts with what the button shows ("H2"), so speech control finds it.
              aria-label={tool.title.startsWith(tool.label) ? tool.title : `${tool.label}: ${tool.title}`}
              disabled={disabled || mode === 'preview'}
              onClick={() => applyTool(tool)}
            >
              {tool.label}
            </button>
          ))}
        </div>
        <fieldset className={styles.mdModes}>
          <legend className="visually-hidden">View</legend>
          {(['write', 'split', 'preview'] as const).map((m) => (
            <button
              key={m}
              type="button"
              className={mode === m ? `button small ${styles.pressed}` : 'button small'}
              aria-pressed={mode === m}
              onClick={() => setMode(m)}
            >
              {m === 'write' ? 'Write' : m === 'split' ? 'Side by side' : 'Preview'}
            </button>
          ))}
        </fieldset>
      </div>
      <div className={styles.mdPanes}>
        <div className={`${styles.mdPane} ${styles.mdSource}`}>
          <label htmlFor={`${id}-body`} className="visually-hidden">
            Body (Markdown)
          </label>
          <textarea
            ref={area}
            id={`${id}-body`}
            value={value}
            disabled={disabled}
            spellCheck
            placeholder={
              '## Bottom line\n\nStart each section with a "## " heading: sections are what search finds and readers link to.'
            }
            onChange={(e) => onChange(e.target.value)}
          />
        </div>
        <section
          className={`${styles.mdPane} ${styles.mdPreview}`}
          aria-label="Preview"
          aria-live="off"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: it scrolls on its own, the keyboard must reach it
          tabIndex={0}
        >
          {preview.trim() ? <Markdown source={preview} whole /> : <p className="muted">Nothing to preview yet.</p>}
        </section>
      </div>
      <p className={`${styles.mdStatus} muted small`}>
        Markdown · {sections} {sections === 1 ? 'section' : 'sections'} · {value.length.toLocaleString()} characters
      </p>
    </div>
  );
}
