// What the lead partner and the partners write about one period for the progress reports: the
// project's statement (the lead's summary and problems and deviations) and each partner's, with
// the progress of every activity the partner is responsible for that runs in the period. Who
// may write a statement edits it here in the user's language (the other languages are kept);
// everyone else reads what the server lets them read.
import { api, bodyOf, projectPath } from "../lib/api.js";
import { el, link, show } from "../lib/dom.js";
import { errorsOf, showRefusal } from "../lib/forms.js";
import { date, language, t } from "../lib/i18n.js";
import { permissionsOf } from "../lib/permissions.js";
import { sessionEnded } from "../lib/session.js";
import { notFoundPage, unexpectedPage } from "./errors.js";

function inLanguage(texts) {
  if (!texts) return "";
  return texts[language()] ?? texts.en ?? Object.values(texts)[0] ?? "";
}

/** texts with the user's language set to value ("" removes it); undefined when none is left. */
function withMine(texts, value) {
  const out = { ...(texts ?? {}) };
  if (value.trim() === "") delete out[language()];
  else out[language()] = value.trim();
  return Object.keys(out).length ? out : undefined;
}

const overlaps = (range, period) => range?.start && range.start <= period.end && (range.end ?? range.start) >= period.start;

/** The partner's activities that are planned or ran in the period, in work-plan order. */
function activitiesIn(plan, partner, period) {
  return plan.work_packages.flatMap((wp) => wp.activities)
    .filter((a) => a.partner === partner && (overlaps(a.planned, period) || overlaps(a.actual, period)));
}

function area(id, caption, value, hint) {
  return el("div", { class: "field" },
    el("label", { for: id }, caption),
    ...(hint ? [el("p", { class: "hint", id: `${id}-hint` }, hint)] : []),
    el("textarea", { id, name: id, rows: "4", ...(hint ? { "aria-describedby": `${id}-hint` } : {}) }, value));
}

/** One statement: its texts to read, or its form for who may write it. */
function statementSection({ code, period, statement, writable, activities, title, activityTitle }) {
  const key = statement.partner || "project";
  const path = `${projectPath(code)}/periods/${period.number}/statements/${encodeURIComponent(key)}`;
  const changed = statement.version
    ? el("p", { class: "hint" }, t("pr.changed", { user: statement.changed_by, date: date(statement.changed_at.slice(0, 10)) }))
    : el("p", { class: "hint" }, t("pr.not_written"));
  if (!writable) {
    const read = (caption, texts) => (texts ? [el("h3", {}, caption), el("p", { class: "prose" }, inLanguage(texts))] : []);
    return el("section", { id: `statement-${key}`, class: "stack" }, el("h2", {}, title), changed,
      ...read(t("pr.summary"), statement.summary), ...read(t("pr.problems"), statement.problems),
      ...activities.flatMap((a) => read(activityTitle(a), statement.activities?.[a.code])));
  }
  const message = el("p", { class: "error", role: "alert", id: `statement-${key}-error` }, "");
  const form = el("form", { id: `statement-${key}-form`, class: "stack", novalidate: "" },
    area(`${key}-summary`, t("pr.summary"), inLanguage(statement.summary), t("pr.summary_hint")),
    area(`${key}-problems`, t("pr.problems"), inLanguage(statement.problems), t("pr.problems_hint")),
    ...activities.map((a) => area(`${key}-activity-${a.code}`, activityTitle(a), inLanguage(statement.activities?.[a.code]))),
    message,
    el("p", { class: "actions" }, el("button", { type: "submit", id: `save-statement-${key}` }, t("save"))));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = (id) => form.elements[id].value;
    const body = {};
    const summary = withMine(statement.summary, value(`${key}-summary`));
    const problems = withMine(statement.problems, value(`${key}-problems`));
    if (summary) body.summary = summary;
    if (problems) body.problems = problems;
    if (statement.partner) {
      body.activities = {};
      // Texts of activities not shown here (another period's) are kept as they are.
      for (const [activity, texts] of Object.entries(statement.activities ?? {})) body.activities[activity] = texts;
      for (const a of activities) {
        const texts = withMine(statement.activities?.[a.code], value(`${key}-activity-${a.code}`));
        if (texts) body.activities[a.code] = texts;
        else delete body.activities[a.code];
      }
    }
    const response = await api("PUT", path, body, statement.version ? { "If-Match": `"${statement.version}"` } : {});
    if (response.status === 401) return sessionEnded();
    if (response.ok) {
      await progressPage(code, period.number);
      document.getElementById("status").textContent = t("pr.saved", { statement: title });
      return undefined;
    }
    if (response.status === 409) {
      message.textContent = t("pr.conflict");
      return undefined;
    }
    const fieldOf = (pointer) => {
      const parts = pointer.split("/").filter(Boolean);
      const id = parts[0] === "activities" ? `${key}-activity-${parts[1]}` : `${key}-${parts[0]}`;
      return form.elements[id] ?? null;
    };
    showRefusal(form, message, errorsOf(await bodyOf(response)), fieldOf);
    return undefined;
  });
  return el("section", { id: `statement-${key}`, class: "stack" }, el("h2", {}, title), changed, form);
}

export async function progressPage(code, number) {
  show(el("p", {}, t("loading")));
  const path = projectPath(code);
  const [projectResponse, planResponse, partnersResponse, statementsResponse] = await Promise.all([
    api("GET", path), api("GET", `${path}/work-plan`), api("GET", `${path}/partners`),
    api("GET", `${path}/periods/${encodeURIComponent(number)}/statements`)]);
  if ([projectResponse, statementsResponse].some((r) => r.status === 401)) return sessionEnded();
  if (projectResponse.status === 404 || statementsResponse.status === 404) return notFoundPage();
  if (!projectResponse.ok) return unexpectedPage(projectResponse);
  if (!statementsResponse.ok) return unexpectedPage(statementsResponse);
  const project = await projectResponse.json();
  const plan = planResponse.ok ? await planResponse.json() : { work_packages: [] };
  const names = new Map(((partnersResponse.ok ? await partnersResponse.json() : {}).partners ?? []).map((p) => [p.code, p.name]));
  const { statements } = await statementsResponse.json();
  const may = await permissionsOf(code);
  const period = project.periods.find((p) => String(p.number) === String(number));

  const activityTitle = (a) => t("pr.activity_progress", { activity: `${a.code} ${inLanguage(a.title)}` });
  const sections = statements.map((statement) => statementSection({
    code, period, statement, activityTitle,
    writable: statement.partner ? may.partner(statement.partner, "write_partner_work") : may.project("write_project"),
    activities: statement.partner ? activitiesIn(plan, statement.partner, period) : [],
    title: statement.partner ? `${statement.partner} ${names.get(statement.partner) ?? ""}`.trim() : t("pr.project_statement"),
  }));
  const periods = el("nav", { "aria-label": t("common.period") }, el("ul", { class: "inline" },
    ...project.periods.map((p) => el("li", {}, p.number === period.number
      ? el("span", { "aria-current": "page" }, t("common.period_number", { number: p.number }))
      : link(`${path}/periods/${p.number}/progress`, t("common.period_number", { number: p.number }))))));
  show(
    el("p", {}, link(path, code), " · ", link(`${path}/work-plan`, t("wp.title")), " · ", link(`${path}/reports`, t("reports"))),
    el("h1", {}, t("pr.title", { project: project.acronym, period: period.number })),
    el("p", {}, t("common.period_range", { start: date(period.start), end: date(period.end) })),
    periods,
    el("p", { id: "status", role: "status" }, ""),
    ...sections,
  );
  return undefined;
}
