/**
 * The stem of a download's file name, made from free text (an experiment's or a chart's name):
 * accents dropped, lower case, every other run of characters one '-', at most 60 characters, so
 * the name is safe on every OS and needs no quoting in a header. `fallback` when nothing is left.
 * The API's downloads (trials CSV, model zip) and the web's (confusion matrix CSV/PNG) share it.
 */
export function fileStem(text: string, fallback: string): string {
  const stem = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return stem || fallback;
}
