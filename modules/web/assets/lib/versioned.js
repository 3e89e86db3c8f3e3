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
 * Saves body at path based on version. The outcome is one of {saved}, {conflict, version}
 * (what is stored now and its ETag), {errors} (the API's, each with its pointer) or {ended}
 * (the session is gone).
 */
export async function saveVersioned(path, body, version) {
  const response = await api("PUT", path, body, { "If-Match": version });
  const answer = await bodyOf(response);
  if (response.ok) return { saved: answer, version: response.headers.get("ETag") };
  if (response.status === 401) return { ended: true };
  // What is stored now, and its version: a change applied again is based on exactly that.
  if (response.status === 409 && answer.current !== undefined)
    return { conflict: answer.current, version: response.headers.get("ETag") };
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
 * The names of a list's rows by keyOf (a budget line's category; a contribution's source and
 * type), "#2", "#3" added to a name that repeats, so that each row has one.
 */
export function rowKeys(rows, keyOf) {
  const seen = new Map();
  return rows.map((row) => {
    const key = keyOf(row);
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count === 1 ? key : `${key}#${count}`;
  });
}

/**
 * The user's change of a list applied again to what is stored now, row by row as rowKeys
 * names them: original is what the form was filled from, wanted the form's rows and origins[i]
 * the name of the stored row that form row i was filled from ("" for a row the user added).
 * Of the rows stored now, those the user removed go, those the user changed are the user's,
 * the rest (the other person's changes and additions) stay as stored; then come the rows the
 * user added, and those the user changed that the other person removed. Returns the rows and,
 * for each, the name of the row stored now that it is based on ("" for none).
 */
export function reappliedRows(original, wanted, origins, current, keyOf) {
  const originalKeys = rowKeys(original, keyOf);
  const before = new Map(originalKeys.map((key, i) => [key, original[i]]));
  const mine = new Map();
  origins.forEach((origin, i) => { if (origin !== "") mine.set(origin, wanted[i]); });
  const currentKeys = rowKeys(current, keyOf);
  const rows = [];
  const based = [];
  currentKeys.forEach((key, j) => {
    const now = current[j];
    if (!before.has(key)) {        // added by the other person
      rows.push(now);
      based.push(key);
    } else if (mine.has(key)) {    // kept by the user: changed, or as it was
      rows.push(equal(mine.get(key), before.get(key)) ? now : mine.get(key));
      based.push(key);
    }                              // else removed by the user
  });
  origins.forEach((origin, i) => {
    const changedButGone = origin !== "" && !currentKeys.includes(origin) &&
      !equal(wanted[i], before.get(origin));
    if (origin === "" || changedButGone) {
      rows.push(wanted[i]);
      based.push("");
    }
  });
  return { rows, origins: based };
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
