// Changes based on the version a form was filled from (If-Match), and a 409 made humane: what
// is stored now beside the user's change applied again to it, to save or let go.
import { api, bodyOf } from "./api.js";
import { el, show } from "./dom.js";
import { t } from "./i18n.js";
import { errorsOf } from "./forms.js";
import { sessionEnded } from "./session.js";
import { notFoundPage } from "../pages/errors.js";

/**
 * The object at path to fill a form from, and the version (ETag) a change of it is based on;
 * null after showing why there is none (the session ended, or it is not there for the user).
 */
export async function readVersioned(path) {
  const response = await api("GET", path);
  if (response.status === 401) {
    sessionEnded();
    return null;
  }
  if (!response.ok) {
    notFoundPage();
    return null;
  }
  return { stored: await response.json(), base: response.headers.get("ETag") };
}

/**
 * Saves body at path based on version. The outcome is one of {saved}, {conflict} (what is
 * stored now), {errors} (the API's, each with its pointer) or {ended} (the session is gone).
 */
export async function saveVersioned(path, body, version) {
  const response = await api("PUT", path, body, { "If-Match": version });
  const answer = await bodyOf(response);
  if (response.ok) return { saved: answer, version: response.headers.get("ETag") };
  if (response.status === 401) return { ended: true };
  if (response.status === 409 && answer.current !== undefined) return { conflict: answer.current };
  const errors = errorsOf(answer);
  return { errors: errors.length ? errors : [{ pointer: "", message: t("unexpected", response) }] };
}

const equal = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The user's change of an object's fields applied again to what is stored now: the fields the
 * user changed (from what the form was filled from) as they wanted them, the others as stored.
 */
export function reappliedFields(original, wanted, current) {
  const result = { ...current };
  for (const [name, value] of Object.entries(wanted))
    if (!equal(value, original[name])) result[name] = value;
  return result;
}

/**
 * The user's change of a list applied again to what is stored now: rows the user changed or
 * removed (relative to what the form was filled from, origins[i] the stored row index of form
 * row i, "" for a row the user added), rows they added, and for the rest what is stored now,
 * so that the other person's change is kept where the user did not touch it.
 */
export function reappliedRows(original, wanted, origins, current) {
  const byOrigin = new Map();
  origins.forEach((origin, i) => { if (origin !== "") byOrigin.set(Number(origin), wanted[i]); });
  const result = [];
  current.forEach((now, j) => {
    if (j >= original.length) return result.push(now);  // added by the other person
    if (!byOrigin.has(j)) return undefined;              // removed by the user
    const mine = byOrigin.get(j);
    result.push(equal(mine, original[j]) ? now : mine);
  });
  origins.forEach((origin, i) => { if (origin === "") result.push(wanted[i]); });
  return result;
}

/**
 * Someone saved first: what is stored now beside what "apply again" would save (both as
 * elements made by describe), and buttons to redo the change or let it go.
 */
export function conflictPage({ current, mine, describe, redo, discard }) {
  show(
    el("h1", {}, t("conflict_title")),
    el("p", { role: "alert" }, t("conflict_explained")),
    el("h2", {}, t("conflict_now")), el("div", { id: "conflict-current" }, describe(current)),
    el("h2", {}, t("conflict_yours")), el("div", { id: "conflict-mine" }, describe(mine)),
    el("p", { class: "actions" },
      el("button", { type: "button", id: "redo", onclick: redo }, t("conflict_apply_again")), " ",
      el("button", { type: "button", class: "link", onclick: discard }, t("conflict_discard"))));
}
