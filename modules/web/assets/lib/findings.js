// Findings shown at the figures they concern: the row marked, a note under it.
import { el } from "./dom.js";
import { amount, label, t } from "./i18n.js";

/** A finding's text in the language: its label and the figures. */
export function findingText(finding) {
  const parts = [label("finding", finding.code)];
  if (finding.expected !== undefined)
    parts.push(`${t("findings.expected")} ${amount(finding.expected)}`,
      `${t("findings.actual")} ${amount(finding.actual)}`,
      `${t("findings.difference")} ${amount(finding.difference)}`);
  return parts.join(" · ");
}

/** The row of a figure, marked when findings concern it. */
export function marked(row, findings) {
  if (findings.length > 0) row.classList.add("finding");
  return row;
}

/** The row under a marked one that says what the findings are. */
export function findingNote(findings, colspan) {
  return el("tr", { class: "finding-note" },
    el("td", { colspan: String(colspan) },
      el("strong", {}, `${t("findings.finding")}: `),
      findings.map(findingText).join("; ")));
}

/** A row, and the note of its findings under it when there are any. */
export function withFindings(row, findings, colspan) {
  marked(row, findings);
  return findings.length ? [row, findingNote(findings, colspan)] : [row];
}
