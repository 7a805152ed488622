/**
 * Values an attacker (or a careless client) sends. Every string here must come back as a clean
 * 2xx/4xx from any route, in any field: never a 500, never a stack trace.
 */
export const NUL_STRINGS = ['\u0000', 'a\u0000b', 'ends-with-nul\u0000'];

/**
 * UTF-16 surrogates without their pair: valid JSON (`"\ud800"`), refused by PostgreSQL's jsonb,
 * silently replaced by U+FFFD in its text columns. Every route answers 400.
 */
export const LONE_SURROGATE_STRINGS = [
  '\ud800',
  'victim\ud800@x.test',
  'title \udfff end',
  'ends-high\udbff',
  '\udc00starts-low',
];

/** Puts a lone surrogate into an otherwise valid value (so it gets past every other check). */
export function withLoneSurrogate(value: string, at: number, high = true): string {
  const index = value.length === 0 ? 0 : at % (value.length + 1);
  return `${value.slice(0, index)}${high ? '\ud83d' : '\ude00'}${value.slice(index)}`;
}

export const SQL_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  '1; SELECT pg_sleep(10); --',
  "%' OR 1=1 --",
  "\\'; --",
  "admin'--",
  '1 UNION SELECT password_hash FROM users',
];

/** Meilisearch filter syntax smuggled into values that end up in a filter. */
export const FILTER_INJECTION_STRINGS = [
  'federal" OR status = "draft',
  'x" OR documentId EXISTS OR "',
  "federal' OR published = false OR '",
  'status = draft',
  ') OR (status = draft',
  '_geoRadius(0, 0, 1)',
  'federal\\" OR \\"1\\" = \\"1',
];

export const TRAVERSAL_STRINGS = [
  '../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '....//....//etc/passwd',
  '/etc/passwd',
  '..\\..\\windows\\win.ini',
  '..',
  '.',
];

export const XSS_STRINGS = [
  '<script>window.__xss=1;alert(1)</script>',
  '"><img src=x onerror="window.__xss=1;alert(1)">',
  "'><svg onload=alert(1)>",
  'javascript:alert(1)',
  '<iframe src="javascript:alert(1)"></iframe>',
];

export const UNICODE_STRINGS = [
  '𝕏𝔸𝕄𝔽𝕃𝔼',
  'Ω≈ç√∫˜µ≤≥÷',
  '\u202eevil\u202c',
  'zero\u200bwidth',
  'e\u0301\u0301\u0301\u0301',
  '👩‍⚖️🏛️',
  '\ud800',
  '\uffff\ufffe',
  '\u0001\u0002\u0003\u001f\u007f',
  'ＡＤＭＩＮ',
];

export const ODD_STRINGS = [
  '',
  ' ',
  '%s%s%s%n',
  '{{7*7}}',
  '\u0024{7*7}',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '0x10',
  '1e309',
  '9007199254740993',
  '99999999999999999999999999999999999999',
  '2024-02-30',
  '0000-00-00T00:00:00Z',
];

export const HUGE_NUMBERS = [
  Number.MAX_SAFE_INTEGER + 2,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  1e308,
  -1,
  0,
  -0,
  2 ** 31,
  -(2 ** 31) - 1,
  0.5,
];

export const HOSTILE_STRINGS = [
  ...NUL_STRINGS,
  ...LONE_SURROGATE_STRINGS,
  ...SQL_STRINGS,
  ...FILTER_INJECTION_STRINGS,
  ...TRAVERSAL_STRINGS,
  ...XSS_STRINGS,
  ...UNICODE_STRINGS,
  ...ODD_STRINGS,
];
