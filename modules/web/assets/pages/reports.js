// Reports: the submitted ones with their SHA-256, a draft to look at, submitting (for who may),
// and "verify a PDF": whether a file is byte for byte a submitted report, and which, and whether
// its pages are those it was submitted with (revision 1 against the SHA-256 in its metadata).
import { api, bodyOf, projectPath } from "../lib/api.js";
import { cells, el, link, show, table } from "../lib/dom.js";
import { errorMessage, errorsOf } from "../lib/forms.js";
import { language, t } from "../lib/i18n.js";
import { permissionsOf } from "../lib/permissions.js";
import { sessionEnded } from "../lib/session.js";
import { notFoundPage } from "./errors.js";

const REPORT_KINDS = {
  financial: "report.financial_statement.title",
  partner: "report.partner_progress.title",
  project: "report.project_progress.title",
  audit: "report.audit_extract.title",
};

/** Lower-case hex SHA-256 of bytes, computed in the browser. */
async function sha256Hex(bytes) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function describeReport(report) {
  const parts = [`#${report.id}`, t(REPORT_KINDS[report.kind] ?? report.kind)];
  if (report.period) parts.push(t("common.period_number", { number: report.period }));
  if (report.partner) parts.push(report.partner);
  parts.push(report.language.toUpperCase(), report.submitted_at, report.submitted_by);
  return parts.join(" · ");
}

/** The drop zone that tells whether a file is byte for byte a submitted report. */
function verifyBox() {
  const result = el("p", { id: "verify-result", role: "status" }, "");
  const content = el("p", { id: "verify-content" }, "");
  const input = el("input", { type: "file", id: "verify-file", accept: "application/pdf,.pdf" });
  const check = async (file) => {
    result.textContent = t("loading");
    const bytes = await file.arrayBuffer();
    const response = await api("POST", "/reports/verify", undefined,
                               { "Content-Type": "application/pdf" }, bytes);
    const answer = await bodyOf(response);
    if (response.status === 400) return (result.textContent = t("verify_not_pdf"));
    if (!response.ok) return (result.textContent = t("unexpected", response));
    const hash = await sha256Hex(bytes);
    result.textContent = answer.submitted
      ? t("verify_identical", { report: answer.report ? describeReport(answer.report) : "" })
      : t("verify_not_submitted", { sha256: hash });
    result.className = answer.submitted ? "ok" : "error";
    // The check of its pages: revision 1 against the SHA-256 its metadata names.
    const pages = answer.content?.result;
    content.textContent = pages ? t(`verify_content_${pages}`, { length: answer.content.length ?? "" }) : "";
    content.className = pages === "matches" ? "ok" : pages === "differs" ? "error" : "";
  };
  input.addEventListener("change", () => input.files[0] && check(input.files[0]));
  const zone = el("div", { class: "drop", id: "verify-drop" },
    el("label", { for: "verify-file" }, t("verify_label")), input, result, content);
  zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    if (event.dataTransfer.files[0]) check(event.dataTransfer.files[0]);
  });
  return el("section", { "aria-labelledby": "verify-heading" },
            el("h2", { id: "verify-heading" }, t("verify_title")), zone);
}

export async function reportsPage(code) {
  show(el("p", {}, t("loading")));
  const path = projectPath(code);
  const [projectResponse, reportsResponse, partnersResponse, may] = await Promise.all([
    api("GET", path), api("GET", `${path}/reports`), api("GET", `${path}/partners`),
    permissionsOf(code),
  ]);
  if (projectResponse.status === 401) return sessionEnded();
  if (!projectResponse.ok) return notFoundPage();
  const project = await projectResponse.json();
  const reports = reportsResponse.ok ? (await reportsResponse.json()).reports : null;
  const partners = partnersResponse.ok ? (await partnersResponse.json()).partners : [];

  const list = reports === null ? el("p", {}, t("reports_not_yours"))
    : reports.length === 0 ? el("p", { id: "no-reports" }, t("reports_none"))
    : table(t("reports_submitted"),
        [t("report_id"), t("report_kind"), t("common.period"), t("common.partner"),
         t("common.report_language"), t("report_submitted"), "SHA-256", t("download")],
        reports.map((r) => el("tr", { id: `report-${r.id}` }, ...cells([
          String(r.id), t(REPORT_KINDS[r.kind] ?? r.kind), r.period ? String(r.period) : "",
          r.partner ?? "", r.language.toUpperCase(), `${r.submitted_at} · ${r.submitted_by}`,
          el("code", { class: "hash" }, r.sha256),
          el("a", { href: r.links.pdf, download: r.file_name }, t("download"))]))));

  // A draft (rendered now, not stored) or a submission: what the report is of.
  const select = (id, key, options) => [
    el("label", { for: id }, t(key)),
    el("select", { id, name: id }, ...options.map(([value, text]) => el("option", { value }, text))),
  ];
  const form = el("form", { class: "stack", id: "report-form", novalidate: "" },
    el("h2", {}, t("report_new")),
    ...select("kind", "report_kind", Object.entries(REPORT_KINDS).map(([k, key]) => [k, t(key)])),
    ...select("language", "common.report_language", [["lv", "Latviešu"], ["lt", "Lietuvių"], ["en", "English"]]),
    ...select("period", "common.period", [["", "—"], ...(project.periods ?? []).map((p) =>
      [String(p.number), t("common.period_number", { number: p.number })])]),
    ...select("partner", "common.partner", [["", "—"], ...partners.map((p) => [p.code, `${p.code} ${p.name}`])]),
    el("p", { class: "error", role: "alert", id: "report-error" }, ""),
    el("p", { class: "actions" },
      el("button", { type: "button", id: "draft" }, t("report_draft")),
      ...(may.project("write_project") ? [el("button", { type: "submit", id: "submit-report" }, t("report_submit"))] : [])));
  form.elements.language.value = language();
  const selection = () => {
    const wanted = { kind: form.elements.kind.value, language: form.elements.language.value };
    if (form.elements.period.value) wanted.period = Number(form.elements.period.value);
    if (form.elements.partner.value) wanted.partner = form.elements.partner.value;
    return wanted;
  };
  const problem = async (response) => {
    const errors = errorsOf(await bodyOf(response));
    document.getElementById("report-error").textContent = errors.length
      ? errors.map((e) => (e.pointer ? `${e.pointer.slice(1)}: ` : "") + errorMessage(e)).join("; ")
      : t("unexpected", response);
  };
  form.querySelector("#draft").addEventListener("click", async () => {
    const query = new URLSearchParams(Object.entries(selection()).map(([k, v]) => [k, String(v)]));
    const response = await api("GET", `${path}/reports/draft?${query}`);
    if (!response.ok) return problem(response);
    // The draft as a file to keep or open: rendered now, stored nowhere.
    const url = URL.createObjectURL(await response.blob());
    const anchor = el("a", { href: url, download: `${code}-draft.pdf`, id: "draft-link" }, t("report_draft_ready"));
    document.getElementById("report-error").replaceChildren(anchor);
    anchor.click();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await api("POST", `${path}/reports`, selection());
    if (response.status !== 201) return problem(response);
    const report = await response.json();
    await reportsPage(code);
    document.getElementById("status").textContent = t("report_submitted_as", { report: describeReport(report) });
  });

  show(
    el("p", {}, link("/", t("projects")), " · ", link(path, code)),
    el("h1", {}, `${t("reports")} — ${project.acronym}`),
    el("p", { id: "status", role: "status" }, ""),
    list, form, verifyBox(),
  );
}

/** The query of the audit page's filters ("" members left out). */
