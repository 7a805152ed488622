import type { ExportFormat } from '@kb/contracts';
import { api } from '../../../lib/api-client';

/** Downloads a folder's citation list (the server builds it, CSV cells escaped against formulas). */
export async function downloadExport(folder: string, folderName: string, format: ExportFormat): Promise<void> {
  const text = await api<string>('/me/bookmarks/export', { query: { folder, format } });
  const type = format === 'csv' ? 'text/csv;charset=utf-8' : 'text/markdown;charset=utf-8';
  // fetch's text() drops the byte-order mark that tells Excel the CSV is UTF-8: put it back.
  const body = format === 'csv' ? `\uFEFF${text.replace(/^\uFEFF/, '')}` : text;
  const url = URL.createObjectURL(new Blob([body], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${
    folderName
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .slice(0, 60) || 'bookmarks'
  }-citations.${format === 'csv' ? 'csv' : 'md'}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
