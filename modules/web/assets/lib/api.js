// Calls of the public API with the session cookie, and X-CSRF-Token on every change.

function csrfToken() {
  const cookie = document.cookie.split("; ").find((c) => c.startsWith("crossgrant_csrf="));
  return cookie ? decodeURIComponent(cookie.slice("crossgrant_csrf=".length)) : "";
}

let view = 0;  // counts the pages shown: a call made for an earlier page answers it no more

/**
 * Starts a new page: the answers of calls made before it never arrive, so a page left while it
 * was still loading cannot paint itself over the one that followed it.
 */
export function newView() {
  view += 1;
}

/**
 * A call of the API: body as JSON, or raw (text or bytes already serialised) when given. A call
 * overtaken by a new page (newView) never settles: the page that made it is gone.
 */
export async function api(method, path, body, extraHeaders = {}, raw) {
  const headers = { ...extraHeaders };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRF-Token"] = csrfToken();
  const mine = view;
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers,
    body: raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  return mine === view ? response : new Promise(() => {});
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
