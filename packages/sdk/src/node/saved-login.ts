import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** What `atelier login` saves: the URL it checked and the token, if one was given. */
export interface SavedLogin {
  /** The API's (or web app's) URL. */
  url: string;
  /** The API token, sent only to `url`. */
  token?: string;
}

/**
 * The login file, in the user's config directory: $XDG_CONFIG_HOME/atelier (~/.config/atelier)
 * on Linux, ~/Library/Application Support/atelier on macOS, %APPDATA%\\atelier on Windows.
 * ATELIER_CONFIG_DIR moves it (tests, several logins side by side).
 */
export function loginFile(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ATELIER_CONFIG_DIR) return join(env.ATELIER_CONFIG_DIR, 'login.json');
  const home = homedir();
  const base =
    platform === 'win32'
      ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return join(base, 'atelier', 'login.json');
}

/** The saved login, or undefined when there is none (or the file is not one `atelier login` wrote). */
export function readSavedLogin(file = loginFile()): SavedLogin | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as Partial<SavedLogin>;
    if (typeof parsed.url !== 'string') return undefined;
    return { url: parsed.url, ...(typeof parsed.token === 'string' ? { token: parsed.token } : {}) };
  } catch {
    return undefined;
  }
}

/** Saves the login readable by its owner only: the token is a secret. */
export function saveLogin(login: SavedLogin, file = loginFile()): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** Forgets the saved login (`atelier logout`); nothing happens when there is none. */
export function removeLogin(file = loginFile()): void {
  rmSync(file, { force: true });
}

/** Where a script or the CLI connects, when it was told. */
export interface ConnectionDefaults {
  /** The API's or web app's URL. */
  url?: string;
  /** The API token. */
  token?: string;
  /** The project's slug (ATELIER_PROJECT), for what a script creates and what the CLI lists. */
  project?: string;
}

/**
 * The URL and token a script or the CLI uses: the URL it was given, else ATELIER_URL, else the
 * saved login's; the token ATELIER_TOKEN, else the saved one, which goes only to the saved URL,
 * never to another server. The project is ATELIER_PROJECT's (none: the token's project, else 'default').
 */
export function connectionDefaults(
  explicitUrl?: string,
  env: NodeJS.ProcessEnv = process.env,
  saved: SavedLogin | undefined = readSavedLogin(loginFile(env)),
): ConnectionDefaults {
  const url = explicitUrl ?? env.ATELIER_URL ?? saved?.url;
  const token = env.ATELIER_TOKEN ?? (saved && url === saved.url ? saved.token : undefined);
  const project = env.ATELIER_PROJECT || undefined;
  return {
    ...(url === undefined ? {} : { url }),
    ...(token === undefined ? {} : { token }),
    ...(project === undefined ? {} : { project }),
  };
}
