/** The colour theme: the user's choice (kept in localStorage) and the theme it resolves to. */
export const THEME_CHOICES = ['light', 'dark', 'system'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'atelier:theme';
export const DARK_QUERY = '(prefers-color-scheme: dark)';

/** A stored value read leniently: anything but a known choice (an old or hand-edited one) follows the system. */
export function parseThemeChoice(raw: string | null): ThemeChoice {
  try {
    const value: unknown = raw === null ? null : JSON.parse(raw);
    return THEME_CHOICES.find((choice) => choice === value) ?? 'system';
  } catch {
    return 'system';
  }
}

export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}

/** Sets `<html data-theme>`, which the tokens in app/tokens.css key on. */
export function applyTheme(choice: ThemeChoice): void {
  document.documentElement.dataset.theme = resolveTheme(choice, window.matchMedia(DARK_QUERY).matches);
}

/**
 * The same rule as parseThemeChoice + applyTheme, inlined in <head> by app/layout.tsx so the page is
 * painted in its theme from the first frame (a React effect would run after paint: a white flash in
 * the dark). Plain ES5, no imports: it runs before any bundle has loaded.
 */
export const themeInitScript = `(function(){var c='system';try{c=JSON.parse(localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)}))}catch(e){}if(c!=='light'&&c!=='dark'){c=window.matchMedia(${JSON.stringify(DARK_QUERY)}).matches?'dark':'light'}document.documentElement.dataset.theme=c})()`;
