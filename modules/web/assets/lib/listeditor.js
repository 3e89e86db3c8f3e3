// Editing a list of a partner's figures (its co-financing, its budget lines) as a table of
// fields: rows added and removed, saved whole on the version the form was filled from, the
// API's errors at their cells (/1/amount), and a 409 shown with the change to apply again.
import { choice, el, show } from "./dom.js";
import { editableAmount, t, typedAmount } from "./i18n.js";
import { showRefusal } from "./forms.js";
import { sessionEnded } from "./session.js";
import { conflictPage, readVersioned, reappliedRows, rowKeys, saveVersioned } from "./versioned.js";

/**
 * A field of a row: {name, label, options: [[value, text]] for a choice, amount: true for an
 * amount typed in the user's language}.
 */
function fieldCell(column, value, id) {
  const input = column.options
    ? choice({ name: column.name, id }, column.options, value)
    : el("input", {
      name: column.name, id,
      value: column.amount ? editableAmount(value) : value ?? "",
      ...(column.amount ? { inputmode: "decimal" } : {}),
    });
  return el("td", { class: column.amount ? "number" : "" },
    el("label", { for: id, class: "visually-hidden" }, column.label), input);
}

/**
 * Opens the editor of the list at path (an API path answering the list with its ETag):
 * {id: "cofinancing", row: "contribution", title, caption, columns, blank (a new row),
 *  addLabel, keyOf (what names a row), describe (a row as text), back (the page to return to,
 *  given a status text)}.
 * redo: after a conflict, {stored, base, rows, origins}: what is stored now and its version,
 * and the user's change applied to it (reappliedRows), to start from instead of reading.
 */
export async function listEditor(spec, path, redo) {
  const read = redo ?? (await readVersioned(path));
  if (!read) return;
  const { stored, base } = read;
  const rows = el("tbody", {});
  let next = 0;  // numbers the rows' fields, unique however rows are added and removed
  const addRow = (values, origin) => {
    const index = next++;
    const cellId = (name) => `${spec.row}-${index}-${name}`;
    const row = el("tr", origin === "" ? {} : { "data-origin": origin },
      ...spec.columns.map((column) => fieldCell(column, values[column.name], cellId(column.name))),
      el("td", {}, el("button", { type: "button", class: "link", onclick: () => row.remove() },
        t("remove"))));
    rows.append(row);
  };
  // Each row remembers the stored row it was filled from, by name (rowKeys).
  if (redo) redo.rows.forEach((values, i) => addRow(values, redo.origins[i]));
  else rowKeys(stored, spec.keyOf).forEach((key, i) => addRow(stored[i], key));
  const message = el("p", { class: "error", role: "alert", id: `${spec.id}-error` },
    redo ? t("conflict_redo") : "");
  const form = el("form", { id: `${spec.id}-form`, novalidate: "" },
    el("h2", {}, spec.title),
    message,
    el("div", { class: "table-scroll", role: "region", "aria-label": spec.caption, tabindex: "0" },
      el("table", {}, el("caption", {}, spec.caption),
        el("thead", {}, el("tr", {},
          ...spec.columns.map((c) => el("th", { scope: "col", class: c.amount ? "number" : "" }, c.label)),
          el("th", { scope: "col" }, el("span", { class: "visually-hidden" }, t("remove"))))),
        rows)),
    el("p", {}, el("button", {
      type: "button", class: "link", id: spec.addId, onclick: () => addRow(spec.blank, ""),
    }, spec.addLabel)),
    el("p", { class: "actions" },
      el("button", { type: "submit", id: `save-${spec.id}` }, t("save")), " ",
      el("button", { type: "button", class: "link", onclick: () => spec.back() }, t("cancel"))));

  const collect = () => [...rows.children].map((row) => Object.fromEntries(spec.columns.map((c) => {
    const value = row.querySelector(`[name=${c.name}]`).value;
    return [c.name, c.amount ? typedAmount(value) : value.trim()];
  })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const wanted = collect();
    const origins = [...rows.children].map((row) => row.dataset.origin ?? "");
    const outcome = await saveVersioned(path, wanted, base);
    if (outcome.ended) return sessionEnded();
    if (outcome.saved) return spec.back(t("saved"));
    if (outcome.conflict) {
      const merged = reappliedRows(stored, wanted, origins, outcome.conflict, spec.keyOf);
      const describe = (items) => el("ul", {}, ...items.map((item) => el("li", {}, spec.describe(item))));
      return conflictPage({
        current: outcome.conflict, mine: merged.rows, describe,
        redo: () => listEditor(spec, path, { stored: outcome.conflict, base: outcome.version, ...merged }),
        discard: () => spec.back(),
      });
    }
    // A pointer /i/name names row i of what was sent, which is the i-th row of the form now.
    showRefusal(form, message, outcome.errors, (pointer) => {
      const [, index, name] = pointer.match(/^\/(\d+)\/(\w+)$/) ?? [];
      const row = index === undefined ? null : rows.children[Number(index)];
      return row?.querySelector(`[name=${name}]`) ?? null;
    });
  });
  show(...spec.breadcrumbs, form);
}
