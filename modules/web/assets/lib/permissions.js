// What the server lets the user do with a project and its partners
// (GET /api/v1/projects/{code}/permissions): a page offers only what the API would allow.
import { api } from "./api.js";

/** The permissions of a project, or none at all when the API does not answer them. */
export async function permissionsOf(code) {
  const response = await api("GET", `/projects/${encodeURIComponent(code)}/permissions`);
  const body = response.ok ? await response.json() : { project: [], partners: {} };
  const project = new Set(body.project);
  const partners = new Map(Object.entries(body.partners ?? {}).map(([k, v]) => [k, new Set(v)]));
  return {
    /** Whether operation ("write_project", ...) is allowed on the project. */
    project: (operation) => project.has(operation),
    /** Whether operation ("write_partner_figures", ...) is allowed on partner. */
    partner: (partner, operation) => partners.get(partner)?.has(operation) ?? false,
  };
}
