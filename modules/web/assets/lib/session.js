// The signed-in user (GET /api/v1/session) and the header's part for them.
import { api } from "./api.js";
import { el, link } from "./dom.js";
import { t } from "./i18n.js";
import { signInPage } from "../pages/signin.js";

let current = null;

/** The session as GET /session answered it (user, roles, session), or null. */
export function session() {
  return current;
}

export function setSession(value) {
  current = value;
  renderAccount();
}

function grants() {
  return current?.roles ?? [];
}

/** The user's grants of a partner (as partner or its controller): where their work is. */
export function partnerGrants() {
  return grants().filter((g) => g.partner && g.project);
}

/** Whether the header links administration: an admin's grant (the API decides). */
export function isAdmin() {
  return grants().some((grant) => grant.role === "admin");
}

/** Whether the header links the audit trail: an admin's or an auditor's grant. */
export function mayReadAudit() {
  return grants().some((grant) => grant.role === "admin" || grant.role === "auditor");
}

/** The signed-in user's part of the header: who, where to go, signing out. */
export function renderAccount() {
  const nav = document.getElementById("account");
  if (!current) {
    nav.replaceChildren();
    nav.removeAttribute("aria-label");
    return;
  }
  nav.setAttribute("aria-label", t("account"));
  nav.replaceChildren(
    el("span", { class: "who" }, current.user.display_name || current.user.name),
    link("/", t("projects")),
    ...(mayReadAudit() ? [link("/audit", t("audit_trail"))] : []),
    ...(isAdmin() ? [link("/admin", t("administration"))] : []),
    link("/password", t("change_password")),
    el("button", {
      type: "button", class: "link", id: "sign-out",
      onclick: async () => {
        await api("DELETE", "/session");
        setSession(null);
        history.pushState({}, "", "/");
        signInPage();
      },
    }, t("sign_out")));
}

/** The API no longer knows the session (expired, or ended elsewhere): say so, then sign in. */
export function sessionEnded() {
  setSession(null);
  signInPage(t("session_ended"));
}
