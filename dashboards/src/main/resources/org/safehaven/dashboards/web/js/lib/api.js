// The query API (/api/v1), called with the session's bearer token. Errors become ApiError with the API's
// own message (which never echoes input); a 401 sends the browser back to sign in.

import {token, signOut, toSignIn} from './session.js';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const DEFAULT_MESSAGES = {
  0: 'The dashboard server could not be reached. Check your connection and try again.',
  403: 'Your token does not give access to this.',
  404: 'Nothing was found.',
  503: 'The search service could not answer. Try again shortly.',
};

/** /api/v1/alerts + {force: ['kent'], from: '...'} → a URL with repeated parameters, blanks left out. */
export function apiUrl(path, params = {}) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params)) {
    for (const x of (Array.isArray(v) ? v : [v])) {
      if (x !== undefined && x !== null && x !== '') url.searchParams.append(k, String(x));
    }
  }
  return url;
}

async function request(path, params, accept) {
  let res;
  try {
    res = await fetch(apiUrl(path, params), {
      headers: {Accept: accept, Authorization: 'Bearer ' + token()},
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, 'unreachable', DEFAULT_MESSAGES[0]);
  }
  if (res.status === 401) {
    signOut();
    toSignIn('expired');
    throw new ApiError(401, 'unauthorized', 'Your sign-in has expired.');
  }
  if (!res.ok) {
    let body = {};
    try {
      body = await res.json();
    } catch (e) {
      // not JSON: keep the default message
    }
    throw new ApiError(res.status, body.error || 'error',
      body.message ? sentence(body.message) : (DEFAULT_MESSAGES[res.status] || 'The request failed (' + res.status + ').'));
  }
  return res;
}

function sentence(m) {
  const s = String(m);
  return s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.');
}

export async function getJson(path, params = {}) {
  return (await request(path, params, 'application/json')).json();
}

export async function getCsv(path, params = {}) {
  return (await request(path, params, 'text/csv')).text();
}

/**
 * Every item of a paged endpoint (alerts, metrics), page after page, up to `limit` items. Returns
 * {items, total}; total is what matched, which may be more than was fetched.
 */
export async function getAllPages(path, params, {size = 500, limit = 5000} = {}) {
  const items = [];
  let total = 0;
  for (let page = 0; items.length < limit; page++) {
    const r = await getJson(path, {...params, page, size});
    total = r.total;
    items.push(...r.items);
    if (r.items.length < size || items.length >= total || (page + 2) * size > 10000) break;
  }
  return {items: items.slice(0, limit), total};
}

/**
 * Daily metrics over a range of any length: the API pages within its first 10,000 hits, so a long range
 * (44 forces a day) is fetched in windows of 200 days.
 */
export async function getMetrics(range, params = {}) {
  const windowMs = 200 * 24 * 3600 * 1000;
  const out = [];
  for (let start = range.from.getTime(); start < range.to.getTime(); start += windowMs) {
    const end = Math.min(start + windowMs, range.to.getTime());
    const r = await getAllPages('/api/v1/metrics', {...params, from: new Date(start).toISOString(),
      to: new Date(end).toISOString()}, {size: 500, limit: 10000});
    out.push(...r.items);
  }
  return out;
}

/**
 * Resolves true once GET /api/v1/alerts/{alertId} says at least this revision, i.e. the index the counts come
 * from has caught up with the live stream (which reads the alerts topic directly); false after ~15 s or when
 * the alert cannot be read. A page waits for this before it reloads its numbers after a correction.
 */
export async function whenIndexed(alertId, revision, {tries = 30, delayMs = 500} = {}) {
  for (let i = 0; i < tries; i++) {
    try {
      const a = await getJson('/api/v1/alerts/' + encodeURIComponent(alertId));
      if ((Number(a.revision) || 1) >= revision) return true;
    } catch (e) {
      if (e.status !== 404) return false; // 404: not indexed yet
    }
    await new Promise(r => setTimeout(r, delayMs));
  }
  return false;
}

/** Saves a CSV answer as a file, through a temporary object URL (the token stays in the header). */
export async function downloadCsv(path, params, filename) {
  const text = await getCsv(path, params);
  const blob = new Blob([text], {type: 'text/csv;charset=utf-8'});
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return text;
}
