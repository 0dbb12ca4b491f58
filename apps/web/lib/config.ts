/**
 * Server-side runtime configuration. Read on every call (never at module load) so one build
 * can be pointed at any API with ATELIER_API_URL when the server starts.
 */
const DEFAULT_API_URL = 'http://127.0.0.1:3001';

export function apiBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env['ATELIER_API_URL']?.trim() || DEFAULT_API_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`ATELIER_API_URL must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`ATELIER_API_URL must use http or https, got "${raw}"`);
  }
  return url.toString().replace(/\/+$/, '');
}
