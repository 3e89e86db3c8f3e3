// Changing a project's identification (for who may write the project): acronym, titles in
// the three languages, duration, currency, approved total and fund. Saved as the whole
// project on the version the form was filled from; its periods as they were read.
import { projectPath } from "../lib/api.js";
import { el, fact, link, navigate, show, table } from "../lib/dom.js";
import { showRefusal } from "../lib/forms.js";
import { amount, editableAmount, t, typedAmount } from "../lib/i18n.js";
import { sessionEnded } from "../lib/session.js";
import { conflictPage, readVersioned, reappliedFields, saveVersioned } from "../lib/versioned.js";

/** The form's fields: name (also the JSON pointer's path, "title/lv"), text key, kind. */
const FIELDS = [
  { name: "acronym", key: "project_acronym" },
  { name: "title/lv", key: "project_title_lv", lang: "lv" },
  { name: "title/lt", key: "project_title_lt", lang: "lt" },
  { name: "title/en", key: "project_title_en", lang: "en" },
  { name: "start", key: "project_start", type: "date" },
  { name: "end", key: "project_end", type: "date" },
  { name: "currency", key: "common.currency" },
  { name: "approved/total", key: "fin.approved_total", amount: true },
  { name: "approved/fund", key: "fin.fund", amount: true },
];

const idOf = (name) => `project-${name.replace("/", "-")}`;

/** The values of the fields in a project record, flat ({"title/lv": ...}). */
function flat(project) {
  return Object.fromEntries(FIELDS.map(({ name }) => {
    const [outer, inner] = name.split("/");
    return [name, (inner ? project[outer]?.[inner] : project[outer]) ?? ""];
  }));
}

/** The record with the flat values put in (an empty title or approved figure left out). */
function withValues(project, values) {
  const result = structuredClone(project);
  for (const [name, value] of Object.entries(values)) {
    const [outer, inner] = name.split("/");
    if (!inner) { result[outer] = value; continue; }
    result[outer] = { ...(result[outer] ?? {}) };
    if (value === "") delete result[outer][inner];
    else result[outer][inner] = value;
  }
  if (result.approved && Object.keys(result.approved).length === 0) delete result.approved;
  return result;
}

/**
 * redo: after a conflict, {stored, base, mine}: what is stored now, its version and the
 * user's change applied to it (flat), to start from instead of reading.
 */
export async function projectEditPage(code, redo) {
  const path = projectPath(code);
  const read = redo ?? (await readVersioned(path));
  if (!read) return;
  const { stored, base } = read;
  const mine = redo?.mine;
  const original = flat(stored);
  const start = mine ?? original;
  const message = el("p", { class: "error", role: "alert", id: "project-error" }, mine ? t("conflict_redo") : "");
  const form = el("form", { class: "stack", id: "project-form", novalidate: "" },
    el("h1", {}, t("edit_project")), message,
    ...FIELDS.map((field) => el("div", { class: "field" },
      el("label", { for: idOf(field.name) }, t(field.key)),
      el("input", {
        id: idOf(field.name), name: field.name,
        value: field.amount ? editableAmount(start[field.name]) : start[field.name],
        ...(field.type ? { type: field.type } : {}),
        ...(field.lang ? { lang: field.lang } : {}),
        ...(field.amount ? { inputmode: "decimal" } : {}),
      }))),
    el("p", { class: "actions" },
      el("button", { type: "submit", id: "save-project" }, t("save")), " ",
      el("button", { type: "button", class: "link", onclick: () => navigate(path) }, t("cancel"))));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const wanted = Object.fromEntries(FIELDS.map((field) => {
      const value = form.elements[field.name].value.trim();
      return [field.name, field.amount && value !== "" ? typedAmount(value) : value];
    }));
    const outcome = await saveVersioned(path, withValues(stored, wanted), base);
    if (outcome.ended) return sessionEnded();
    if (outcome.saved) {
      await navigate(path);
      document.getElementById("status").textContent = t("saved");
      return;
    }
    if (outcome.conflict) {
      const current = flat(outcome.conflict);
      const merged = reappliedFields(original, wanted, current);
      const describe = (values) => table(t("common.project"), null, FIELDS.map((field) =>
        fact(t(field.key), field.amount ? amount(values[field.name]) : values[field.name])));
      return conflictPage({
        current, mine: merged, describe,
        redo: () => projectEditPage(code, { stored: outcome.conflict, base: outcome.version, mine: merged }),
        discard: () => navigate(path),
      });
    }
    showRefusal(form, message, outcome.errors, (pointer) =>
      form.querySelector(`#${CSS.escape(idOf(pointer.slice(1)))}`));
  });
  show(el("p", {}, link("/", t("projects")), " · ", link(path, code)), form);
}
