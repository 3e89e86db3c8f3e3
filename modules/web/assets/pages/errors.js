// The pages that say something is not there or not the user's, in the user's language.
import { el, link, show } from "../lib/dom.js";
import { t } from "../lib/i18n.js";

export function notFoundPage() {
  show(el("h1", {}, t("not_found")), el("p", {}, link("/", t("projects"))));
}

export function forbiddenPage() {
  show(el("h1", {}, t("forbidden")), el("p", {}, link("/", t("projects"))));
}

/** An answer no page expected, said plainly (never its body). */
export function unexpectedPage(response) {
  show(el("p", { class: "error" }, t("unexpected", response)));
}
