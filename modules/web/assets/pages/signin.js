// Signing in: the API sets the session cookie and its CSRF cookie.
import { api } from "../lib/api.js";
import { el, reroute, show } from "../lib/dom.js";
import { t } from "../lib/i18n.js";

export function signInPage(message) {
  const error = el("p", { class: "error", role: "alert", id: "sign-in-error" }, message ?? "");
  const form = el("form", { class: "stack", novalidate: "" },
    el("h1", {}, t("sign_in")),
    error,
    el("label", { for: "user" }, t("user")),
    el("input", { id: "user", name: "user", autocomplete: "username", required: "" }),
    el("label", { for: "password" }, t("password")),
    el("input", {
      id: "password", name: "password", type: "password", autocomplete: "current-password",
      required: "",
    }),
    el("button", { type: "submit" }, t("sign_in")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await api("POST", "/session", {
      user: form.elements.user.value,
      password: form.elements.password.value,
    });
    if (response.status === 201) return reroute();
    error.textContent = response.status === 401 ? t("login_failed") : t("unexpected", response);
  });
  show(form);
}
