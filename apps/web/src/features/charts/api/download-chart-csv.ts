import { api } from '../../../lib/api-client';

/** The address of a chart's CSV (GET /charts/:jurisdiction.csv). */
export const chartCsvPath = (jurisdiction: string) => `/charts/${encodeURIComponent(jurisdiction)}.csv`;

/**
 * Downloads the chart as CSV. The API wants the session's token, which a plain link cannot
 * send, so the file is fetched and handed to the browser as a download.
 */
export async function downloadChartCsv(jurisdiction: string): Promise<void> {
  const text = await api<string>(chartCsvPath(jurisdiction));
  // fetch's text() drops the byte-order mark that tells Excel the file is UTF-8: put it back.
  const body = `\uFEFF${text.replace(/^\uFEFF/, '')}`;
  const url = URL.createObjectURL(new Blob([body], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `chart-${jurisdiction}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
