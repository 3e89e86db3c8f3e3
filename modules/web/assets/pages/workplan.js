// A project's work plan: its work packages with their activities, the events held under them
// with their participants by target group, and the indicators with what they achieved period
// by period; the findings at the activity, event or indicator they concern. Who may change an
// activity or event (its own partner, the lead) edits or deletes it here and adds activities
// and events; the lead adds, edits and deletes work packages and indicators. The server
// decides; the page offers only what GET …/permissions allows.
import { api, bodyOf, projectPath } from "../lib/api.js";
import { cells, choice, el, link, show, table } from "../lib/dom.js";
import { withFindings } from "../lib/findings.js";
import { errorsOf, memberName, showRefusal } from "../lib/forms.js";
import {
  amount, date, editableAmount, hasText, inLanguage, label, language, otherLanguages, t, typedAmount, withMine,
} from "../lib/i18n.js";
import { permissionsOf } from "../lib/permissions.js";
import { sessionEnded } from "../lib/session.js";
import { conflictPage, readVersioned, saveVersioned } from "../lib/versioned.js";
import { notFoundPage, unexpectedPage } from "./errors.js";

/** A key's label from the programme rules' list (target groups, event kinds). */
function ruleLabel(list, key) {
  const item = list.find((entry) => entry.key === key);
  return item ? item.labels[language()] ?? item.label : key;
}

function range(start, end) {
  if (!start) return "";
  return !end || end === start ? date(start) : t("common.period_range", { start: date(start), end: date(end) });
}

/** The programme rules of the project (GET /rules), or empty lists when they are not readable. */
async function rulesOf(project) {
  const [programmeResponse, rulesResponse] = await Promise.all([
    api("GET", `/programmes/${encodeURIComponent(project.programme)}`), api("GET", "/rules")]);
  const key = programmeResponse.ok ? (await programmeResponse.json()).rules : "";
  const rules = rulesResponse.ok ? (await rulesResponse.json()).rules.find((r) => r.key === key) : null;
  return rules ?? { target_groups: [], event_kinds: [], indicators: [] };
}

const STATUSES = ["planned", "ongoing", "done", "cancelled"];

/** What the page and its forms read once. */
async function load(code) {
  const path = projectPath(code);
  const responses = await Promise.all([
    api("GET", path), api("GET", `${path}/work-plan`), api("GET", `${path}/events`),
    api("GET", `${path}/indicators`), api("GET", `${path}/findings`), api("GET", `${path}/partners`),
  ]);
  const [projectResponse] = responses;
  if (projectResponse.status === 401) return { ended: true };
  if (!projectResponse.ok) return { missing: projectResponse };
  const [project, plan, events, indicators, findings, partners] = await Promise.all(
    responses.map(async (r) => (r.ok ? r.json() : null)));
  const [rules, may] = await Promise.all([rulesOf(project), permissionsOf(code)]);
  return {
    project, rules, may,
    workPackages: plan?.work_packages ?? [],
    events: events?.events ?? [],
    indicators: indicators?.indicators ?? [],
    findings: findings?.findings ?? [],
    partners: (partners?.partners ?? []).map((p) => p.code),
  };
}

/** The partners whose work the user may change. */
const ownPartners = (data) => data.partners.filter((p) => data.may.partner(p, "write_partner_work"));

// ---- the forms of an activity and an event

/**
 * A field of a form: text, date, time, number, amount (typed in the language's way), select
 * (options [[value, text]]), checkbox, or texts (the user's language of a language object, the
 * other languages kept as they are). A virtual field is no path of the object: it shows get(object)
 * and the form's finish(body, form) puts its value where it belongs.
 */
function input(field, value, hint = "") {
  const id = `wp-${field.name.replaceAll("/", "-")}`;
  const attributes = { id, name: field.name, ...(hint ? { "aria-describedby": `${id}-hint` } : {}) };
  let node;
  if (field.options) node = choice(attributes, field.options, value ?? field.options[0]?.[0]);
  else if (field.type === "checkbox") {
    node = el("input", { ...attributes, type: "checkbox" });
    node.checked = Boolean(value);
  } else {
    node = el("input", { ...attributes, type: field.type === "amount" ? "text" : field.type ?? "text", value: value ?? "",
      ...(field.type === "number" ? { min: "0", step: "1", inputmode: "numeric" } : {}),
      ...(field.type === "amount" ? { inputmode: "decimal" } : {}) });
  }
  if (field.readOnly) node.setAttribute("readonly", "");
  const caption = el("label", { for: id }, field.label);
  const hints = hint ? [el("p", { class: "hint", id: `${id}-hint` }, hint)] : [];
  return el("div", { class: field.type === "checkbox" ? "field checkbox" : "field" },
    ...(field.type === "checkbox" ? [node, caption] : [caption, ...hints, node]));
}

/** The value a field's input holds, as the API takes it. */
function valueOf(form, field) {
  const node = form.elements[field.name];
  if (field.type === "checkbox") return node.checked;
  const text = node.value.trim();
  if (field.type === "number") return text === "" ? undefined : /^\d+$/.test(text) ? Number(text) : text;
  if (field.type === "amount") return text === "" ? undefined : typedAmount(text);
  return text === "" ? undefined : text;
}

/** Field name ("participants/by_target_group/youth") to the value at that path of object. */
const at = (object, name) => name.split("/").reduce((o, part) => (o == null ? undefined : o[part]), object);

/** object with the value at a field's path set (undefined: removed). */
function put(object, name, value) {
  const parts = name.split("/");
  const last = parts.pop();
  let node = object;
  for (const part of parts) node = node[part] ??= {};
  if (value === undefined) delete node[last];
  else node[last] = value;
  return object;
}

function eventFields(data, creating) {
  const activities = data.workPackages.flatMap((wp) => wp.activities.map((a) => [a.code, `${a.code} ${inLanguage(a.title)}`]));
  return [
    { name: "code", label: t("common.code"), readOnly: !creating },
    { name: "activity", label: t("wp.activity"), options: activities },
    { name: "kind", label: t("wp.kind"), options: data.rules.event_kinds.map((k) => [k.key, ruleLabel(data.rules.event_kinds, k.key)]) },
    { name: "title", label: t("common.title"), texts: true },
    { name: "start", label: t("wp.start"), type: "date" },
    { name: "end", label: t("wp.end"), type: "date" },
    { name: "time", label: t("wp.time"), type: "time" },
    { name: "place", label: t("wp.place") },
    { name: "online", label: t("wp.online"), type: "checkbox" },
    { name: "partner", label: t("wp.organiser"), options: ownPartners(data).map((p) => [p, p]) },
    { name: "participants/total", label: t("wp.attendances"), type: "number" },
    { name: "participants/unique", label: t("wp.unique_people"), type: "number" },
    ...data.rules.target_groups.map((g) => ({
      name: `participants/by_target_group/${g.key}`, label: ruleLabel(data.rules.target_groups, g.key), type: "number",
    })),
  ];
}

/** The partners a select offers: those whose work the user may change (all of them for the lead). */
const partnerOptions = (data) => ownPartners(data).map((p) => [p, p]);

function activityFields(data, creating = false) {
  return [
    { name: "code", label: t("common.code"), readOnly: !creating },
    { name: "title", label: t("common.title"), texts: true },
    { name: "status", label: t("wp.status"), options: STATUSES.map((s) => [s, label("status", s)]) },
    { name: "planned/start", label: t("wp.planned_start"), type: "date" },
    { name: "planned/end", label: t("wp.planned_end"), type: "date" },
    { name: "actual/start", label: t("wp.actual_start"), type: "date" },
    { name: "actual/end", label: t("wp.actual_end"), type: "date" },
    { name: "location", label: t("wp.location") },
    { name: "partner", label: t("wp.responsible"), options: partnerOptions(data) },
  ];
}

function workPackageFields(data, creating) {
  return [
    { name: "code", label: t("common.code"), readOnly: !creating },
    { name: "title", label: t("common.title"), texts: true },
    { name: "lead", label: t("wp.lead_partner"), options: data.partners.map((p) => [p, p]) },
  ];
}

/**
 * An indicator's fields: what it measures, and where its values come from: recorded per period
 * (a field per period of the project), or counted from events (people or attendances, of the
 * target groups and event kinds ticked; none ticked: all).
 */
function indicatorFields(data, creating) {
  const events = (i) => (typeof i.source === "object" ? i.source.events : null);
  const recorded = (i, period) => i.values?.find((v) => v.period === period)?.value;
  const programme = data.rules.indicators.map((p) => [p.code, `${p.code} ${inLanguage(p.name)}`]);
  return [
    { name: "code", label: t("common.code"), readOnly: !creating },
    { name: "programme_indicator", label: t("wp.programme_indicator"), options: [["", t("wp.none_chosen")], ...programme] },
    { name: "name", label: t("common.name"), texts: true },
    { name: "unit", label: t("wp.unit") },
    { name: "kind", label: t("wp.indicator_kind"), options: ["output", "result"].map((k) => [k, t(`wp.kind_${k}`)]) },
    { name: "baseline", label: t("wp.baseline"), type: "amount" },
    { name: "target", label: t("wp.target"), type: "amount" },
    { name: "_source", label: t("wp.source"), virtual: true, get: (i) => (events(i) ? "events" : "recorded"),
      options: [["recorded", t("wp.source_recorded")], ["events", t("wp.source_events")]] },
    { name: "_measure", label: t("wp.measure"), virtual: true, get: (i) => events(i)?.measure ?? "unique",
      options: [["unique", t("wp.measure_unique")], ["total", t("wp.measure_total")]] },
    ...data.rules.target_groups.map((g) => ({
      name: `_group/${g.key}`, label: `${t("wp.counted_group")}: ${ruleLabel(data.rules.target_groups, g.key)}`,
      type: "checkbox", virtual: true, get: (i) => events(i)?.target_groups?.includes(g.key) ?? false })),
    ...data.rules.event_kinds.map((k) => ({
      name: `_kind/${k.key}`, label: `${t("wp.counted_kind")}: ${ruleLabel(data.rules.event_kinds, k.key)}`,
      type: "checkbox", virtual: true, get: (i) => events(i)?.kinds?.includes(k.key) ?? false })),
    ...(data.project.periods ?? []).map((p) => ({
      name: `_value/${p.number}`, label: t("wp.recorded_in", { period: p.number }), type: "amount", virtual: true,
      get: (i) => recorded(i, p.number) })),
  ];
}

/** Puts an indicator form's source and recorded values into its body. */
function indicatorFinish(data) {
  return (body, form) => {
    const ticked = (prefix, list) => list.map((x) => x.key).filter((key) => form.elements[`${prefix}/${key}`]?.checked);
    if (!body.programme_indicator) delete body.programme_indicator;
    delete body.values;
    if (form.elements._source.value === "events") {
      const events = { measure: form.elements._measure.value };
      const groups = ticked("_group", data.rules.target_groups);
      const kinds = ticked("_kind", data.rules.event_kinds);
      if (groups.length) events.target_groups = groups;
      if (kinds.length) events.kinds = kinds;
      body.source = { events };
      return;
    }
    body.source = "recorded";
    body.values = (data.project.periods ?? []).flatMap((p) => {
      const text = form.elements[`_value/${p.number}`].value.trim();
      return text === "" ? [] : [{ period: p.number, value: typedAmount(text) }];
    });
  };
}

/**
 * What a form shows of an object: texts in the user's language only (what the others say is the
 * field's hint, so that saving never files one language's text under another), amounts to
 * edit, the rest by path.
 */
function shown(object, field) {
  if (field.get) return field.get(object);
  const value = at(object, field.name);
  if (field.type === "amount") return editableAmount(value);
  return field.texts ? value?.[language()] : value;
}

/** The object the form describes: stored with the form's values put in. */
function collect(form, fields, stored, finish) {
  const body = structuredClone(stored);
  delete body.version;
  for (const field of fields) {
    if (field.readOnly || field.virtual) continue;
    const value = valueOf(form, field);
    if (field.texts) put(body, field.name, withMine(at(stored, field.name), value));
    else put(body, field.name, value);
  }
  // Empty parts the API would refuse as empty objects are left out.
  if (body.actual && Object.keys(body.actual).length === 0) delete body.actual;
  if (body.participants?.by_target_group && Object.keys(body.participants.by_target_group).length === 0 &&
      !stored.participants?.by_target_group) delete body.participants.by_target_group;
  finish?.(body, form);
  return body;
}

/**
 * The form of one object: filled from stored (or redo.mine after a conflict), saved with POST
 * (creating) or PUT based on its version; errors at their fields, a conflict shown beside the
 * change applied again.
 */
function objectForm({ code, kind, path, fields, stored, base, creating, redo, finish }) {
  const start = redo?.mine ?? stored;
  const message = el("p", { class: "error", role: "alert", id: `${kind}-error` }, redo ? t("conflict_redo") : "");
  const form = el("form", { id: `${kind}-form`, class: "stack", novalidate: "" },
    el("h2", {}, t(creating ? `wp.add_${kind}` : `wp.edit_${kind}`)), message,
    ...fields.map((field) => input(field, shown(start, field), field.texts ? otherLanguages(at(start, field.name)) : "")),
    el("p", { class: "actions" },
      el("button", { type: "submit", id: `save-${kind}` }, t("save")), " ",
      el("button", { type: "button", class: "link", onclick: () => workPlanPage(code) }, t("cancel"))));
  const fieldOf = (pointer) => {
    const name = pointer.replace(/^\//, "");
    const direct = form.elements[name];
    if (direct) return direct;
    // "/title/lv" and the like: the field of the object they are in.
    const top = memberName(`/${name.split("/")[0]}`);
    return top && form.elements[top] ? form.elements[top] : null;
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = collect(form, fields, start, finish);
    const outcome = creating ? await create(path, body) : await saveVersioned(path, body, base);
    if (outcome.ended) return sessionEnded();
    if (outcome.saved) return back(code, t("saved"));
    if (outcome.conflict) {
      // The fields the user changed, applied to what is stored now; the others as stored.
      const current = outcome.conflict;
      const mine = structuredClone(current);
      delete mine.version;
      for (const field of fields) {
        const wanted = valueOf(form, field);
        if (field.readOnly || field.virtual || String(wanted ?? "") === String(shown(start, field) ?? "")) continue;
        if (field.texts)
          put(mine, field.name, withMine(at(current, field.name), wanted));
        else put(mine, field.name, wanted);
      }
      finish?.(mine, form);
      const describe = (values) => table(t(`wp.${kind}`), null, fields.map((f) =>
        el("tr", {}, el("th", { scope: "row" }, f.label), el("td", {}, String(shown(values, f) ?? "")))));
      return conflictPage({
        current, mine, describe,
        redo: () => show(objectForm({ code, kind, path, fields, stored: current, base: outcome.version,
          creating: false, redo: { mine }, finish })),
        discard: () => workPlanPage(code),
      });
    }
    showRefusal(form, message, outcome.errors, fieldOf);
    return undefined;
  });
  return form;
}

/** POSTs a new object: {saved}, {ended} or {errors} as saveVersioned answers. */
async function create(path, body) {
  const response = await api("POST", path, body);
  if (response.ok) return { saved: true };
  if (response.status === 401) return { ended: true };
  const errors = errorsOf(await bodyOf(response));
  return { errors: errors.length ? errors : [{ pointer: "", message: t("unexpected", response) }] };
}

const trail = (code) =>
  el("p", {}, link(projectPath(code), code), " / ", link(`${projectPath(code)}/work-plan`, t("wp.title")));

async function editObject(code, kind, path, fields, finish) {
  const read = await readVersioned(path);
  if (!read) return;
  show(trail(code), objectForm({ code, kind, path, fields, stored: read.stored, base: read.base, creating: false, finish }));
}

/** A form for a new object of kind, filled from blank, POSTed to the collection. */
function addObject(code, kind, collection, fields, blank, finish) {
  show(trail(code), objectForm({ code, kind, path: `${projectPath(code)}/${collection}`, fields, stored: blank, creating: true, finish }));
}

/**
 * Deletes an object once the user confirms, based on the version just read; what the server
 * refuses (a work package that still has activities, an object changed meanwhile) is said in
 * the page's status line.
 */
async function removeObject(code, kind, path, objectCode) {
  if (!window.confirm(t("wp.delete_confirm", { object: `${t(`wp.${kind}`)} ${objectCode}` }))) return undefined;
  const read = await api("GET", path);
  if (read.status === 401) return sessionEnded();
  const response = read.ok ? await api("DELETE", path, undefined, { "If-Match": read.headers.get("ETag") }) : read;
  if (response.status === 401) return sessionEnded();
  const object = `${t(`wp.${kind}`)} ${objectCode}`;
  if (response.ok) return back(code, t("wp.deleted", { object }));
  const answer = await bodyOf(response);
  // A 409 with the object as stored now is a change made meanwhile; without, what it still holds.
  const message = response.status === 409
    ? t(answer?.current ? "wp.delete_changed" : `wp.delete_in_use_${kind}`, { object })
    : errorsOf(answer).map((e) => e.message).join(" ");
  document.getElementById("status").textContent = message || t("unexpected", response);
  return undefined;
}

async function addEvent(code, data, activity) {
  const blank = {
    code: "", activity: activity.code, kind: data.rules.event_kinds[0]?.key ?? "other", title: {},
    start: activity.actual?.start ?? activity.planned.start, partner: ownPartners(data)[0] ?? activity.partner,
    participants: { total: 0 },
  };
  if (ownPartners(data).includes(activity.partner)) blank.partner = activity.partner;
  addObject(code, "event", "events", eventFields(data, true), blank);
}

function addActivity(code, data, wp) {
  const partners = ownPartners(data);
  const blank = {
    work_package: wp.code, code: "", title: {}, status: "planned",
    planned: { start: data.project.start, end: data.project.end },
    partner: partners.includes(wp.lead) ? wp.lead : partners[0],
  };
  addObject(code, "activity", "activities", activityFields(data, true), blank);
}

async function back(code, status) {
  await workPlanPage(code);
  if (status) document.getElementById("status").textContent = status;
}

// ---- evidence: the files of one activity or event

const EVIDENCE_TYPES = ".pdf,.jpg,.jpeg,.png,.odt,.ods,.odp,.docx,.xlsx,.pptx";

function sizeText(bytes) {
  return bytes < 1024 * 1024 ? `${amount(String(Math.ceil(bytes / 1024)))} KB`
    : `${amount((bytes / (1024 * 1024)).toFixed(1))} MB`;
}

/** The evidence page of an object: its files (downloads where allowed), and for who may change
 * the object's work an upload form and a remove button per file. */
async function evidencePage(code, data, kind, object) {
  const collection = kind === "activity" ? "activities" : "events";
  const path = `${projectPath(code)}/${collection}/${encodeURIComponent(object.code)}/evidence`;
  const response = await api("GET", path);
  if (response.status === 401) return sessionEnded();
  if (!response.ok) return unexpectedPage(response);
  const files = (await response.json()).files;
  const mayChange = data.may.partner(object.partner, "write_partner_work");
  const status = el("p", { id: "evidence-status", role: "status" }, "");
  const rows = files.map((f) => el("tr", { id: `evidence-${f.id}` }, ...cells([
    f.downloadable ? el("a", { href: f.href, download: "" }, f.file_name) : f.file_name,
    sizeText(f.size), f.personal_data ? t("wp.personal_data") : "", date(f.uploaded_at.slice(0, 10)), f.uploaded_by]),
  el("td", {}, ...(mayChange ? [el("button", {
    type: "button", class: "link", id: `remove-evidence-${f.id}`,
    onclick: async () => {
      const removed = await api("DELETE", `${projectPath(code)}/evidence/${f.id}`, undefined, { "If-Match": `"${f.version}"` });
      if (removed.status === 401) return sessionEnded();
      await evidencePage(code, data, kind, object);
      document.getElementById("evidence-status").textContent = removed.ok ? t("wp.evidence_removed") : t("unexpected", removed);
      return undefined;
    },
  }, t("wp.remove"))] : []))));
  const list = table(t("wp.evidence"), [t("wp.file"), t("wp.size"), t("wp.personal_data"), t("wp.date"), t("wp.uploaded_by"), ""], rows);
  const parts = [el("p", {}, link(projectPath(code), code), " / ", link(`${projectPath(code)}/work-plan`, t("wp.title"))),
    el("h1", {}, `${object.code} — ${inLanguage(object.title)}`), status, list];
  if (mayChange) {
    const error = el("p", { class: "error", role: "alert", id: "evidence-error" }, "");
    const form = el("form", { id: "evidence-form", class: "stack", novalidate: "" },
      el("h2", {}, t("wp.add_evidence")),
      el("div", { class: "field" }, el("label", { for: "evidence-file" }, t("wp.evidence_file")),
        el("input", { id: "evidence-file", name: "file", type: "file", accept: EVIDENCE_TYPES })),
      el("div", { class: "field checkbox" }, el("input", { id: "evidence-personal", name: "personal", type: "checkbox" }),
        el("label", { for: "evidence-personal" }, t("wp.evidence_personal"))),
      error, el("p", { class: "actions" }, el("button", { type: "submit", id: "upload-evidence" }, t("wp.upload"))));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const file = form.elements.file.files[0];
      if (!file) {
        error.textContent = t("wp.sheet_choose");
        return undefined;
      }
      const query = new URLSearchParams({ name: file.name, personal_data: String(form.elements.personal.checked) });
      const uploaded = await api("POST", `${path}?${query}`, undefined,
        { "Content-Type": file.type || "application/octet-stream" }, await file.arrayBuffer());
      if (uploaded.status === 401) return sessionEnded();
      if (!uploaded.ok) {
        const answer = await bodyOf(uploaded);
        error.textContent = uploaded.status === 415 ? t("wp.evidence_type")
          : uploaded.status === 413 ? t("wp.evidence_size") : errorsOf(answer)[0]?.message ?? t("unexpected", uploaded);
        return undefined;
      }
      await evidencePage(code, data, kind, object);
      document.getElementById("evidence-status").textContent = t("wp.evidence_added", { file: file.name });
      return undefined;
    });
    parts.push(form);
  }
  show(...parts);
  return undefined;
}

// ---- spreadsheets: templates and exports to download, a filled sheet to upload

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * An error of a sheet import: its row and column, then what is wrong, in the language where
 * crossgrant has a text for it, else the server's sentence (which names both already).
 */
function sheetError(error) {
  const { row, column, ...params } = error.params ?? {};
  const key = error.code ? `error.${error.code}` : "";
  if (!row || !key || !hasText(key)) return error.message;
  return `${t("wp.sheet_at", { row, column: column ?? "" })} ${t(key, params)}`;
}

function sheetsSection(code, data) {
  const path = `/api/v1${projectPath(code)}/sheets`;
  const lang = language();
  const links = ["activities", "events"].map((kind) => el("li", {},
    t(`wp.sheet_${kind}`), ": ",
    el("a", { href: `${path}/${kind}?template=true&format=xlsx&lang=${lang}`, download: "", id: `template-${kind}` }, t("wp.template")),
    " (", el("a", { href: `${path}/${kind}?template=true&format=csv&lang=${lang}`, download: "" }, "CSV"), ") · ",
    el("a", { href: `${path}/${kind}?format=xlsx&lang=${lang}`, download: "", id: `export-${kind}` }, t("wp.export")),
    " (", el("a", { href: `${path}/${kind}?format=csv&lang=${lang}`, download: "" }, "CSV"), ")"));
  if (ownPartners(data).length === 0) return el("section", { id: "sheets" }, el("h2", {}, t("wp.sheets")), el("ul", {}, ...links));
  const errors = el("ul", { id: "sheet-errors", class: "error" });
  const form = el("form", { id: "sheet-form", class: "stack", novalidate: "" },
    el("div", { class: "field" }, el("label", { for: "sheet-kind" }, t("wp.sheet_kind")),
      choice({ id: "sheet-kind", name: "kind" }, [["events", t("wp.sheet_events")], ["activities", t("wp.sheet_activities")]], "events")),
    el("div", { class: "field" }, el("label", { for: "sheet-file" }, t("wp.sheet_file")),
      el("input", { id: "sheet-file", name: "file", type: "file", accept: `.csv,.xlsx,text/csv,${XLSX_TYPE}` })),
    el("div", { class: "field checkbox" }, el("input", { id: "sheet-update", name: "update", type: "checkbox" }),
      el("label", { for: "sheet-update" }, t("wp.sheet_update"))),
    el("div", { role: "alert" }, errors),
    el("p", { class: "actions" }, el("button", { type: "submit", id: "import-sheet" }, t("wp.import"))));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    errors.replaceChildren();
    const file = form.elements.file.files[0];
    if (!file) {
      errors.append(el("li", {}, t("wp.sheet_choose")));
      return undefined;
    }
    const xlsx = file.name.toLowerCase().endsWith(".xlsx");
    const query = new URLSearchParams({ lang, update: String(form.elements.update.checked), file: file.name });
    const response = await api("POST", `${projectPath(code)}/sheets/${form.elements.kind.value}?${query}`, undefined,
      { "Content-Type": xlsx ? XLSX_TYPE : "text/csv" }, await file.arrayBuffer());
    if (response.status === 401) return sessionEnded();
    const answer = await bodyOf(response);
    if (response.ok)
      return back(code, t("wp.sheet_imported", { created: answer.created.length, updated: answer.updated.length }));
    const list = errorsOf(answer);
    errors.replaceChildren(...(list.length ? list : [{ message: t("unexpected", response) }])
      .map((e) => el("li", {}, sheetError(e))));
    return undefined;
  });
  return el("section", { id: "sheets" }, el("h2", {}, t("wp.sheets")), el("ul", {}, ...links), form);
}

// ---- the page

function participantsText(data, participants) {
  const groups = Object.entries(participants.by_target_group ?? {})
    .map(([g, n]) => `${ruleLabel(data.rules.target_groups, g)} ${n}`).join(", ");
  const counted = participants.unique !== undefined
    ? t("wp.people_of", { unique: participants.unique, total: participants.total })
    : String(participants.total);
  return groups ? `${counted} (${groups})` : counted;
}

function progressBar(progress) {
  if (progress === null || progress === undefined) return "";
  const value = Math.min(Number(progress), 100);
  return el("span", { class: "progress" },
    el("progress", { max: "100", value: String(value), "aria-label": `${amount(progress)} %` }),
    ` ${amount(progress)} %`);
}

export async function workPlanPage(code) {
  show(el("p", {}, t("loading")));
  const data = await load(code);
  if (data.ended) return sessionEnded();
  if (data.missing) return data.missing.status === 404 ? notFoundPage() : unexpectedPage(data.missing);
  const path = projectPath(code);
  const of = (object, key) => data.findings.filter((f) => f.object === object && f.key === key);
  const button = (id, text, onclick) => el("button", { type: "button", class: "link", id, onclick }, text);
  const mayWork = (partner) => data.may.partner(partner, "write_partner_work");
  const lead = data.may.project("write_project");
  const objectPath = (collection, objectCode) => `${path}/${collection}/${encodeURIComponent(objectCode)}`;

  const packages = data.workPackages.map((wp) => {
    const rows = wp.activities.flatMap((a) => {
      const events = data.events.filter((e) => e.activity === a.code);
      const evidence = button(`evidence-activity-${a.code}`, t("wp.evidence"), () => evidencePage(code, data, "activity", a));
      const actions = mayWork(a.partner) ? [
        evidence, " ",
        button(`edit-activity-${a.code}`, t("wp.edit"), () => editObject(code, "activity", `${path}/activities/${encodeURIComponent(a.code)}`, activityFields(data))),
        " ",
        button(`add-event-${a.code}`, t("wp.add_event"), () => addEvent(code, data, a)),
        " ",
        button(`delete-activity-${a.code}`, t("wp.delete"), () => removeObject(code, "activity", objectPath("activities", a.code), a.code)),
      ] : [evidence];
      return withFindings(el("tr", { id: `activity-${a.code}` }, ...cells([
        a.code, inLanguage(a.title), a.partner, label("status", a.status),
        range(a.planned.start, a.planned.end), range(a.actual?.start, a.actual?.end),
        String(events.length)], [6]), el("td", {}, ...actions)), of("activity", a.code), 8);
    });
    const wpPath = objectPath("work-packages", wp.code);
    const actions = [
      ...(lead ? [
        button(`edit-wp-${wp.code}`, t("wp.edit_work_package"), () => editObject(code, "work_package", wpPath, workPackageFields(data, false))),
        " ",
        button(`delete-wp-${wp.code}`, t("wp.delete_work_package"), () => removeObject(code, "work_package", wpPath, wp.code)),
        " "] : []),
      ...(ownPartners(data).length ? [button(`add-activity-${wp.code}`, t("wp.add_activity"), () => addActivity(code, data, wp))] : []),
    ];
    return el("section", { id: `wp-${wp.code}` },
      el("h2", {}, `${wp.code} — ${inLanguage(wp.title)}`),
      ...(actions.length ? [el("p", { class: "actions" }, ...actions)] : []),
      table(t("wp.activities"), [t("common.code"), t("common.title"), t("wp.responsible"), t("wp.status"),
        t("wp.planned"), t("wp.actual"), t("wp.events"), ""], rows, [6]));
  });

  const eventRows = data.events.flatMap((e) => withFindings(el("tr", { id: `event-${e.code}` }, ...cells([
    e.code, range(e.start, e.end), inLanguage(e.title), ruleLabel(data.rules.event_kinds, e.kind),
    e.online ? t("wp.online") : e.place ?? "", e.partner, e.activity, participantsText(data, e.participants)]),
  el("td", {}, button(`evidence-event-${e.code}`, t("wp.evidence"), () => evidencePage(code, data, "event", e)),
    ...(mayWork(e.partner)
      ? [" ", button(`edit-event-${e.code}`, t("wp.edit"), () => editObject(code, "event", objectPath("events", e.code), eventFields(data, false))),
        " ", button(`delete-event-${e.code}`, t("wp.delete"), () => removeObject(code, "event", objectPath("events", e.code), e.code))]
      : []))), of("event", e.code), 9));
  const events = table(t("wp.events"), [t("common.code"), t("wp.date"), t("common.title"), t("wp.kind"),
    t("wp.place"), t("wp.organiser"), t("wp.activity"), t("wp.participants"), ""], eventRows);

  const indicatorRows = data.indicators.flatMap((i) => {
    const periods = i.periods ?? [];
    const last = periods[periods.length - 1];
    const name = inLanguage(i.name) || inLanguage(data.rules.indicators.find((p) => p.code === i.programme_indicator)?.name);
    return withFindings(el("tr", { id: `indicator-${i.code}` }, ...cells([
      i.programme_indicator ? `${i.code} (${i.programme_indicator})` : i.code, name, i.unit ?? "",
      amount(i.baseline), amount(i.target),
      periods.map((p) => `${p.period}: ${amount(p.achieved)}`).join(" · "),
      last ? amount(last.cumulative) : ""], [3, 4, 6]), el("td", {}, progressBar(last?.progress)),
      ...(lead ? [el("td", {},
        button(`edit-indicator-${i.code}`, t("wp.edit"), () => editObject(code, "indicator", objectPath("indicators", i.code), indicatorFields(data, false), indicatorFinish(data))),
        " ",
        button(`delete-indicator-${i.code}`, t("wp.delete"), () => removeObject(code, "indicator", objectPath("indicators", i.code), i.code)))] : [])),
    of("indicator", i.code), lead ? 9 : 8);
  });
  const indicators = table(t("wp.indicators"), [t("common.code"), t("common.name"), t("wp.unit"),
    t("wp.baseline"), t("wp.target"), t("wp.per_period"), t("wp.cumulative"), t("wp.progress"), ...(lead ? [""] : [])],
  indicatorRows, [3, 4, 6]);
  const blankIndicator = { code: "", name: {}, unit: "", kind: "output", baseline: "0.00", target: "", source: "recorded", values: [] };

  show(
    el("p", {}, link(path, code), " · ", link(`${path}/reports`, t("reports"))),
    el("h1", {}, `${data.project.acronym} — ${t("wp.title")}`),
    el("p", { id: "status", role: "status" }, ""),
    ...(lead ? [el("p", { class: "actions" }, button("add-work-package", t("wp.add_work_package"), () =>
      addObject(code, "work_package", "work-packages", workPackageFields(data, true), { code: "", title: {}, lead: data.partners[0] })))] : []),
    ...(packages.length ? packages : [el("p", {}, t("wp.none"))]),
    el("h2", {}, t("wp.events")), events,
    el("h2", {}, t("wp.indicators")),
    ...(lead ? [el("p", { class: "actions" }, button("add-indicator", t("wp.add_indicator"), () =>
      addObject(code, "indicator", "indicators", indicatorFields(data, true), blankIndicator, indicatorFinish(data))))] : []),
    indicators,
    sheetsSection(code, data),
  );
  return undefined;
}
