// Fetch wrapper for the kiosk HTTP API (relative /api/v1/...).
// On a non-2xx answer it reads the RFC 9457 problem+json body and throws an ApiError
// carrying title/detail/errors. Network failures and timeouts also become ApiError
// (kind "network" / "timeout"); a caller's own abort is rethrown as the AbortError.

const BASE = '/api/v1';
const TIMEOUT_MS = 15000;
const troubleHandlers = new Set(); // fn(kind) on every network failure or time-out

/**
 * fn('network' | 'timeout') whenever a call gets no answer from the kiosk at all (the page's
 * watch of the service, js/service-watch.js, then asks whether the service is still there).
 * Returns the function that stops it.
 */
export function onNoAnswer(fn) {
  troubleHandlers.add(fn);
  return () => troubleHandlers.delete(fn);
}

function noAnswer(kind) {
  for (const fn of [...troubleHandlers]) {
    try { fn(kind); } catch (e) { console.error(e); }
  }
  return new ApiError({ kind });
}

export class ApiError extends Error {
  constructor({ kind = 'http', status = 0, type = null, title = null, detail = null, errors = [], body = null } = {}) {
    super(title || detail || `API error (${kind}${status ? ' ' + status : ''})`);
    this.name = 'ApiError';
    this.kind = kind; // 'http' | 'network' | 'timeout' | 'format'
    this.status = status;
    this.type = type;
    this.title = title;
    this.detail = detail;
    this.errors = errors; // [{field, message}]
    this.body = body; // the whole problem (extra members such as attemptsLeft, lockedUntil)
  }

  /** The problem type's last part ('no-card', 'bad-credentials', ...), or null. */
  get problem() {
    const m = typeof this.type === 'string' ? /([^/]+)$/.exec(this.type) : null;
    return m ? m[1] : null;
  }
}

export function isAbortError(err) {
  return !!err && err.name === 'AbortError';
}

function text(v) {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

async function problemFrom(res) {
  let body = null;
  const type = res.headers.get('content-type') || '';
  if (/json/i.test(type)) {
    try { body = await res.json(); } catch { body = null; }
  }
  const errors = Array.isArray(body?.errors)
    ? body.errors
        .filter((e) => e && typeof e === 'object')
        .map((e) => ({ field: text(e.field), message: text(e.message) }))
    : [];
  return new ApiError({
    kind: 'http',
    status: res.status,
    type: text(body?.type),
    title: text(body?.title),
    detail: text(body?.detail),
    errors,
    body: body && typeof body === 'object' && !Array.isArray(body) ? body : null,
  });
}

/**
 * GET a JSON resource.
 * @param {string} path  path below /api/v1, e.g. '/catalog/search'
 * @param {object} params query parameters; null/undefined ones are left out
 * @param {{signal?: AbortSignal, lang?: string}} opts
 */
export async function getJson(path, params = {}, { signal, lang, token } = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null) qs.append(k, String(v));
  }
  const query = qs.toString();
  const headers = withToken({ Accept: 'application/json, application/problem+json' }, token);
  if (lang) headers['Accept-Language'] = lang;
  return request(path + (query ? '?' + query : ''), { headers }, signal);
}

/**
 * POST a JSON body; resolves to the parsed JSON answer, or null for an empty one (204).
 * Errors as for getJson (ApiError with the problem's title/detail).
 */
export async function postJson(path, body = {}, { signal, token } = {}) {
  return request(path, {
    method: 'POST',
    headers: withToken({ 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' }, token),
    body: JSON.stringify(body),
  }, signal);
}

/** DELETE; resolves to null (204) or the JSON answer. */
export async function deleteJson(path, { signal, token } = {}) {
  return request(path, {
    method: 'DELETE',
    headers: withToken({ Accept: 'application/json, application/problem+json' }, token),
  }, signal);
}

/** A staff session's token goes in the Authorization header, never in a URL. */
function withToken(headers, token) {
  if (token) headers.Authorization = 'Bearer ' + token;
  return headers;
}

/**
 * One fetch with the kiosk's timeout: the caller's abort passes through, a timeout or a
 * network failure becomes an ApiError of that kind, a non-2xx answer its problem, and an
 * empty body null.
 */
async function request(path, init, signal) {
  const ctrl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; ctrl.abort(); }, TIMEOUT_MS);
  const onAbort = () => ctrl.abort();
  if (signal) {
    if (signal.aborted) ctrl.abort();
    else signal.addEventListener('abort', onAbort, { once: true });
  }
  try {
    const res = await fetch(BASE + path, { ...init, signal: ctrl.signal, cache: 'no-store', credentials: 'same-origin' });
    if (!res.ok) throw await problemFrom(res);
    const raw = await res.text();
    if (!raw) return null;
    try {
      return JSON.parse(raw);
    } catch {
      throw new ApiError({ kind: 'format', status: res.status });
    }
  } catch (e) {
    if (e instanceof ApiError) throw e;
    if (isAbortError(e) || ctrl.signal.aborted) {
      if (timedOut) throw noAnswer('timeout');
      throw e.name === 'AbortError' ? e : new DOMException('Aborted', 'AbortError');
    }
    throw noAnswer('network');
  } finally {
    clearTimeout(timer);
    if (signal) signal.removeEventListener('abort', onAbort);
  }
}

// ---- endpoints -------------------------------------------------------------------------

export function getSettings({ signal } = {}) {
  return getJson('/kiosk/settings', {}, { signal });
}

/** The page dims the screen ('dim') or wakes it ('awake'); the kiosk sets the backlight. */
export function putScreen(state) {
  return request('/screen', {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
    body: JSON.stringify({ state }),
  });
}

/** q may be empty when listing a department or life event. */
export function searchCatalog({ q = '', department, lifeEvent, limit = 20, offset = 0, lang }, signal) {
  return getJson('/catalog/search', {
    q,
    department: department || null,
    lifeEvent: lifeEvent || null,
    limit,
    offset,
    lang,
  }, { signal, lang });
}

export function getItem(code, lang, signal) {
  return getJson('/catalog/items/' + encodeURIComponent(code), { lang }, { signal, lang });
}

export function getDepartments(lang, signal) {
  return getJson('/catalog/departments', { lang }, { signal, lang });
}

export function getLifeEvents(lang, signal) {
  return getJson('/catalog/life-events', { lang }, { signal, lang });
}

// ---- appeals (诉求) ------------------------------------------------------------------------

const enc = encodeURIComponent;

export function getAppealCategories(lang, signal) {
  return getJson('/appeal-categories', { lang }, { signal, lang });
}

/** Reads the ID card lying on the reader: {token, name, idNumber, expiresInSeconds} (masked). */
export function readIdCard(signal) {
  return postJson('/identity/card', {}, { signal });
}

export function forgetIdCard(token) {
  return deleteJson('/identity/' + enc(token));
}

/** Files an appeal (resident), or on a resident's behalf when a staff token is given. */
export function fileAppeal(body, { token, signal } = {}) {
  return postJson(token ? '/staff/appeals' : '/appeals', body, { token, signal });
}

export function getAppeal(trackingNo, verifier, lang, signal) {
  return getJson('/appeals/' + enc(trackingNo), { verifier, lang }, { signal, lang });
}

export function receiptImageUrl(trackingNo, verifier) {
  return BASE + '/appeals/' + enc(trackingNo) + '/receipt.png?' + new URLSearchParams({ verifier }).toString();
}

export function appealsByCard(cardToken, lang, signal) {
  return postJson('/appeals/by-card?' + new URLSearchParams({ lang }).toString(), { cardToken }, { signal });
}

export function rateAppeal(trackingNo, { verifier, cardToken, level, reason }, signal) {
  return postJson('/appeals/' + enc(trackingNo) + '/rating', { verifier, cardToken, level, reason }, { signal });
}

// ---- staff (工作人员) ----------------------------------------------------------------------

export function staffLogin(badge, pin, signal) {
  return postJson('/staff/session', { badge, pin }, { signal });
}

export function staffLogout(token) {
  return deleteJson('/staff/session', { token });
}

export function staffAppeals(token, filter, lang, signal) {
  return getJson('/staff/appeals', { filter, lang }, { token, signal, lang });
}

export function staffReprint(token, trackingNo, signal) {
  return postJson('/staff/appeals/' + enc(trackingNo) + '/reprint', {}, { token, signal });
}

export function staffDevices(token, signal) {
  return getJson('/staff/devices', {}, { token, signal });
}

export function staffAudit(token, signal) {
  return getJson('/staff/audit', {}, { token, signal });
}

/** The sync with the central platform: {configured, connected, lastContactSeconds, queue, oldestUnsentSeconds, lastError}. */
export function staffSync(token, signal) {
  return getJson('/staff/sync', {}, { token, signal });
}

// ---- technician (技术人员) -----------------------------------------------------------------

/** {enrolled, pinSet, setPin?, lockedUntil?}: whether the kiosk waits for enrollment. */
export function technicianState(signal) {
  return getJson('/technician/state', {}, { signal });
}

export function technicianLogin(pin, signal) {
  return postJson('/technician/session', { pin }, { signal });
}

export function technicianLogout(token) {
  return deleteJson('/technician/session', { token });
}

/** The scanned enrollment QR's text: {kioskId, stationName, address, gridCode, restartInSeconds}. */
export function technicianEnroll(token, qr, signal) {
  return postJson('/technician/enrollment', { qr }, { token, signal });
}
