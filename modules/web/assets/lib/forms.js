// Forms that change what is stored: the API's errors at the fields their JSON pointers name.
import { el } from "./dom.js";
import { hasText, t } from "./i18n.js";

/** The errors of an API answer's body: its list, or the one error it is. */
export function errorsOf(body) {
  if (body.error?.errors?.length) return body.error.errors;
  return body.error ? [{ pointer: body.error.pointer ?? "", message: body.error.message ?? "" }] : [];
}

/**
 * An error's message in the user's language where the API gave its code and crossgrant has a
 * text for it, else the server's sentence.
 */
export function errorMessage(error) {
  const key = error.code ? `error.${error.code}` : "";
  return key && hasText(key) ? t(key, error.params ?? {}) : error.message;
}

/** The API's errors as a list, each with its JSON pointer. */
export function errorList(id, body, response) {
  const errors = errorsOf(body);
  return el("ul", { id, class: "error" }, ...(errors.length
    ? errors.map((e) => el("li", {}, el("code", {}, e.pointer || "/"), " ", errorMessage(e)))
    : [el("li", {}, t("unexpected", response))]));
}

/** The top-level member a JSON pointer names ("/country" → "country"), else null. */
export function memberName(pointer) {
  const match = pointer.match(/^\/(\w+)$/);
  return match ? match[1] : null;
}

/**
 * A save the API refused: its errors at the fields fieldOf(pointer) finds, the others after
 * "Not saved" in message, and the focus on the first field marked.
 */
export function showRefusal(form, message, errors, fieldOf) {
  const unplaced = markErrors(form, errors, fieldOf);
  message.textContent = [t("not_saved"), ...unplaced].join(" ");
  form.querySelector("[aria-invalid]")?.focus();
}

/**
 * Marks the fields the errors point at with their messages; fieldOf(pointer) finds the field
 * (or null). Returns the errors that point at no field, as text.
 */
export function markErrors(form, errors, fieldOf) {
  for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
  for (const node of form.querySelectorAll(".field-error")) node.remove();
  const unplaced = [];
  for (const error of errors) {
    const input = fieldOf(error.pointer ?? "");
    if (!input) {
      unplaced.push(error.pointer ? `${error.pointer}: ${errorMessage(error)}` : errorMessage(error));
      continue;
    }
    const note = el("span", { class: "field-error error", id: `${input.id}-error` }, errorMessage(error));
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", note.id);
    input.after(note);
  }
  return unplaced;
}
