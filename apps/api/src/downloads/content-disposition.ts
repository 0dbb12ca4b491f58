/**
 * `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / RFC 5987), so
 * an experiment called "données 1/2" downloads as données-1-2.csv where the browser allows it.
 */
export function attachment(filename: string): string {
  // Path and shell characters, and control characters (everything below a space: \x00-\x1f).
  const safe = filename.replace(/(?:[/\\?%*:|"<>]|[^\x20-\u{10FFFF}])+/gu, '-');
  const ascii = safe.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/\s+/g, '-') || 'download';
  if (ascii === safe) return `attachment; filename="${ascii}"`;
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A file-name stem from free text: lower case, words joined by '-', at most 60 characters. */
export function fileStem(text: string): string {
  const stem = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return stem || 'experiment';
}
