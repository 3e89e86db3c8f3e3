// Home: the projects the user may see with their findings counts; a partner's own partner
// first; for admins, importing a new project's bundle.
import { api, bodyOf, partnerPath, projectPath } from "../lib/api.js";
import { cells, chosenText, el, link, navigate, show, table } from "../lib/dom.js";
import { errorList } from "../lib/forms.js";
import { t } from "../lib/i18n.js";
import { isAdmin, partnerGrants, session, sessionEnded } from "../lib/session.js";
import { unexpectedPage } from "./errors.js";

function importSection() {
  const input = el("input", { type: "file", id: "import-file", accept: "application/json,.json" });
  const result = el("div", { id: "import-result", role: "status" });
  input.addEventListener("change", async () => {
    const body = await chosenText(input);
    if (body === null) return;
    const answer = await api("POST", "/bundles", undefined, { "Content-Type": "application/json" }, body);
    const json = await bodyOf(answer);
    if (answer.status === 201) return navigate(projectPath(json.project));
    result.replaceChildren(el("p", { class: "error" }, t("bundle_refused")),
      errorList("import-errors", json, answer));
  });
  return el("section", { "aria-labelledby": "import-heading", class: "stack" },
    el("h2", { id: "import-heading" }, t("bundle_import_new")),
    el("label", { for: "import-file" }, t("bundle_file")), input, result);
}

export async function homePage() {
  show(el("p", {}, t("loading")));
  const response = await api("GET", "/projects?findings=count");
  if (response.status === 401) return sessionEnded();
  if (!response.ok) return unexpectedPage(response);
  const { projects } = await response.json();
  const own = partnerGrants();
  const ownList = own.length === 0 ? [] : [
    el("h2", {}, t("your_partner")),
    el("ul", { id: "own-partners" }, ...own.map((g) => el("li", {},
      link(partnerPath(g.project, g.partner), `${g.project} / ${g.partner}`)))),
  ];
  // The count is there where the user may read the project's findings.
  const list = projects.length === 0
    ? el("p", {}, t("no_projects"))
    : table(t("projects"), [t("project_code"), t("project_acronym"), t("findings.title")],
      projects.map((p) => el("tr", { id: `project-${p.code}` }, ...cells([
        link(projectPath(p.code), p.code), p.acronym ?? "",
        p.findings === undefined ? "" : String(p.findings)], [2]))), [2]);
  const user = session().user;
  show(
    el("p", {}, t("signed_in_as", { user: user.display_name || user.name })),
    ...ownList,
    el("h1", {}, t("projects")),
    list,
    ...(isAdmin() ? [importSection()] : []),
  );
}
