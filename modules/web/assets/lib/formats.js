// The enumerations of the bundle format (docs/bundle-v1.md) that forms offer, as the API
// takes them; their labels come from the reports' translations.
import { label } from "./i18n.js";

export const LEGAL_STATUSES = ["public", "public_equivalent", "private", "ngo"];
export const CONTRIBUTION_TYPES = ["fund", "public", "automatic_public", "private"];

/** [code, label] pairs of codes whose labels are under prefix ("legal_status"). */
export function labelled(prefix, codes) {
  return codes.map((code) => [code, label(prefix, code)]);
}
