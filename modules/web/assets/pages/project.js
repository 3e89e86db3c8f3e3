// A project: identification, periods, partners, budget per partner and cost category,
// co-financing, the findings at the figures they concern, and the bundle.
import { api, bodyOf, partnerPath, projectPath } from "../lib/api.js";
import { cells, choice, chosenText, el, fact, link, navigate, show, table } from "../lib/dom.js";
import { findingText, withFindings } from "../lib/findings.js";
import { LEGAL_STATUSES, labelled } from "../lib/formats.js";
import { errorList, errorsOf, memberName, showRefusal } from "../lib/forms.js";
import { amount, date, label, language, sum, t, typedAmount } from "../lib/i18n.js";
import { permissionsOf } from "../lib/permissions.js";
import { sessionEnded } from "../lib/session.js";
import { notFoundPage, unexpectedPage } from "./errors.js";

/**
 * The project's bundle: its export as a download, and for who may replace the project, an
 * import of a changed bundle based on that export (If-Match), refused if the project changed
 * since this page read it.
 */
async function bundleSection(code, mayReplace) {
  const path = `${projectPath(code)}/bundle`;
  const response = await api("GET", path);
  if (!response.ok) return el("div", {});
  const etag = response.headers.get("ETag");
  const text = await response.text();
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const result = el("div", { id: "bundle-result", role: "status" });
  const parts = [
    el("h2", { id: "bundle-heading" }, t("bundle")),
    el("p", {}, el("a", { href: url, download: `${code}.bundle.json`, id: "bundle-export" }, t("bundle_export"))),
  ];
  if (mayReplace) {
    const input = el("input", { type: "file", id: "bundle-file", accept: "application/json,.json" });
    input.addEventListener("change", async () => {
      const body = await chosenText(input);
      if (body === null) return;
      const answer = await api("POST", "/bundles?replace=true", undefined,
        { "If-Match": etag, "Content-Type": "application/json" }, body);
      const json = await bodyOf(answer);
      if (answer.ok) {
        await projectPage(code);
        document.getElementById("bundle-result").replaceChildren(
          el("p", { class: "ok" }, t("bundle_replaced", { findings: json.findings?.length ?? 0 })));
        return;
      }
      result.replaceChildren(
        el("p", { class: "error" }, answer.status === 409 ? t("bundle_changed") : t("bundle_refused")),
        ...(answer.status === 409 ? [] : [errorList("bundle-errors", json, answer)]));
    });
    parts.push(el("label", { for: "bundle-file" }, t("bundle_replace")), input);
  }
  parts.push(result);
  return el("section", { "aria-labelledby": "bundle-heading", class: "stack" }, ...parts);
}

/**
 * A new partner of the project (for who may write it): who it is and its approved total; its
 * budget and co-financing are then given on its page (until they are, its findings say so).
 */
function addPartnerSection(code) {
  const field = (name, key, attributes = {}) => el("div", { class: "field" },
    el("label", { for: `new-partner-${name}` }, t(key)),
    el("input", { id: `new-partner-${name}`, name, ...attributes }));
  const message = el("p", { class: "error", role: "alert", id: "new-partner-error" }, "");
  const form = el("form", { class: "stack", id: "new-partner-form", novalidate: "" },
    el("h2", { id: "new-partner-heading" }, t("add_partner")), message,
    field("code", "common.code", { autocomplete: "off", required: "" }),
    field("name", "common.name", { required: "" }),
    field("country", "common.country", { "aria-describedby": "new-partner-country-hint" }),
    el("span", { class: "hint", id: "new-partner-country-hint" }, t("country_hint")),
    el("div", { class: "field" },
      el("label", { for: "new-partner-legal_status" }, t("legal_status.title")),
      choice({ id: "new-partner-legal_status", name: "legal_status" },
        labelled("legal_status", LEGAL_STATUSES))),
    el("div", { class: "field checkbox" },
      el("input", { id: "new-partner-vat_recoverable", name: "vat_recoverable", type: "checkbox" }),
      el("label", { for: "new-partner-vat_recoverable" }, t("vat_recoverable"))),
    field("total", "fin.partner_total", { inputmode: "decimal" }),
    el("p", { class: "actions" }, el("button", { type: "submit", id: "add-partner" }, t("add_partner"))));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = (name) => form.elements[name].value.trim();
    const partner = {
      code: value("code"), role: "partner", name: value("name"),
      ...(value("country") ? { country: value("country").toUpperCase() } : {}),
      legal_status: form.elements.legal_status.value,
      vat_recoverable: form.elements.vat_recoverable.checked,
      total: typedAmount(value("total") || "0"), budget: [], cofinancing: [],
    };
    const response = await api("POST", `${projectPath(code)}/partners`, partner);
    if (response.status === 401) return sessionEnded();
    if (response.status === 201) return navigate(partnerPath(code, partner.code));
    showRefusal(form, message, errorsOf(await bodyOf(response)), (pointer) => {
      const name = memberName(pointer);
      return name ? form.querySelector(`#new-partner-${name}`) : null;
    });
  });
  return el("section", { "aria-labelledby": "new-partner-heading" }, form);
}

/** Deleting the project (admins), after asking: its partners, grants and figures go too. */
function deleteProjectSection(code) {
  const status = el("p", { class: "error", role: "alert", id: "delete-project-error" }, "");
  return el("section", { "aria-labelledby": "delete-project-heading", class: "stack" },
    el("h2", { id: "delete-project-heading" }, t("delete_project")), status,
    el("p", { class: "actions" }, el("button", {
      type: "button", id: "delete-project", class: "danger",
      onclick: async () => {
        if (!window.confirm(t("delete_project_confirm", { code }))) return;
        const read = await api("GET", projectPath(code));
        if (!read.ok) return notFoundPage();
        const response = await api("DELETE", projectPath(code), undefined, { "If-Match": read.headers.get("ETag") });
        if (response.status === 401) return sessionEnded();
        if (!response.ok) {
          status.textContent = errorsOf(await bodyOf(response)).map((e) => e.message).join(" ") || t("unexpected", response);
          return undefined;
        }
        await navigate("/");
        document.getElementById("main").prepend(el("p", { class: "ok", role: "status", id: "status" },
          t("project_deleted", { code })));
        return undefined;
      },
    }, t("delete_project"))));
}

/** The project's title in the language, else in English, else its acronym. */
export function projectTitle(project) {
  return project.title?.[language()] ?? project.title?.en ?? project.acronym;
}

export async function projectPage(code) {
  show(el("p", {}, t("loading")));
  const path = projectPath(code);
  const [projectResponse, partnersResponse, findingsResponse, may] = await Promise.all([
    api("GET", path), api("GET", `${path}/partners`), api("GET", `${path}/findings`),
    permissionsOf(code),
  ]);
  if (projectResponse.status === 401) return sessionEnded();
  if (projectResponse.status === 404 || projectResponse.status === 403) return notFoundPage();
  if (!projectResponse.ok) return unexpectedPage(projectResponse);
  const project = await projectResponse.json();
  const partners = partnersResponse.ok ? (await partnersResponse.json()).partners : [];
  const findings = findingsResponse.ok ? (await findingsResponse.json()).findings : [];
  const of = (predicate) => findings.filter(predicate);

  const approved = project.approved ?? {};
  const identification = table(t("common.project"), null, [
    fact(t("common.code"), project.code),
    fact(t("common.programme"), project.programme ?? ""),
    fact(t("common.duration"), `${date(project.start)} – ${date(project.end)}`),
    fact(t("common.currency"), project.currency),
    ...withFindings(fact(t("fin.approved_total"), amount(approved.total), { id: "project-total" }, true),
      of((f) => f.code === "project_total_mismatch"), 2),
    ...withFindings(fact(t("fin.fund"), amount(approved.fund), { id: "project-fund" }, true),
      of((f) => f.code === "project_fund_mismatch"), 2),
  ]);

  const periods = table(t("common.period"), [t("common.period"), t("common.duration"), t("pr.progress")],
    (project.periods ?? []).map((p) => el("tr", {}, ...cells([
      t("common.period_number", { number: p.number }),
      t("common.period_range", { start: date(p.start), end: date(p.end) }),
      link(`${path}/periods/${p.number}/progress`, t("pr.statements"))]))));

  const partnerRows = partners.map((p) => el("tr", { id: `partner-${p.code}` }, ...cells([
    Array.isArray(p.budget) ? link(partnerPath(code, p.code), p.code) : p.code,
    p.name, label("role", p.role), p.country ?? "", p.total ? amount(p.total) : ""], [4])));
  const partnerTable = table(t("common.partners"),
    [t("common.code"), t("common.name"), t("common.role"), t("common.country"), t("fin.partner_total")],
    partnerRows, [4]);

  // Budget per partner and cost category: those partners whose figures the user may read.
  const withFigures = partners.filter((p) => Array.isArray(p.budget));
  const categories = [...new Set(withFigures.flatMap((p) => p.budget.map((line) => line.category)))];
  const amountColumns = categories.map((_, i) => i + 1).concat([categories.length + 1]);
  const budgetRows = withFigures.flatMap((p) => {
    const byCategory = new Map(p.budget.map((line) => [line.category, line.amount]));
    return withFindings(el("tr", { id: `budget-${p.code}` }, ...cells(
      [p.code, ...categories.map((c) => amount(byCategory.get(c) ?? "0.00")),
        amount(sum(p.budget.map((l) => l.amount)))], amountColumns)),
    of((f) => f.partner === p.code && f.code === "budget_mismatch"), categories.length + 2);
  });
  const budget = table(t("fin.budget_by_category"),
    [t("common.partner"), ...categories.map((c) => label("category", c)), t("common.total")],
    budgetRows, amountColumns);

  // Co-financing: each partner's contributions and their sum, marked where it misses the total.
  const cofinancingRows = withFigures.flatMap((p) => withFindings(
    el("tr", { id: `cofinancing-${p.code}` }, ...cells([
      p.code,
      p.cofinancing.map((c) => `${c.source} (${label("contribution", c.type)}) ${amount(c.amount)}`).join("; "),
      amount(sum(p.cofinancing.map((c) => c.amount))), amount(p.total)], [2, 3])),
    of((f) => f.partner === p.code && (f.code === "contributions_mismatch" || f.code === "fund_rate_exceeded")),
    4));
  const cofinancing = table(t("fin.contributions"),
    [t("common.partner"), t("fin.contributions"), t("fin.contributions_total"), t("fin.partner_total")],
    cofinancingRows, [2, 3]);

  const list = findings.length === 0
    ? el("p", {}, t("findings.none"))
    : el("ul", {}, ...findings.map((f) => el("li", {}, f.partner ? `${f.partner}: ` : "", findingText(f))));

  show(
    el("p", {}, link("/", t("projects")), " · ", link(`${path}/work-plan`, t("wp.title")),
      " · ", link(`${path}/reports`, t("reports")),
      ...(may.project("write_project") ? [" · ", link(`${path}/edit`, t("edit_project"))] : [])),
    el("h1", {}, `${project.acronym} — ${projectTitle(project)}`),
    el("p", { id: "status", role: "status" }, ""),
    identification, periods, partnerTable,
    ...(withFigures.length ? [budget, cofinancing] : []),
    el("h2", {}, t("findings.title")), list,
  );
  const main = document.getElementById("main");
  if (may.project("write_project")) main.append(addPartnerSection(code));
  if (may.project("manage")) main.append(deleteProjectSection(code));
  // The bundle comes after the figures are shown, for those who may read it.
  if (may.project("read_project_data")) {
    const section = await bundleSection(code, may.project("write_project"));
    // (unless the user went to another page meanwhile)
    if (identification.isConnected) document.getElementById("main").append(section);
  }
}
