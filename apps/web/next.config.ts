import type { NextConfig } from 'next';

/**
 * Security headers of every page (Next's CSP guide, "without nonces"): a nonce would force every
 * page to render per request and thread it through every inline script, for little gain in an app
 * that renders no user HTML (markdown goes through rehype-sanitize). So scripts and styles may come
 * from this origin and from Next's own inline tags ('unsafe-inline'); nothing from elsewhere.
 * Everything the pages fetch, the live stream included, goes through this origin's /api proxy.
 * frame-ancestors: no other site may frame Atelier (clickjacking of Launch or Revoke).
 */
export function securityHeaders(dev = process.env.NODE_ENV === 'development'): { key: string; value: string }[] {
  const csp = [
    "default-src 'self'",
    // React's dev build evaluates code for its error overlay; production does not
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    // sample images and confusion-matrix exports are drawn to canvases and blobs
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return [
    { key: 'Content-Security-Policy', value: csp },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    // older browsers that do not read frame-ancestors
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  ];
}

const nextConfig: NextConfig = {
  // The proxy streams server-sent events; gzip would buffer them until a chunk fills up.
  compress: false,
  poweredByHeader: false,
  reactStrictMode: true,
  headers() {
    // every page; the API proxy's answers keep the API's own headers (an artifact's sandbox CSP)
    return Promise.resolve([{ source: '/((?!api/).*)', headers: securityHeaders() }]);
  },
};

export default nextConfig;
