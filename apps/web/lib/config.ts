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

/** 1 GiB, the API's largest run artifact (ATELIER_ARTIFACT_MAX_BYTES), plus 1 MiB for the multipart framing around it. */
export const DEFAULT_MAX_UPLOAD_BYTES = 1024 ** 3 + 1024 ** 2;

/**
 * The largest request body the proxy passes on to the API (ATELIER_WEB_MAX_UPLOAD_BYTES): above
 * it the web server answers 413 itself, before or while streaming, instead of carrying the bytes.
 */
export function maxUploadBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['ATELIER_WEB_MAX_UPLOAD_BYTES']?.trim();
  if (!raw) return DEFAULT_MAX_UPLOAD_BYTES;
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw)) || Number(raw) === 0) {
    throw new Error(`ATELIER_WEB_MAX_UPLOAD_BYTES must be a positive whole number of bytes, got "${raw}"`);
  }
  return Number(raw);
}
