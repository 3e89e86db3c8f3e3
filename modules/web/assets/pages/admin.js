// Administration (admins): users and their grants by role and scope; programmes created,
// changed and deleted.
import { api, bodyOf } from "../lib/api.js";
import { cells, el, fact, show, table } from "../lib/dom.js";
import { errorMessage, errorsOf, memberName, showRefusal } from "../lib/forms.js";
import { t } from "../lib/i18n.js";
import { sessionEnded } from "../lib/session.js";
import { conflictPage, reappliedFields, saveVersioned } from "../lib/versioned.js";
import { forbiddenPage, unexpectedPage } from "./errors.js";

const ROLES = ["admin", "programme", "lead", "partner", "controller", "auditor"];

/** A grant as people read it: "lead LLI-317", "partner LLI-317/PP6", "auditor (all)". */
function grantText(grant) {
  const scope = [grant.programme, grant.project, grant.partner].filter(Boolean);
  const where = grant.partner ? `${grant.project}/${grant.partner}` : grant.project || grant.programme;
  return scope.length ? `${grant.role} ${where}` : `${grant.role} (${t("everywhere")})`;
}

export async function adminPage() {
  show(el("p", {}, t("loading")));
  const [usersResponse, programmesResponse, rulesResponse] = await Promise.all([
    api("GET", "/users"), api("GET", "/programmes"), api("GET", "/rules")]);
  if (usersResponse.status === 401) return sessionEnded();
  if (usersResponse.status === 403) return forbiddenPage();
  if (!usersResponse.ok) return unexpectedPage(usersResponse);
  const { users } = await usersResponse.json();
  const programmes = programmesResponse.ok ? (await programmesResponse.json()).programmes : [];
  const rules = rulesResponse.ok ? (await rulesResponse.json()).rules.map((r) => r.key) : [];
  const status = el("p", { id: "admin-status", role: "status" }, "");
  const problem = async (response) => {
    const errors = errorsOf(await bodyOf(response));
    status.className = "error";
    // Each error with the member it is about (/project: ...).
    status.textContent = errors.length
      ? errors.map((e) => (e.pointer ? `${e.pointer.slice(1)}: ` : "") + errorMessage(e)).join(" ")
      : t("unexpected", response);
  };

  const userRows = users.map((user) => el("tr", { id: `user-${user.name}` }, ...cells([
    user.name, user.display_name,
    el("ul", { class: "grants" }, ...(user.roles ?? []).map((grant) => el("li", {}, grantText(grant), " ",
      el("button", { type: "button", class: "link", onclick: async () => {
        const response = await api("DELETE", `/users/${encodeURIComponent(user.name)}/grants`, grant);
        if (!response.ok) return problem(response);
        await adminPage();
        document.getElementById("admin-status").textContent = t("revoked", { grant: grantText(grant), user: user.name });
      } }, t("revoke"))))),
  ])));
  const usersTable = table(t("users"), [t("user"), t("common.name"), t("roles")], userRows);

  const input = (form, name, key, attributes = {}) => [
    el("label", { for: `${form}-${name}` }, t(key)), el("input", { id: `${form}-${name}`, name, ...attributes })];
  const createForm = el("form", { class: "stack", id: "create-user", novalidate: "" },
    el("h2", {}, t("create_user")),
    ...input("create", "name", "user", { required: "", autocomplete: "off" }),
    ...input("create", "display_name", "display_name"),
    el("button", { type: "submit" }, t("create_user")));
  createForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await api("POST", "/users", {
      name: createForm.elements.name.value.trim(),
      display_name: createForm.elements.display_name.value.trim(),
    });
    if (response.status !== 201) return problem(response);
    const created = await response.json();
    await adminPage();
    const shown = document.getElementById("admin-status");
    shown.className = "ok";
    // The generated password is shown this once; crossgrant keeps only its hash.
    shown.replaceChildren(t("created_user", { user: created.name ?? createForm.elements.name.value }), " ",
      el("code", { id: "generated-password" }, created.password ?? ""));
  });

  const grantForm = el("form", { class: "stack", id: "grant-role", novalidate: "" },
    el("h2", {}, t("grant_role")),
    el("label", { for: "grant-user" }, t("user")),
    el("select", { id: "grant-user", name: "user" }, ...users.map((u) => el("option", { value: u.name }, u.name))),
    el("label", { for: "grant-role-select" }, t("common.role")),
    el("select", { id: "grant-role-select", name: "role" }, ...ROLES.map((r) => el("option", { value: r }, r))),
    ...input("grant", "programme", "common.programme", { list: "programme-codes" }),
    el("datalist", { id: "programme-codes" }, ...programmes.map((p) => el("option", { value: p.code }))),
    ...input("grant", "project", "common.project"),
    ...input("grant", "partner", "common.partner"),
    el("button", { type: "submit" }, t("grant_role")));
  grantForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const grant = { role: grantForm.elements.role.value };
    for (const name of ["programme", "project", "partner"]) {
      const value = grantForm.elements[name].value.trim();
      if (value) grant[name] = value;
    }
    const user = grantForm.elements.user.value;
    const response = await api("POST", `/users/${encodeURIComponent(user)}/grants`, grant);
    if (!response.ok) {
      // The errors at the fields they name (/programme, /project, /partner, /role).
      status.className = "error";
      return showRefusal(grantForm, status, errorsOf(await bodyOf(response)), (pointer) => {
        const name = memberName(pointer);
        return name === "role" ? grantForm.elements.role : grantForm.querySelector(`#grant-${name}`);
      });
    }
    await adminPage();
    const shown = document.getElementById("admin-status");
    shown.className = "ok";
    shown.textContent = t("granted", { grant: grantText(grant), user });
  });

  show(el("h1", {}, t("administration")), status, usersTable, createForm, grantForm,
    programmeSection(programmes, rules, problem));
}


const PROGRAMME_FIELDS = ["code", "name", "rules", "fund"];

/** Says status in the administration page after showing it again. */
async function shown(status, className = "ok") {
  await adminPage();
  const node = document.getElementById("admin-status");
  node.className = className;
  node.textContent = status;
}

/**
 * The form of a programme: a new one (POST) or one to change (PUT on its version, the code
 * fixed). mine: the values to start from (after a conflict).
 */
function programmeForm(programme, rules, mine) {
  const editing = programme !== null;
  const prefix = editing ? `programme-${programme.code}` : "new-programme";
  const start = mine ?? programme ?? { code: "", name: "", rules: "", fund: "" };
  const field = (name, key, attributes = {}) => el("div", { class: "field" },
    el("label", { for: `${prefix}-${name}` }, t(key)),
    el("input", { id: `${prefix}-${name}`, name, value: start[name] ?? "", ...attributes }));
  const message = el("p", { class: "error", role: "alert", id: `${prefix}-error` },
    mine ? t("conflict_redo") : "");
  const form = el("form", { class: "stack", id: `${prefix}-form`, novalidate: "" },
    el(editing ? "h3" : "h2", {}, editing ? t("edit_programme", { code: programme.code }) : t("create_programme")),
    message,
    field("code", "common.code", editing ? { readonly: "" } : { required: "", autocomplete: "off" }),
    field("name", "common.name", { required: "" }),
    field("rules", "rules", { list: `${prefix}-rules-list`, required: "" }),
    el("datalist", { id: `${prefix}-rules-list` }, ...rules.map((key) => el("option", { value: key }))),
    field("fund", "fin.fund", { required: "" }),
    el("p", { class: "actions" },
      el("button", { type: "submit", id: `${prefix}-save` }, editing ? t("save") : t("create_programme")),
      ...(editing ? [" ", el("button", { type: "button", class: "link", onclick: () => adminPage() }, t("cancel"))] : [])));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const wanted = Object.fromEntries(PROGRAMME_FIELDS.map((name) => [name, form.elements[name].value.trim()]));
    let outcome;
    if (editing) {
      outcome = await saveVersioned(`/programmes/${encodeURIComponent(programme.code)}`, wanted,
        programme.etag);
    } else {
      const response = await api("POST", "/programmes", wanted);
      if (response.status === 401) return sessionEnded();
      outcome = response.ok ? { saved: true } : { errors: errorsOf(await bodyOf(response)) };
      if (!response.ok && outcome.errors.length === 0) outcome.errors = [{ message: t("unexpected", response) }];
    }
    if (outcome.ended) return sessionEnded();
    if (outcome.saved) return shown(t(editing ? "programme_saved" : "programme_created", { code: wanted.code }));
    if (outcome.conflict) {
      const current = outcome.conflict;
      const merged = reappliedFields(programme, wanted, current);
      const headings = { code: t("common.code"), name: t("common.name"), rules: t("rules"), fund: t("fin.fund") };
      const describe = (values) => table(t("programmes"), null,
        PROGRAMME_FIELDS.map((name) => fact(headings[name], values[name] ?? "")));
      return conflictPage({
        current, mine: merged, describe,
        // Based on exactly what is stored now (and its version), not on a new reading.
        redo: () => show(el("h1", {}, t("administration")),
          programmeForm({ ...current, etag: outcome.version }, rules, merged)),
        discard: () => adminPage(),
      });
    }
    showRefusal(form, message, outcome.errors, (pointer) => {
      const name = memberName(pointer);
      return name && PROGRAMME_FIELDS.includes(name) ? form.elements[name] : null;
    });
  });
  return form;
}

/** A programme as stored now (with its ETag), or null after saying why not. */
async function storedProgramme(code, problem) {
  const response = await api("GET", `/programmes/${encodeURIComponent(code)}`);
  if (response.status === 401) return sessionEnded();
  if (!response.ok) return problem(response).then(() => null);
  return { ...(await response.json()), etag: response.headers.get("ETag") };
}

/** The form of a stored programme, filled from it. */
async function programmeEditor(code, rules) {
  const programme = await storedProgramme(code, async (response) => shown(t("unexpected", response), "error"));
  if (programme) show(el("h1", {}, t("administration")), programmeForm(programme, rules));
}

/** The programmes, each to change or delete, and a form for a new one. */
function programmeSection(programmes, rules, problem) {
  const rows = programmes.map((p) => el("tr", { id: `programme-${p.code}` }, ...cells([
    p.code, p.name, p.rules, p.fund,
    el("span", { class: "actions" },
      el("button", { type: "button", class: "link", id: `edit-programme-${p.code}`,
        onclick: () => programmeEditor(p.code, rules) }, t("edit")),
      el("button", { type: "button", class: "link", id: `delete-programme-${p.code}`, onclick: async () => {
        // Deleting a programme deletes nothing else: the API refuses while it has projects.
        if (!window.confirm(t("delete_programme_confirm", { code: p.code }))) return;
        const programme = await storedProgramme(p.code, problem);
        if (!programme) return;
        const response = await api("DELETE", `/programmes/${encodeURIComponent(p.code)}`, undefined,
          { "If-Match": programme.etag });
        if (!response.ok) return problem(response);
        await shown(t("programme_deleted", { code: p.code }));
      } }, t("delete"))),
  ])));
  return el("section", { "aria-labelledby": "programmes-heading", class: "stack" },
    el("h2", { id: "programmes-heading" }, t("programmes")),
    table(t("programmes"), [t("common.code"), t("common.name"), t("rules"), t("fin.fund"), t("actions")], rows),
    programmeForm(null, rules));
}
