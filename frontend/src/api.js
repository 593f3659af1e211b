// Fetching JSON from our own API; errors carry the server's {error: {...}} body.

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.code = e.code;
    this.hint = e.hint;
  }
}

export async function getJSON(path, params) {
  const qs = params ? new URLSearchParams(params).toString() : '';
  const res = await fetch(qs ? `${path}?${qs}` : path, { headers: { Accept: 'application/json' } });
  let body = null;
  try { body = await res.json(); } catch (_) { /* empty or not JSON */ }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

export const enc = encodeURIComponent;
