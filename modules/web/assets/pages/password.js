// Changing one's password, with the rules explained; it ends every session of the user.
import { api, bodyOf } from "../lib/api.js";
import { el, show } from "../lib/dom.js";
import { errorMessage } from "../lib/forms.js";
import { t } from "../lib/i18n.js";
import { setSession } from "../lib/session.js";
import { signInPage } from "./signin.js";

export function passwordPage() {
  const error = el("p", { class: "error", role: "alert", id: "password-error" }, "");
  const field = (id, key, autocomplete) => [
    el("label", { for: id }, t(key)),
    el("input", { id, name: id, type: "password", autocomplete, required: "" }),
  ];
  const form = el("form", { class: "stack", novalidate: "", id: "password-form" },
    el("h1", {}, t("change_password")),
    el("p", { id: "password-rules" }, t("password_rules")),
    error,
    ...field("current", "current_password", "current-password"),
    ...field("new", "new_password", "new-password"),
    ...field("repeat", "repeat_password", "new-password"),
    el("button", { type: "submit" }, t("change_password")));
  form.elements.new.setAttribute("aria-describedby", "password-rules");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    for (const input of form.querySelectorAll("input")) input.removeAttribute("aria-invalid");
    if (form.elements.new.value !== form.elements.repeat.value) {
      form.elements.repeat.setAttribute("aria-invalid", "true");
      error.textContent = t("passwords_differ");
      return form.elements.repeat.focus();
    }
    const response = await api("POST", "/session/password",
                               { current: form.elements.current.value, new: form.elements.new.value });
    if (response.status === 204) {
      // Changing the password ends every session of the user, this one too.
      setSession(null);
      history.pushState({}, "", "/");
      return signInPage(t("password_changed"));
    }
    const body = await bodyOf(response);
    const pointer = body.error?.pointer ?? "";
    const input = pointer === "/new" ? form.elements.new
      : pointer === "/current" || response.status === 401 ? form.elements.current : null;
    input?.setAttribute("aria-invalid", "true");
    // The rule a new password breaks, as the server words it (without its pointer).
    const first = body.error?.errors?.[0] ?? body.error;
    const detail = first ? errorMessage(first) : undefined;
    error.textContent = input === form.elements.current ? t("current_password_wrong")
      : detail ?? t("unexpected", response);
    input?.focus();
  });
  show(form);
}
