// The signed-in token. It lives in sessionStorage: this tab only, gone when the tab closes, never sent
// automatically (unlike a cookie, so no CSRF), and only ever put into an Authorization header.

const TOKEN_KEY = 'safehaven.token';
export const SESSION_PATH = '/dashboard/session';

/** Where each role starts, and which pages it may open. */
export const HOME = {OVERSIGHT: '/overview.html', FORCE: '/force.html', RESEARCHER: '/research.html'};
export const PAGES = {
  OVERSIGHT: ['overview', 'force', 'alerts', 'lineage', 'research'],
  FORCE: ['force', 'alerts', 'lineage'],
  RESEARCHER: ['research'],
};

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(t) {
  sessionStorage.setItem(TOKEN_KEY, t);
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** A token as the API issues it: 'sh_' and 43 base64url characters; surrounding blanks are dropped. */
export function normaliseToken(text) {
  return String(text || '').trim().replace(/^Bearer\s+/i, '');
}

export class SessionError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Asks the server what a token is: {role, force?}; throws SessionError (401, 403, or 0 when unreachable). */
export async function describe(t) {
  let res;
  try {
    res = await fetch(SESSION_PATH, {headers: {Authorization: 'Bearer ' + t, Accept: 'application/json'},
      cache: 'no-store'});
  } catch (e) {
    throw new SessionError(0, 'The dashboard server could not be reached. Check your connection and try again.');
  }
  if (res.ok) return res.json();
  if (res.status === 401) throw new SessionError(401, 'The token is not valid. Check you copied all of it.');
  if (res.status === 403) throw new SessionError(403, 'This token is for importing files and cannot read results.');
  throw new SessionError(res.status, 'The dashboard could not check the token. Try again shortly.');
}

/** A same-site page to return to after signing in; anything else (another host, a script URL) is refused. */
export function safeNext(next) {
  return typeof next === 'string' && /^\/[a-z]+\.html(\?[A-Za-z0-9_.~%=&+\-:]*)?$/.test(next) ? next : null;
}

/** Sends the browser to the sign-in page, remembering where it was. */
export function toSignIn(reason) {
  const next = location.pathname + location.search;
  const q = new URLSearchParams();
  if (safeNext(next)) q.set('next', next);
  if (reason) q.set('reason', reason);
  location.replace('/index.html?' + q.toString());
}

/**
 * The session of a protected page: the stored token, checked with the server. Without a token, or with
 * one the server no longer knows, the browser goes to the sign-in page (and this never resolves).
 */
export async function requireSession() {
  const t = token();
  if (!t) {
    toSignIn();
    return new Promise(() => {});
  }
  try {
    const s = await describe(t);
    return {...s, token: t};
  } catch (e) {
    if (e.status === 401 || e.status === 403) {
      signOut();
      toSignIn('expired');
      return new Promise(() => {});
    }
    throw e;
  }
}
