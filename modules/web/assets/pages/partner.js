// A partner: who it is, its budget by cost category and its co-financing, with the findings at
// them; and editing what the API lets the user edit: the partner's own details (the partner
// itself may), its budget lines and co-financing (the lead and admins).
import { api, partnerPath, projectPath } from "../lib/api.js";
import { cells, choice, el, fact, link, navigate, show, table } from "../lib/dom.js";
import { withFindings } from "../lib/findings.js";
import { CONTRIBUTION_TYPES, LEGAL_STATUSES, labelled } from "../lib/formats.js";
import { memberName, showRefusal } from "../lib/forms.js";
import { amount, editableAmount, label, labelCodes, sum, t, typedAmount } from "../lib/i18n.js";
import { listEditor } from "../lib/listeditor.js";
import { permissionsOf } from "../lib/permissions.js";
import { sessionEnded } from "../lib/session.js";
import { conflictPage, readVersioned, reappliedFields, saveVersioned } from "../lib/versioned.js";
import { notFoundPage, unexpectedPage } from "./errors.js";

function crumbs(code, partnerCode) {
  return [el("p", {}, link(projectPath(code), code), " / ", link(partnerPath(code, partnerCode), partnerCode))];
}

/** The partner page again, with a status text said after the change. */
async function back(code, partnerCode, status) {
  await partnerPage(code, partnerCode);
  if (status) document.getElementById("status").textContent = status;
}

const contributionText = (c) => `${c.source} (${label("contribution", c.type)}) ${amount(c.amount)}`;

function cofinancingSpec(code, partnerCode) {
  return {
    id: "cofinancing", row: "contribution", addId: "add-contribution",
    title: t("edit_cofinancing"), caption: t("fin.contributions"), addLabel: t("add_contribution"),
    columns: [
      { name: "source", label: t("fin.source") },
      { name: "type", label: t("fin.contribution_type"),
        options: labelled("contribution", CONTRIBUTION_TYPES) },
      { name: "amount", label: t("fin.amount"), amount: true },
    ],
    blank: { source: "", type: "public", amount: "" },
    keyOf: (c) => `${c.source}\u0000${c.type}`,
    describe: contributionText,
    breadcrumbs: crumbs(code, partnerCode),
    back: (status) => back(code, partnerCode, status),
  };
}

/**
 * The cost categories of the project's programme rules (GET /rules), with those the budget
 * has already; the reports' labels where the rules are not readable.
 */
async function categoriesOf(code, inUse) {
  const projectResponse = await api("GET", projectPath(code));
  const programme = projectResponse.ok ? (await projectResponse.json()).programme : "";
  const [programmeResponse, rulesResponse] = await Promise.all([
    api("GET", `/programmes/${encodeURIComponent(programme)}`), api("GET", "/rules")]);
  const key = programmeResponse.ok ? (await programmeResponse.json()).rules : "";
  const rules = rulesResponse.ok ? (await rulesResponse.json()).rules.find((r) => r.key === key) : null;
  const known = rules ? rules.categories.map((c) => c.key) : labelCodes("category");
  return [...new Set([...known, ...inUse])];
}

function budgetSpec(code, partnerCode, categories) {
  return {
    id: "budget", row: "line", addId: "add-line",
    title: t("edit_budget"), caption: t("fin.budget_by_category"), addLabel: t("add_budget_line"),
    columns: [
      { name: "category", label: t("fin.cost_category"),
        options: categories.map((c) => [c, label("category", c)]) },
      { name: "amount", label: t("fin.amount"), amount: true },
    ],
    blank: { category: categories[0], amount: "" },
    keyOf: (line) => line.category,
    describe: (line) => `${label("category", line.category)} ${amount(line.amount)}`,
    breadcrumbs: crumbs(code, partnerCode),
    back: (status) => back(code, partnerCode, status),
  };
}

/** The fields of the details form: what the partner may change of itself, and its total. */
function detailFields(withTotal) {
  return [
    { name: "name", label: t("common.name") },
    { name: "country", label: t("common.country"), hint: t("country_hint") },
    { name: "legal_status", label: t("legal_status.title"),
      options: labelled("legal_status", LEGAL_STATUSES) },
    { name: "vat_recoverable", label: t("vat_recoverable"), checkbox: true },
    ...(withTotal ? [{ name: "total", label: t("fin.partner_total"), amount: true }] : []),
  ];
}

function detailText(field, value) {
  if (field.checkbox) return value ? t("yes") : t("no");
  if (field.options) return label("legal_status", value);
  return field.amount ? amount(value) : value ?? "";
}

/**
 * The partner's details: name, country, legal status, VAT, and its total for who may change
 * its figures. Saved as the whole partner (PUT), its other members as they were read.
 * redo: after a conflict, {stored, base, mine}: what is stored now, its version and the
 * user's change applied to it, to start from instead of reading.
 */
async function detailsEditor(code, partnerCode, withTotal, redo) {
  const path = partnerPath(code, partnerCode);
  const read = redo ?? (await readVersioned(path));
  if (!read) return;
  const { stored, base } = read;
  const mine = redo?.mine;
  const fields = detailFields(withTotal);
  const start = mine ?? stored;
  const inputs = fields.map((field) => {
    const id = `partner-${field.name}`;
    const value = start[field.name];
    const input = field.options
      ? choice({ id, name: field.name }, field.options, value)
      : field.checkbox ? el("input", { id, name: field.name, type: "checkbox" })
        : el("input", { id, name: field.name, value: field.amount ? editableAmount(value) : value ?? "",
          ...(field.amount ? { inputmode: "decimal" } : {}),
          ...(field.hint ? { "aria-describedby": `${id}-hint` } : {}) });
    if (field.checkbox) input.checked = Boolean(value);
    const parts = [el("label", { for: id }, field.label), input];
    if (field.hint) parts.push(el("span", { class: "hint", id: `${id}-hint` }, field.hint));
    return el("div", { class: field.checkbox ? "field checkbox" : "field" },
      ...(field.checkbox ? [input, parts[0]] : parts));
  });
  const message = el("p", { class: "error", role: "alert", id: "details-error" },
    mine ? t("conflict_redo") : "");
  const form = el("form", { id: "details-form", class: "stack", novalidate: "" },
    el("h2", {}, t("edit_partner")), message, ...inputs,
    el("p", { class: "actions" },
      el("button", { type: "submit", id: "save-details" }, t("save")), " ",
      el("button", { type: "button", class: "link", onclick: () => back(code, partnerCode) }, t("cancel"))));
  const collect = () => Object.fromEntries(fields.map((field) => {
    const input = form.elements[field.name];
    if (field.checkbox) return [field.name, input.checked];
    if (field.amount) return [field.name, typedAmount(input.value)];
    const value = input.value.trim();
    return [field.name, field.name === "country" ? value.toUpperCase() : value];
  }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const wanted = collect();
    const original = Object.fromEntries(fields.map((f) => [f.name, stored[f.name]]));
    // An empty country is no country (the member is optional).
    const body = { ...stored, ...wanted };
    if (!body.country) delete body.country;
    const outcome = await saveVersioned(path, body, base);
    if (outcome.ended) return sessionEnded();
    if (outcome.saved) return back(code, partnerCode, t("saved"));
    if (outcome.conflict) {
      const current = Object.fromEntries(fields.map((f) => [f.name, outcome.conflict[f.name]]));
      const merged = reappliedFields(original, wanted, current);
      const describe = (values) => table(t("common.partner"), null,
        fields.map((f) => fact(f.label, detailText(f, values[f.name]))));
      return conflictPage({
        current, mine: merged, describe,
        redo: () => detailsEditor(code, partnerCode, withTotal,
          { stored: outcome.conflict, base: outcome.version, mine: merged }),
        discard: () => back(code, partnerCode),
      });
    }
    showRefusal(form, message, outcome.errors, (pointer) => {
      const name = memberName(pointer);
      return name && form.elements[name] ? form.elements[name] : null;
    });
  });
  show(...crumbs(code, partnerCode), form);
}

export async function partnerPage(code, partnerCode) {
  show(el("p", {}, t("loading")));
  const path = projectPath(code);
  const [partnerResponse, findingsResponse, may] = await Promise.all([
    api("GET", partnerPath(code, partnerCode)), api("GET", `${path}/findings`), permissionsOf(code),
  ]);
  if (partnerResponse.status === 401) return sessionEnded();
  // A partner the user may not read is, for them, not there.
  if (partnerResponse.status === 404 || partnerResponse.status === 403) return notFoundPage();
  if (!partnerResponse.ok) return unexpectedPage(partnerResponse);
  const partner = await partnerResponse.json();
  const findings = findingsResponse.ok
    ? (await findingsResponse.json()).findings.filter((f) => f.partner === partner.code)
    : [];
  const budgetFindings = findings.filter((f) => f.code === "budget_mismatch" || f.code === "flat_rate_mismatch");
  const cofinancingFindings = findings.filter((f) => f.code === "contributions_mismatch" || f.code === "fund_rate_exceeded");

  const facts = table(t("common.partner"), null, [
    fact(t("common.code"), partner.code),
    fact(t("common.role"), label("role", partner.role)),
    fact(t("common.country"), partner.country ?? ""),
    fact(t("legal_status.title"), label("legal_status", partner.legal_status)),
    fact(t("vat_recoverable"), partner.vat_recoverable ? t("yes") : t("no"), { id: "partner-vat" }),
    fact(t("fin.partner_total"), amount(partner.total), { id: "partner-total" }, true),
  ]);
  const budget = table(t("fin.budget_by_category"), [t("fin.cost_category"), t("fin.amount")], [
    ...partner.budget.map((line) => el("tr", { id: `budget-${line.category}` },
      ...cells([label("category", line.category), amount(line.amount)], [1]))),
    ...withFindings(el("tr", { id: "budget-total" },
      ...cells([t("common.total"), amount(sum(partner.budget.map((line) => line.amount)))], [1])),
    budgetFindings, 2),
  ], [1]);
  const cofinancing = table(t("fin.contributions"),
    [t("fin.source"), t("fin.contribution_type"), t("fin.amount")], [
      ...partner.cofinancing.map((c, i) => el("tr", { id: `contribution-${i}` },
        ...cells([c.source, label("contribution", c.type), amount(c.amount)], [2]))),
      ...withFindings(el("tr", { id: "contributions-total" },
        ...cells([t("fin.contributions_total"), "", amount(sum(partner.cofinancing.map((c) => c.amount)))], [2])),
      cofinancingFindings, 3),
    ], [2]);

  const figures = may.partner(partner.code, "write_partner_figures");
  const button = (id, key, onclick) => el("button", { type: "button", id, onclick }, t(key));
  const partPath = partnerPath(code, partner.code);
  const actions = [
    ...(may.partner(partner.code, "write_partner")
      ? [button("edit-details", "edit_partner", () => detailsEditor(code, partner.code, figures))] : []),
    ...(figures ? [
      button("edit-budget", "edit_budget", async () => listEditor(
        budgetSpec(code, partner.code, await categoriesOf(code, partner.budget.map((l) => l.category))),
        `${partPath}/budget`)),
      button("edit-cofinancing", "edit_cofinancing", () => listEditor(
        cofinancingSpec(code, partner.code), `${partPath}/cofinancing`)),
    ] : []),
  ];
  if (may.project("write_project") && partner.role !== "lead") {
    // Removing the partner from the project, after asking; its grants end with it.
    actions.push(el("button", {
      type: "button", id: "remove-partner", class: "danger",
      onclick: async () => {
        if (!window.confirm(t("remove_partner_confirm", { partner: partner.code }))) return;
        const response = await api("DELETE", partPath, undefined, { "If-Match": `"${partner.version}"` });
        if (response.status === 401) return sessionEnded();
        if (!response.ok) {
          document.getElementById("status").textContent = response.status === 409
            ? t("partner_changed") : t("unexpected", response);
          return undefined;
        }
        await navigate(path);
        document.getElementById("status").textContent = t("partner_removed", { partner: partner.code });
        return undefined;
      },
    }, t("remove_partner")));
  }
  show(
    el("p", {}, link(path, code)),
    el("h1", {}, `${partner.code} — ${partner.name}`),
    el("p", { id: "status", role: "status" }, ""),
    facts, budget, cofinancing,
    ...(actions.length ? [el("p", { class: "actions" }, ...actions)] : []),
  );
}
