// Calls of the public API with the session cookie, and X-CSRF-Token on every change.

function csrfToken() {
  const cookie = document.cookie.split("; ").find((c) => c.startsWith("crossgrant_csrf="));
  return cookie ? decodeURIComponent(cookie.slice("crossgrant_csrf=".length)) : "";
}

/** A call of the API: body as JSON, or raw (text or bytes already serialised) when given. */
export async function api(method, path, body, extraHeaders = {}, raw) {
  const headers = { ...extraHeaders };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRF-Token"] = csrfToken();
  return fetch(`/api/v1${path}`, {
    method,
    headers,
    body: raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
}

/** The JSON body of a response, or {} when it has none (or not JSON). */
export function bodyOf(response) {
  return response.json().catch(() => ({}));
}

/** The path of a project in the API and in the pages: /projects/CODE. */
export function projectPath(code) {
  return `/projects/${encodeURIComponent(code)}`;
}

export function partnerPath(code, partner) {
  return `${projectPath(code)}/partners/${encodeURIComponent(partner)}`;
}
