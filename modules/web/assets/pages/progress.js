// What the lead partner and the partners write about one period for the progress reports: the
// project's statement (the lead's summary and problems and deviations) and each partner's, with
// the progress of every activity the partner is responsible for that runs in the period. Who
// may write a statement edits it here in the user's language (the other languages are kept);
// everyone else reads what the server lets them read.
import { api, bodyOf, projectPath } from "../lib/api.js";
import { el, link, show } from "../lib/dom.js";
import { errorsOf, showRefusal } from "../lib/forms.js";
import { date, inLanguage, language, otherLanguages, t, withMine } from "../lib/i18n.js";
import { permissionsOf } from "../lib/permissions.js";
import { sessionEnded } from "../lib/session.js";
import { notFoundPage, unexpectedPage } from "./errors.js";

/** texts with the user's language set to value ("" removes it); undefined when none is left. */
function written(texts, value) {
  const out = withMine(texts, value);
  return Object.keys(out).length ? out : undefined;
}

/**
 * Whether an activity runs in the period, as the progress report decides: its actual dates where
 * it has them, else the planned ones; one that is ongoing runs until it is done, however late.
 */
function runsIn(activity, period, project) {
  const start = activity.actual?.start ?? activity.planned.start;
  const end = activity.actual?.end
    ?? (activity.status === "ongoing" ? [activity.planned.end, project.end].sort().at(-1) : activity.planned.end);
  return start <= period.end && end >= period.start;
}

/** The partner's activities that run in the period, or have a progress text for it, in work-plan order. */
function activitiesIn(plan, project, statement, period) {
  return plan.work_packages.flatMap((wp) => wp.activities).filter((a) => a.partner === statement.partner &&
    (runsIn(a, period, project) || statement.activities?.[a.code]));
}

/** A text to write in the user's language; what the other languages say shows as a hint. */
function area(id, caption, texts, hint) {
  const hints = [hint, otherLanguages(texts)].filter(Boolean).join(" ");
  return el("div", { class: "field" },
    el("label", { for: id }, caption),
    ...(hints ? [el("p", { class: "hint", id: `${id}-hint` }, hints)] : []),
    el("textarea", { id, name: id, rows: "4", ...(hints ? { "aria-describedby": `${id}-hint` } : {}) },
      texts?.[language()] ?? ""));
}

/** One statement: its texts to read, or its form for who may write it. */
function statementSection({ code, period, statement, writable, activities, owned, title, activityTitle }) {
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
    area(`${key}-summary`, t("pr.summary"), statement.summary, t("pr.summary_hint")),
    area(`${key}-problems`, t("pr.problems"), statement.problems, t("pr.problems_hint")),
    ...activities.map((a) => area(`${key}-activity-${a.code}`, activityTitle(a), statement.activities?.[a.code])),
    message,
    el("p", { class: "actions" }, el("button", { type: "submit", id: `save-statement-${key}` }, t("save"))));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = (id) => form.elements[id].value;
    const body = {};
    const summary = written(statement.summary, value(`${key}-summary`));
    const problems = written(statement.problems, value(`${key}-problems`));
    if (summary) body.summary = summary;
    if (problems) body.problems = problems;
    if (statement.partner) {
      body.activities = {};
      // Texts of the partner's activities not shown here are kept as they are; those of
      // activities it no longer has (gone, or handed to another partner) are dropped.
      for (const [activity, texts] of Object.entries(statement.activities ?? {}))
        if (owned.has(activity)) body.activities[activity] = texts;
      for (const a of activities) {
        const texts = written(statement.activities?.[a.code], value(`${key}-activity-${a.code}`));
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
    if (response.status === 409 || response.status === 428) {  // saved by someone meanwhile
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
    activities: statement.partner ? activitiesIn(plan, project, statement, period) : [],
    owned: new Set(plan.work_packages.flatMap((wp) => wp.activities).filter((a) => a.partner === statement.partner).map((a) => a.code)),
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
