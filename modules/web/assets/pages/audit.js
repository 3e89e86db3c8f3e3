// The audit trail: entries filtered by project, user, action and time, paged; the chains'
// verification; every selected entry exported as JSON lines.
import { api, bodyOf } from "../lib/api.js";
import { cells, el, show, table } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { session, sessionEnded } from "../lib/session.js";

function auditQuery(form, after) {
  const query = new URLSearchParams();
  for (const name of ["project", "user", "action", "from", "to"]) {
    const value = form.elements[name].value.trim();
    if (value) query.set(name, value);
  }
  if (after) query.set("after", String(after));
  return query;
}

export async function auditPage() {
  const field = (name, key, attributes = {}) => el("div", { class: "field" },
    el("label", { for: `audit-${name}` }, t(key)),
    el("input", { id: `audit-${name}`, name, ...attributes }));
  const error = el("p", { class: "error", role: "alert", id: "audit-error" }, "");
  const form = el("form", { id: "audit-form", class: "filters", novalidate: "" },
    field("project", "common.project", { placeholder: "LLI-317" }),
    field("user", "audit.user"),
    field("action", "audit.action", { placeholder: "update" }),
    field("from", "audit_from", { type: "date" }),
    field("to", "audit_to", { type: "date" }),
    el("p", { class: "actions" },
       el("button", { type: "submit", id: "audit-show" }, t("audit_show")),
       el("button", { type: "button", id: "audit-export" }, t("audit_export"))));
  const rows = el("tbody", {});
  const more = el("button", { type: "button", id: "audit-more", hidden: "" }, t("audit_more"));
  const exported = el("p", { id: "audit-exported" }, "");
  let next = null;
  const entryRow = (e) => el("tr", { class: "entry" }, ...cells([
    String(e.id), e.at, e.user, e.role, e.action, `${e.object_type} ${e.object_key}`.trim(),
    e.project, `${e.chain} #${e.sequence}`]));
  const load = async (after) => {
    const response = await api("GET", `/audit?${auditQuery(form, after)}`);
    if (response.status === 401) return sessionEnded();
    const body = await bodyOf(response);
    if (!response.ok) {
      error.textContent = response.status === 403 || response.status === 404
        ? t("audit_not_yours") : body.error?.message ?? t("unexpected", response);
      return false;
    }
    error.textContent = "";
    if (!after) rows.replaceChildren();
    rows.append(...body.entries.map(entryRow));
    next = body.next;
    more.hidden = next === null;
    if (rows.children.length === 0) error.textContent = t("audit.none");
    return true;
  };
  form.addEventListener("submit", (event) => { event.preventDefault(); load(null); });
  more.addEventListener("click", () => load(next));
  form.querySelector("#audit-export").addEventListener("click", async () => {
    // Every entry the filters select, page by page, as JSON lines (one object a line).
    const lines = [];
    let after = null;
    for (;;) {
      const query = auditQuery(form, after);
      query.set("limit", "1000");
      const response = await api("GET", `/audit?${query}`);
      if (!response.ok) { error.textContent = t("audit_not_yours"); return; }
      const body = await response.json();
      for (const entry of body.entries) lines.push(JSON.stringify(entry));
      if (body.next === null) break;
      after = body.next;
    }
    const url = URL.createObjectURL(new Blob(lines.map((l) => `${l}\n`), { type: "application/x-ndjson" }));
    exported.replaceChildren(el("a", { href: url, download: "audit.jsonl", id: "audit-jsonl",
                                       "data-lines": String(lines.length) },
                                t("audit_exported", { count: lines.length })));
  });

  const verification = el("p", { id: "audit-verification", role: "status" }, t("loading"));
  show(
    el("h1", {}, t("audit_trail")),
    el("section", { "aria-labelledby": "verification-heading" },
      el("h2", { id: "verification-heading" }, t("audit.chain")), verification),
    form, error,
    table(t("audit.entries"), ["#", t("audit.time"), t("audit.user"), t("audit.role"),
      t("audit.action"), t("audit.object"), t("common.project"), t("audit_chain_sequence")], [], []),
    more, exported);
  document.querySelector("#main table tbody").replaceWith(rows);

  const verified = await api("GET", "/audit/verify");
  if (verified.ok) {
    const result = await verified.json();
    verification.textContent = result.intact
      ? t("audit_intact", { checked: result.checked, chains: result.chains })
      : t("audit_broken", { chain: result.broken.chain, sequence: result.broken.sequence, message: result.broken.message });
    verification.className = result.intact ? "ok" : "error";
  } else {
    verification.textContent = t("audit_verify_not_yours");
  }
  // Everyone who may read the trail reads it of one project at least: start there if it is one.
  if ((session()?.roles ?? []).some((g) => g.role === "admin" || (g.role === "auditor" && !g.programme)))
    await load(null);
}

