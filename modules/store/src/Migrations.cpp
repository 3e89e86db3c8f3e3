#include "Migrations.h"

#include "crossgrant/store/Limits.h"

#include "Session.h"

#include <ctime>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "crossgrant/core/AuditChain.h"

namespace crossgrant::store {

using detail::Session;
using detail::UnitKind;

namespace {

using namespace schema;

constexpr int kLockTimeoutSeconds = 60;

// ---- the migrations. Money is BIGINT cents, dates CHAR(10) 'YYYY-MM-DD', booleans SMALLINT
// 0/1, enumerations their names as the core spells them. Order is kept in position columns.
// An applied migration is never edited: its checksum is recorded, and a changed one is
// refused. What a later version changes is a new migration.

ForeignKey cascade(std::string name, std::string column, std::string table) {
  return {std::move(name), {std::move(column)}, std::move(table), {"id"}, OnDelete::kCascade};
}

// Programmes, projects with their titles and periods, partners with budget and co-financing.
Migration version1() {
  std::vector<Step> s;
  s.push_back(CreateTable{{"programmes",
                           {id(), varchar("code", 100), text("name"), varchar("rules", 100),
                            varchar("fund", 200), bigint("version").defaults(1)},
                           {"id"},
                           {{"uq_programmes_code", {"code"}}},
                           {},
                           {},
                           {}}});
  s.push_back(CreateTable{
      {"projects",
       {id(), bigint("programme_id"), varchar("code", 100), text("acronym"),
        fixedChar("start_date", 10), fixedChar("end_date", 10), fixedChar("currency", 3),
        bigint("approved_total").null(), bigint("approved_fund").null(),
        bigint("version").defaults(1)},
       {"id"},
       {{"uq_projects_code", {"code"}}},
       {},
       {{"fk_projects_programme", {"programme_id"}, "programmes", {"id"}, OnDelete::kRestrict}},
       {{"ix_projects_programme", {"programme_id"}, true}}}});
  s.push_back(
      CreateTable{{"project_titles",
                   {bigint("project_id"), integer("position"), varchar("lang", 20), text("title")},
                   {"project_id", "position"},
                   {{"uq_project_titles_lang", {"project_id", "lang"}}},
                   {},
                   {cascade("fk_project_titles_project", "project_id", "projects")},
                   {}}});
  s.push_back(CreateTable{{"periods",
                           {bigint("project_id"), integer("position"), integer("number"),
                            fixedChar("start_date", 10), fixedChar("end_date", 10)},
                           {"project_id", "position"},
                           {{"uq_periods_number", {"project_id", "number"}}},
                           {},
                           {cascade("fk_periods_project", "project_id", "projects")},
                           {}}});
  // ix_partners_order is not unique: two partners appended at once may share a position; id
  // breaks the tie.
  s.push_back(CreateTable{
      {"partners",
       {id(), bigint("project_id"), bigint("position"), varchar("code", 100), varchar("role", 20),
        text("name"), varchar("country", 10), varchar("legal_status", 30),
        smallint("vat_recoverable"), bigint("total"), bigint("version").defaults(1)},
       {"id"},
       {{"uq_partners_code", {"project_id", "code"}}},
       {{"ck_partners_role", "role IN ('lead', 'partner')"},
        {"ck_partners_legal_status",
         "legal_status IN ('public', 'public_equivalent', 'private', 'ngo')"},
        {"ck_partners_vat", "vat_recoverable IN (0, 1)"}},
       {cascade("fk_partners_project", "project_id", "projects")},
       {{"ix_partners_order", {"project_id", "position"}, false}}}});
  s.push_back(CreateTable{
      {"budget_lines",
       {bigint("partner_id"), integer("position"), varchar("category", 100), bigint("amount")},
       {"partner_id", "position"},
       {},
       {},
       {cascade("fk_budget_lines_partner", "partner_id", "partners")},
       {}}});
  s.push_back(
      CreateTable{{"cofinancing",
                   {bigint("partner_id"), integer("position"), text("source"),
                    varchar("contribution_type", 20), bigint("amount")},
                   {"partner_id", "position"},
                   {},
                   {{"ck_cofinancing_type",
                     "contribution_type IN ('fund', 'public', 'automatic_public', 'private')"}},
                   {cascade("fk_cofinancing_partner", "partner_id", "partners")},
                   {}}});
  return {1, "projects", std::move(s)};
}

// Users, their role grants, sessions and login throttling (UserRepository.h). Times of users
// are UTC text like the audit trail's; those of sessions and throttling, compared on every
// request, are BIGINT milliseconds since the Unix epoch. Grant scope columns are '' when a
// role does not use them, so that one UNIQUE key covers every grant on both backends. The
// store keeps at most 500 characters of a session's user agent.
Migration version2() {
  std::vector<Step> s;
  s.push_back(
      CreateTable{{"users",
                   {id(), varchar("name", 100), text("display_name"), varchar("password_hash", 255),
                    fixedChar("created_at", 24), fixedChar("changed_at", 24),
                    smallint("disabled").defaults(0), bigint("version").defaults(1)},
                   {"id"},
                   {{"uq_users_name", {"name"}}},
                   {{"ck_users_disabled", "disabled IN (0, 1)"}},
                   {},
                   {}}});
  s.push_back(
      CreateTable{{"role_grants",
                   {id(), bigint("user_id"), varchar("role", 20),
                    varchar("programme", 100).defaults(std::string()),
                    varchar("project", 100).defaults(std::string()),
                    varchar("partner", 100).defaults(std::string())},
                   {"id"},
                   {{"uq_role_grants", {"user_id", "role", "programme", "project", "partner"}}},
                   {{"ck_role_grants_role",
                     "role IN ('admin', 'programme', 'lead', 'partner', 'controller', 'auditor')"}},
                   {cascade("fk_role_grants_user", "user_id", "users")},
                   {}}});
  s.push_back(CreateTable{
      {"sessions",
       {id(), fixedChar("token_hash", 64), fixedChar("csrf_hash", 64), bigint("user_id"),
        bigint("created_at"), bigint("last_seen_at"), bigint("expires_at"),
        varchar("client_address", 100), text("user_agent").limitedTo(500)},
       {"id"},
       {{"uq_sessions_token", {"token_hash"}}},
       {},
       {cascade("fk_sessions_user", "user_id", "users")},
       {{"ix_sessions_user", {"user_id"}, true}, {"ix_sessions_expiry", {"expires_at"}, false}}}});
  s.push_back(CreateTable{{"login_throttle",
                           {varchar("throttle_key", 300), bigint("failures"),
                            bigint("last_failure_at"), bigint("blocked_until")},
                           {"throttle_key"},
                           {},
                           {},
                           {},
                           {}}});
  return {2, "users and sessions", std::move(s)};
}

// The audit trail (AuditLog.h): append-only entries keyed by their sequence, which
// appendAudit assigns (no auto-increment), and audit_head, one row holding the last sequence
// and hash, which every append updates first so that appends serialize.
Migration version3() {
  std::vector<Step> s;
  s.push_back(CreateTable{
      {"audit_log",
       {bigint("sequence"), fixedChar("at", 24), text("user_name"), text("role"), text("client"),
        text("action"), text("object_type"), text("object_key"), varchar("project", 100),
        longText("before_json").null(), longText("after_json").null(),
        fixedChar("previous_hash", 64), fixedChar("hash", 64)},
       {"sequence"},
       {},
       {},
       {},
       {{"ix_audit_log_project", {"project", "sequence"}, false},
        {"ix_audit_log_at", {"at"}, false}}}});
  s.push_back(CreateTable{{"audit_head",
                           {integer("id"), bigint("last_sequence"), fixedChar("last_hash", 64)},
                           {"id"},
                           {},
                           {{"ck_audit_head_single", "id = 1"}},
                           {},
                           {}}});
  s.push_back(InsertRow{"audit_head",
                        {{"id", std::int64_t{1}},
                         {"last_sequence", std::int64_t{0}},
                         {"last_hash", std::string(64, '0')}}});
  return {3, "audit trail", std::move(s)};
}

// Submitted reports (ReportRepository.h): the PDF exactly as submitted, with its SHA-256, never
// updated. The project is its code, not a foreign key: a submitted report stays a fact even
// when its project is deleted. partner is '' for reports on the whole project.
Migration version4() {
  std::vector<Step> s;
  s.push_back(CreateTable{
      {"submitted_reports",
       {id(), varchar("project", 100), varchar("kind", 20), integer("period").null(),
        varchar("partner", 100), varchar("language", 5), varchar("file_name", 255),
        fixedChar("sha256", 64), blob("pdf"), bigint("size"), fixedChar("submitted_at", 24),
        varchar("submitted_by", 255)},
       {"id"},
       {},
       {{"ck_submitted_reports_kind", "kind IN ('financial', 'partner', 'project', 'audit')"}},
       {},
       {{"ix_submitted_reports_project", {"project", "id"}, false},
        {"ix_submitted_reports_sha256", {"sha256"}, false}}}});
  return {4, "submitted reports", std::move(s)};
}

// The programme rules (RulesRepository.h): one row per rules plugin key with the canonical JSON
// of its rules as recorded (core/RulesFingerprint.h) and that JSON's fingerprint, replaced as
// a whole by `crossgrant rules update`; and the fingerprint of the rules each submitted report
// was computed with, '' for reports submitted before this migration.
Migration version5() {
  std::vector<Step> s;
  s.push_back(
      CreateTable{{"programme_rules",
                   {varchar("rules_key", 100), longText("rules_json"), fixedChar("fingerprint", 64),
                    fixedChar("recorded_at", 24), varchar("recorded_by", 255)},
                   {"rules_key"},
                   {},
                   {},
                   {},
                   {}}});
  s.push_back(
      AddColumn{"submitted_reports", varchar("rules_fingerprint", 64).defaults(std::string())});
  return {5, "programme rules", std::move(s)};
}

// Identifiers compare exactly on both backends, and the login throttle's storage is bounded.
// MariaDB's utf8mb4_bin pads trailing spaces ('mylead   ' signed in as 'mylead' and had a
// throttle key of its own): every table's text becomes utf8mb4_nopad_bin, as tables created
// since are (Schema.h, ExactText). Converting the columns, rather than refusing surrounding
// spaces wherever an identifier enters (names, codes in bodies and paths, grant scopes,
// throttle keys), makes every comparison exact, also where a check would be forgotten.
// login_throttle rows get the time after which they are forgotten (pruned from then on; rows
// from before this migration have 0 and go at the next failed login), and device_tokens holds
// the hashes of the device cookies of successful logins (AuthService.h).
Migration version6() {
  std::vector<Step> s;
  for (const char* table :
       {"programmes", "projects", "project_titles", "periods", "partners", "budget_lines",
        "cofinancing", "users", "role_grants", "sessions", "login_throttle", "audit_log",
        "audit_head", "submitted_reports", "programme_rules"})
    s.push_back(ExactText{table});
  s.push_back(AddColumn{"login_throttle", bigint("expires_at").defaults(0)});
  s.push_back(CreateIndex{"login_throttle", {"ix_login_throttle_expiry", {"expires_at"}, false}});
  s.push_back(CreateTable{{"device_tokens",
                           {id(), fixedChar("token_hash", 64), bigint("user_id"),
                            bigint("created_at"), bigint("expires_at")},
                           {"id"},
                           {{"uq_device_tokens_hash", {"token_hash"}}},
                           {},
                           {cascade("fk_device_tokens_user", "user_id", "users")},
                           {{"ix_device_tokens_user", {"user_id"}, true}}}});
  return {6, "exact identifiers, bounded login throttle, device cookies", std::move(s)};
}

// The last version of every programme, project and partner that was deleted (a partner also
// when a bundle replace drops it or its project goes), by its key: kind 'programme' (project
// and code are its code and ''), 'project' (its code and ''), 'partner' (its project's code and
// its own). An object created again under a key found here starts above that version, so that
// an edit based on a version of its earlier life is stale (ProjectRepository.h).
Migration version7() {
  std::vector<Step> s;
  s.push_back(CreateTable{
      {"retired_versions",
       {varchar("kind", 20), varchar("project", 100), varchar("code", 100), bigint("version")},
       {"kind", "project", "code"},
       {},
       {{"ck_retired_versions_kind", "kind IN ('programme', 'project', 'partner')"}},
       {},
       {}}});
  return {7, "retired versions", std::move(s)};
}

// The key the audit trail is chained with (AuditLog.h): one row, written when the first keyed
// entry is appended or the trail sealed, holding the key's id (never the key, which is kept
// outside the database), the sequence of the first entry chained with it and when it was bound.
Migration version8() {
  std::vector<Step> s;
  s.push_back(CreateTable{
      {"audit_key",
       {integer("id"), fixedChar("key_id", 64), bigint("first_keyed"), fixedChar("bound_at", 24)},
       {"id"},
       {},
       {{"ck_audit_key_single", "id = 1"}},
       {},
       {}}});
  return {8, "audit key", std::move(s)};
}

// Reports and audit entries belong to a project's identity, not to its code, which a new project
// may take once the old one is deleted; and the audit trail is a set of chains, one per project
// and one for the installation, instead of one chain that every audited write waited for
// (AuditLog.h).
//
// Programmes and projects get an identity that is never reused: new ones are random
// (store::newIdentity), those from before this migration take their code, which no project had
// twice before (if one was deleted and its code imported again, the two were one in the
// reports and the trail already; this migration cannot part them). project_identities keeps
// every project identity with the project's code and programme after the project is gone;
// reports and entries of projects deleted before this migration get an identity of their code
// with no programme (only those who read every programme see them).
//
// audit_log's entries move to audit_entries: their sequences, order and hashes stay, as the
// installation chain's legacy entries (format 1); their id is their old sequence. audit_head's
// row becomes the installation chain's row of audit_chains, and every project identity gets an
// empty chain there, so that a project's first entry needs no insert that two appends could
// race for.
Migration version9() {
  const std::string genesis(core::kAuditGenesisHash);
  std::vector<Step> s;
  s.push_back(AddColumn{"programmes", varchar("identity", 100).defaults(std::string())});
  s.push_back(UpdateData{"UPDATE programmes SET identity = code"});
  s.push_back(CreateIndex{"programmes", {"ix_programmes_identity", {"identity"}, false}});
  s.push_back(AddColumn{"projects", varchar("identity", 100).defaults(std::string())});
  s.push_back(UpdateData{"UPDATE projects SET identity = code"});
  s.push_back(CreateIndex{"projects", {"ix_projects_identity", {"identity"}, false}});
  s.push_back(CreateTable{
      {"project_identities",
       {varchar("identity", 100), varchar("code", 100), varchar("programme_identity", 100)},
       {"identity"},
       {},
       {},
       {},
       {{"ix_project_identities_code", {"code"}, false},
        {"ix_project_identities_programme", {"programme_identity"}, false}}}});
  s.push_back(UpdateData{
      "INSERT INTO project_identities (identity, code, programme_identity) "
      "SELECT p.identity, p.code, g.identity FROM projects p JOIN programmes g ON g.id = "
      "p.programme_id"});
  s.push_back(
      AddColumn{"submitted_reports", varchar("project_identity", 100).defaults(std::string())});
  s.push_back(UpdateData{"UPDATE submitted_reports SET project_identity = project"});
  s.push_back(CreateIndex{"submitted_reports",
                          {"ix_submitted_reports_identity", {"project_identity", "id"}, false}});
  s.push_back(
      UpdateData{"INSERT INTO project_identities (identity, code, programme_identity) "
                 "SELECT DISTINCT project, project, '' FROM submitted_reports "
                 "WHERE project NOT IN (SELECT identity FROM project_identities)"});
  s.push_back(CreateTable{
      {"audit_entries",
       {id(), varchar("chain", 100), bigint("sequence"), smallint("format"), fixedChar("at", 24),
        text("user_name"), text("role"), text("client"), text("action"), text("object_type"),
        text("object_key"), varchar("project", 100), varchar("project_identity", 100),
        longText("before_json").null(), longText("after_json").null(),
        fixedChar("previous_hash", 64), fixedChar("hash", 64)},
       {"id"},
       {{"uq_audit_entries_chain", {"chain", "sequence"}}},
       {{"ck_audit_entries_format", "format IN (1, 2)"}},
       {},
       {{"ix_audit_entries_identity", {"project_identity", "id"}, false},
        {"ix_audit_entries_project", {"project", "id"}, false},
        {"ix_audit_entries_at", {"at"}, false}}}});
  s.push_back(UpdateData{
      "INSERT INTO audit_entries (id, chain, sequence, format, at, user_name, role, client, "
      "action, object_type, object_key, project, project_identity, before_json, after_json, "
      "previous_hash, hash) "
      "SELECT sequence, '', sequence, 1, at, user_name, role, client, action, object_type, "
      "object_key, project, project, before_json, after_json, previous_hash, hash "
      "FROM audit_log"});
  s.push_back(UpdateData{
      "INSERT INTO project_identities (identity, code, programme_identity) "
      "SELECT DISTINCT project, project, '' FROM audit_entries "
      "WHERE project <> '' AND project NOT IN (SELECT identity FROM project_identities)"});
  s.push_back(
      CreateTable{{"audit_chains",
                   {varchar("chain", 100), bigint("last_sequence"), fixedChar("last_hash", 64)},
                   {"chain"},
                   {},
                   {},
                   {},
                   {}}});
  s.push_back(
      UpdateData{"INSERT INTO audit_chains (chain, last_sequence, last_hash) "
                 "SELECT '', last_sequence, last_hash FROM audit_head"});
  s.push_back(
      UpdateData{"INSERT INTO audit_chains (chain, last_sequence, last_hash) "
                 "SELECT identity, 0, '" +
                 genesis + "' FROM project_identities"});
  s.push_back(DropTable{"audit_log"});
  s.push_back(DropTable{"audit_head"});
  return {9, "project identities and audit chains", std::move(s)};
}

// The work plan, events and indicators of bundle version 2 (docs/bundle-v2.md), each object
// versioned by its code in the project like a partner.
//
// Whether a project has each section of version 2 at all (has_work_plan, has_events,
// has_indicators): a bundle with an empty section and one without it are different documents,
// and the export writes what was imported. Activities belong to their work package and events
// to their activity by id; the repository refuses to delete either while something belongs to
// it, and the cascades only serve deleting the project. Texts in several languages (titles,
// descriptions, names) are rows of object_texts with exactly one owner. Quantities are BIGINT
// hundredths, like money. Participant counts are whole numbers of people: no names.
//
// retired_versions gave way to retired_keys, which knows the new kinds: a CHECK constraint
// cannot be changed in place on SQLite.
Migration version10() {
  std::vector<Step> s;
  for (const char* section : {"has_work_plan", "has_events", "has_indicators"})
    s.push_back(AddColumn{"projects", smallint(section).defaults(0)});
  s.push_back(CreateTable{{"work_packages",
                           {id(), bigint("project_id"), bigint("position"), varchar("code", 100),
                            varchar("lead", 100), bigint("version").defaults(1)},
                           {"id"},
                           {{"uq_work_packages_code", {"project_id", "code"}}},
                           {},
                           {cascade("fk_work_packages_project", "project_id", "projects")},
                           {{"ix_work_packages_order", {"project_id", "position"}, false}}}});
  s.push_back(CreateTable{
      {"activities",
       {id(), bigint("project_id"), bigint("work_package_id"), bigint("position"),
        varchar("code", 100), varchar("partner", 100), varchar("status", 20),
        fixedChar("planned_start", 10), fixedChar("planned_end", 10),
        fixedChar("actual_start", 10).null(), fixedChar("actual_end", 10).null(), text("location"),
        bigint("version").defaults(1)},
       {"id"},
       {{"uq_activities_code", {"project_id", "code"}}},
       {{"ck_activities_status", "status IN ('planned', 'ongoing', 'done', 'cancelled')"}},
       {cascade("fk_activities_project", "project_id", "projects"),
        cascade("fk_activities_work_package", "work_package_id", "work_packages")},
       {{"ix_activities_order", {"work_package_id", "position"}, false}}}});
  s.push_back(CreateTable{
      {"events",
       {id(), bigint("project_id"), bigint("activity_id"), bigint("position"), varchar("code", 100),
        varchar("kind", 100), fixedChar("start_date", 10), fixedChar("end_date", 10).null(),
        varchar("start_time", 5), text("place"), smallint("online"), varchar("partner", 100),
        bigint("total"), bigint("unique_people").null(), smallint("has_target_groups"),
        bigint("version").defaults(1)},
       {"id"},
       {{"uq_events_code", {"project_id", "code"}}},
       {{"ck_events_online", "online IN (0, 1)"},
        {"ck_events_counts", "total >= 0 AND (unique_people IS NULL OR unique_people >= 0)"},
        {"ck_events_target_groups", "has_target_groups IN (0, 1)"}},
       {cascade("fk_events_project", "project_id", "projects"),
        cascade("fk_events_activity", "activity_id", "activities")},
       {{"ix_events_order", {"project_id", "position"}, false},
        {"ix_events_start", {"project_id", "start_date"}, false},
        {"ix_events_activity", {"activity_id"}, true}}}});
  s.push_back(CreateTable{
      {"event_participants",
       {bigint("event_id"), integer("position"), varchar("target_group", 100), bigint("people")},
       {"event_id", "position"},
       {{"uq_event_participants_group", {"event_id", "target_group"}}},
       {{"ck_event_participants_people", "people >= 0"}},
       {cascade("fk_event_participants_event", "event_id", "events")},
       {}}});
  s.push_back(CreateTable{
      {"indicators",
       {id(), bigint("project_id"), bigint("position"), varchar("code", 100),
        varchar("programme_indicator", 100), text("unit"), varchar("kind", 20), bigint("baseline"),
        bigint("target"), varchar("source", 20), varchar("measure", 20).null(),
        smallint("has_target_groups"), smallint("has_kinds"), bigint("version").defaults(1)},
       {"id"},
       {{"uq_indicators_code", {"project_id", "code"}}},
       {{"ck_indicators_kind", "kind IN ('output', 'result')"},
        {"ck_indicators_source",
         "(source = 'recorded' AND measure IS NULL) OR "
         "(source = 'events' AND measure IN ('total', 'unique'))"},
        {"ck_indicators_figures", "baseline >= 0 AND target >= 0"}},
       {cascade("fk_indicators_project", "project_id", "projects")},
       {{"ix_indicators_order", {"project_id", "position"}, false}}}});
  s.push_back(CreateTable{
      {"indicator_filters",
       {bigint("indicator_id"), varchar("filter", 20), integer("position"), varchar("item", 100)},
       {"indicator_id", "filter", "position"},
       {},
       {{"ck_indicator_filters_filter", "filter IN ('target_group', 'kind')"}},
       {cascade("fk_indicator_filters_indicator", "indicator_id", "indicators")},
       {}}});
  s.push_back(CreateTable{
      {"indicator_values",
       {bigint("indicator_id"), integer("position"), integer("period"), bigint("value")},
       {"indicator_id", "position"},
       {{"uq_indicator_values_period", {"indicator_id", "period"}}},
       {{"ck_indicator_values_value", "value >= 0"}},
       {cascade("fk_indicator_values_indicator", "indicator_id", "indicators")},
       {}}});
  s.push_back(CreateTable{
      {"object_texts",
       {id(), bigint("work_package_id").null(), bigint("activity_id").null(),
        bigint("event_id").null(), bigint("indicator_id").null(), varchar("field", 20),
        integer("position"), varchar("lang", 20), text("body")},
       {"id"},
       {},
       {{"ck_object_texts_owner",
         "(CASE WHEN work_package_id IS NULL THEN 0 ELSE 1 END) + "
         "(CASE WHEN activity_id IS NULL THEN 0 ELSE 1 END) + "
         "(CASE WHEN event_id IS NULL THEN 0 ELSE 1 END) + "
         "(CASE WHEN indicator_id IS NULL THEN 0 ELSE 1 END) = 1"}},
       {cascade("fk_object_texts_work_package", "work_package_id", "work_packages"),
        cascade("fk_object_texts_activity", "activity_id", "activities"),
        cascade("fk_object_texts_event", "event_id", "events"),
        cascade("fk_object_texts_indicator", "indicator_id", "indicators")},
       {{"ix_object_texts_work_package", {"work_package_id", "field", "position"}, false},
        {"ix_object_texts_activity", {"activity_id", "field", "position"}, false},
        {"ix_object_texts_event", {"event_id", "field", "position"}, false},
        {"ix_object_texts_indicator", {"indicator_id", "field", "position"}, false}}}});
  s.push_back(CreateTable{
      {"retired_keys",
       {varchar("kind", 20), varchar("project", 100), varchar("code", 100), bigint("version")},
       {"kind", "project", "code"},
       {},
       {{"ck_retired_keys_kind",
         "kind IN ('programme', 'project', 'partner', 'work_package', 'activity', 'event', "
         "'indicator')"}},
       {},
       {}}});
  s.push_back(
      UpdateData{"INSERT INTO retired_keys (kind, project, code, version) "
                 "SELECT kind, project, code, version FROM retired_versions"});
  s.push_back(DropTable{"retired_versions"});
  return {10, "work plan, events and indicators", std::move(s)};
}

// Evidence files of activities and events (attendance lists, agendas, photos, minutes): their
// bytes are files outside the database, under stored_name in the files directory; these rows
// say what each is. They belong to the project's identity and to the object by kind and code,
// not by row id, so that a bundle replace keeps them and deleting the object does not lose
// them: a file of an object that is gone stays, listed as such, until the project is deleted.
// partner is the object's partner when the file came, who decides with the lead who may read a
// file marked as personal data (shared: the lead opened it to programme staff and auditors).
Migration version11() {
  std::vector<Step> s;
  s.push_back(CreateTable{
      {"evidence_files",
       {id(), varchar("project_identity", 100), varchar("object_kind", 20),
        varchar("object_code", 100), varchar("partner", 100), fixedChar("stored_name", 32),
        text("file_name"), varchar("content_type", 100), bigint("size"), fixedChar("sha256", 64),
        smallint("personal_data"), smallint("shared"), text("uploaded_by"),
        fixedChar("uploaded_at", 24), bigint("version").defaults(1)},
       {"id"},
       {{"uq_evidence_files_stored", {"stored_name"}}},
       {{"ck_evidence_files_kind", "object_kind IN ('activity', 'event')"},
        {"ck_evidence_files_flags", "personal_data IN (0, 1) AND shared IN (0, 1)"}},
       {},
       {{"ix_evidence_files_object", {"project_identity", "object_kind", "object_code"}, false}}}});
  return {11, "evidence files", std::move(s)};
}

// What the lead partner and the partners write about a period for the progress reports
// (core/Progress.h): one statement per project, period and partner ("" for the project's),
// versioned like the objects it is about, kept by the project's identity (as evidence is), so
// that a replaced project keeps them; deleted with the project. Its texts are rows: the
// summary, the problems and deviations, and each activity's progress, in several languages.
Migration version12() {
  std::vector<Step> s;
  s.push_back(CreateTable{
      {"progress_statements",
       {id(), varchar("project_identity", 100), integer("period"), varchar("partner", 100),
        bigint("version").defaults(1), text("changed_by"), fixedChar("changed_at", 24)},
       {"id"},
       {{"uq_progress_statements", {"project_identity", "period", "partner"}}},
       {},
       {},
       {}}});
  s.push_back(
      CreateTable{{"progress_texts",
                   {id(), bigint("statement_id"), varchar("field", 20), varchar("activity", 100),
                    integer("position"), varchar("lang", 20), text("body")},
                   {"id"},
                   {},
                   {{"ck_progress_texts_field", "field IN ('summary', 'problems', 'activity')"}},
                   {cascade("fk_progress_texts_statement", "statement_id", "progress_statements")},
                   {{"ix_progress_texts_statement", {"statement_id", "position"}, false}}}});
  return {12, "progress statements", std::move(s)};
}

// ---- bookkeeping: the tables that record migrations, described like the others but made
// before any migration runs. schema_migrations had only (version, applied_at) before
// checksums; name and checksum are added to it, on new databases too, so that every database
// ends up with one layout.

Table migrationsTable() {
  return {"schema_migrations",
          {integer("version"), fixedChar("applied_at", 20)},
          {"version"},
          {},
          {},
          {},
          {}};
}

const Column kNameColumn = varchar("name", 200).null();
const Column kChecksumColumn = fixedChar("checksum", 64).null();

Table stepsTable() {
  return {
      "schema_migration_steps",
      {integer("version"), integer("step"), fixedChar("checksum", 64), fixedChar("applied_at", 20)},
      {"version", "step"},
      {},
      {},
      {},
      {}};
}

std::string nowUtc() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

std::string shortChecksum(const std::string& checksum) {
  return checksum.size() > 12 ? checksum.substr(0, 12) + "…" : checksum;
}

std::string label(const Migration& m) {
  return "migration " + std::to_string(m.version) + " (" + m.name + ")";
}

void runAll(Session& c, const Step& step) {
  for (const Statement& statement : render(step, dialectOf(c)))
    c.execute(statement.sql, statement.params);
}

bool tableExists(Reader& c, const std::string& table) {
  const char* sql = dialectOf(c) == Dialect::kMysql
                        ? "SELECT COUNT(*) FROM information_schema.tables "
                          "WHERE table_schema = DATABASE() AND table_name = ?"
                        : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?";
  return asInt(c.query(sql, {table}).at(0).at(0)) > 0;
}

bool columnExists(Reader& c, const std::string& table, const std::string& column) {
  const char* sql = dialectOf(c) == Dialect::kMysql
                        ? "SELECT COUNT(*) FROM information_schema.columns "
                          "WHERE table_schema = DATABASE() AND table_name = ? AND column_name = ?"
                        : "SELECT COUNT(*) FROM pragma_table_info(?) WHERE name = ?";
  return asInt(c.query(sql, {table, column}).at(0).at(0)) > 0;
}

void requireAscending(const std::vector<Migration>& migrations) {
  int previous = 0;
  for (const Migration& m : migrations) {
    if (m.version <= previous)
      throw std::logic_error("migrations must have ascending positive versions: " +
                             std::to_string(m.version) + " follows " + std::to_string(previous));
    previous = m.version;
  }
}

// Creates or completes the bookkeeping tables and records the checksums an older build did
// not; runs inside a transaction (SQLite) or under the migration lock (MySQL).
void prepareBookkeeping(Session& c, const std::vector<Migration>& migrations) {
  runAll(c, CreateTable{migrationsTable()});
  for (const Column& column : {kNameColumn, kChecksumColumn})
    if (!columnExists(c, "schema_migrations", column.name))
      runAll(c, AddColumn{"schema_migrations", column});
  runAll(c, CreateTable{stepsTable()});
  for (const Migration& m : migrations)
    c.execute(
        "UPDATE schema_migrations SET checksum = ?, name = ? "
        "WHERE version = ? AND checksum IS NULL",
        {Migrations::checksum(m), m.name, std::int64_t{m.version}});
}

// What the database records of one migration.
struct Recorded {
  bool applied = false;
  std::map<std::int64_t, std::string> steps;  ///< done steps (from 0) and their checksums
};

Recorded recorded(Reader& c, const Migration& m) {
  Recorded r;
  r.applied =
      !c.query("SELECT version FROM schema_migrations WHERE version = ?", {std::int64_t{m.version}})
           .empty();
  for (const Row& row :
       c.query("SELECT step, checksum FROM schema_migration_steps WHERE version = ? ORDER BY step",
               {std::int64_t{m.version}}))
    r.steps.emplace(asInt(row[0]), asText(row[1]));
  return r;
}

// Throws SchemaMismatch when what is recorded of the migrations is not what this build has.
void requireUnchanged(Session& c, const std::vector<Migration>& migrations) {
  const SchemaStatus status = Migrations::status(c, migrations);
  if (!status.changed.empty())
    throw SchemaMismatch(Migrations::describe(status.changed.front()), status);
  if (status.appliedVersion > status.latestVersion)
    throw SchemaMismatch("the database is at schema version " +
                             std::to_string(status.appliedVersion) +
                             ", newer than this crossgrant (" +
                             std::to_string(status.latestVersion) + "): upgrade crossgrant",
                         status);
  for (const Migration& m : migrations) {
    const Recorded r = recorded(c, m);
    if (r.applied) continue;
    for (const auto& [index, checksum] : r.steps) {
      const bool known = index >= 0 && index < static_cast<std::int64_t>(m.steps.size());
      const std::string build = known ? Migrations::checksum(m.steps[index]) : "none";
      if (build != checksum)
        throw SchemaMismatch(label(m) + " was changed after its step " + std::to_string(index + 1) +
                                 " was applied: recorded checksum " + shortChecksum(checksum) +
                                 ", this build has " + shortChecksum(build),
                             status);
    }
  }
}

void recordStep(Session& c, const Migration& m, std::size_t index) {
  c.execute(
      "INSERT INTO schema_migration_steps (version, step, checksum, applied_at) "
      "VALUES (?, ?, ?, ?)",
      {std::int64_t{m.version}, static_cast<std::int64_t>(index),
       Migrations::checksum(m.steps[index]), nowUtc()});
}

void recordMigration(Session& c, const Migration& m) {
  c.execute(
      "INSERT INTO schema_migrations (version, applied_at, name, checksum) VALUES (?, ?, ?, ?)",
      {std::int64_t{m.version}, nowUtc(), m.name, Migrations::checksum(m)});
}

void rollbackQuietly(Session& c) {
  try {
    c.rollback();
  } catch (...) {
    // The original failure is the one worth reporting.
  }
}

// Runs work inside BEGIN IMMEDIATE, committing when it returns.
template <typename Work>
auto immediately(Session& c, Work&& work) {
  c.begin(UnitKind::kWrite);
  try {
    auto result = work();
    c.commit();
    return result;
  } catch (...) {
    rollbackQuietly(c);
    throw;
  }
}

// Every step in a transaction of its own with its record; the migration's record in the
// transaction after its last step. Each transaction first looks whether another process did
// its work already.
int applySqlite(Session& c, const std::vector<Migration>& migrations) {
  immediately(c, [&] {
    prepareBookkeeping(c, migrations);
    requireUnchanged(c, migrations);
    return 0;
  });
  int applied = 0;
  for (const Migration& m : migrations) {
    for (std::size_t i = 0; i < m.steps.size(); ++i) {
      immediately(c, [&] {
        const Recorded r = recorded(c, m);
        if (r.applied || r.steps.count(static_cast<std::int64_t>(i)) > 0) return 0;
        runAll(c, m.steps[i]);
        recordStep(c, m, i);
        return 0;
      });
    }
    applied += immediately(c, [&] {
      if (recorded(c, m).applied) return 0;
      recordMigration(c, m);
      return 1;
    });
  }
  return applied;
}

// Under the lock, one process at a time: a step's DDL commits by itself, then its record
// (a step of DML only, such as InsertRow, commits with its record). Were the process to stop
// between the two, the step's statements run again on the next apply, which their guards
// make harmless.
int applyMysqlLocked(Session& c, const std::vector<Migration>& migrations) {
  prepareBookkeeping(c, migrations);
  c.commit();
  requireUnchanged(c, migrations);
  int applied = 0;
  for (const Migration& m : migrations) {
    const Recorded r = recorded(c, m);
    if (r.applied) continue;
    for (std::size_t i = 0; i < m.steps.size(); ++i) {
      if (r.steps.count(static_cast<std::int64_t>(i)) > 0) continue;
      runAll(c, m.steps[i]);
      recordStep(c, m, i);
      c.commit();
    }
    recordMigration(c, m);
    c.commit();
    ++applied;
  }
  return applied;
}

int applyMysql(Session& c, const std::vector<Migration>& migrations) {
  c.begin(UnitKind::kWrite);
  const std::string lock = "crossgrant.migrate." + asText(c.query("SELECT DATABASE()").at(0).at(0));
  const Value got =
      c.query("SELECT GET_LOCK(?, ?)", {lock, std::int64_t{kLockTimeoutSeconds}}).at(0).at(0);
  c.commit();
  if (isNull(got) || asInt(got) != 1)
    throw StoreError("could not take the migration lock '" + lock + "' within " +
                     std::to_string(kLockTimeoutSeconds) + " s: another migration still runs");
  int applied = 0;
  try {
    applied = applyMysqlLocked(c, migrations);
  } catch (...) {
    rollbackQuietly(c);
    try {
      c.query("SELECT RELEASE_LOCK(?)", {lock});
      c.commit();
    } catch (...) {
      // Losing the connection releases the lock too.
    }
    throw;
  }
  c.query("SELECT RELEASE_LOCK(?)", {lock});
  c.commit();
  return applied;
}

}  // namespace

const std::vector<Migration>& Migrations::all() {
  static const std::vector<Migration> migrations{version1(), version2(),  version3(),  version4(),
                                                 version5(), version6(),  version7(),  version8(),
                                                 version9(), version10(), version11(), version12()};
  return migrations;
}

int Migrations::latestVersion() { return all().back().version; }

const Schema& Migrations::current() {
  static const Schema schema = [] {
    Schema built;
    for (const Migration& m : all())
      for (const Step& step : m.steps) built.apply(step);
    return built;
  }();
  return schema;
}

std::string Migrations::checksum(const Step& step) { return core::sha256Hex(canonical(step)); }

std::string Migrations::checksum(const Migration& migration) {
  std::string text;
  for (const Step& step : migration.steps) text += canonical(step);
  return core::sha256Hex(text);
}

std::string Migrations::describe(const ChangedMigration& change) {
  return "migration " + std::to_string(change.version) + " (" + change.name +
         ") was changed after it was applied: recorded checksum " +
         shortChecksum(change.recordedChecksum) + ", this build has " +
         shortChecksum(change.buildChecksum);
}

int Migrations::currentVersion(Reader& c) {
  if (!tableExists(c, "schema_migrations")) return 0;
  return static_cast<int>(
      asInt(c.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").at(0).at(0)));
}

SchemaStatus Migrations::status(Reader& c, const std::vector<Migration>& migrations) {
  SchemaStatus status;
  status.latestVersion = migrations.empty() ? 0 : migrations.back().version;
  status.appliedVersion = currentVersion(c);
  if (status.appliedVersion == 0) return status;
  const bool checksums = columnExists(c, "schema_migrations", kChecksumColumn.name);
  std::map<int, const Migration*> byVersion;
  for (const Migration& m : migrations) byVersion.emplace(m.version, &m);
  for (const Row& row :
       c.query(checksums ? "SELECT version, checksum FROM schema_migrations ORDER BY version"
                         : "SELECT version, NULL FROM schema_migrations ORDER BY version")) {
    const int version = static_cast<int>(asInt(row[0]));
    const auto known = byVersion.find(version);
    if (known == byVersion.end()) continue;
    if (isNull(row[1])) {
      status.unverified.push_back(version);
      continue;
    }
    const std::string build = checksum(*known->second);
    if (asText(row[1]) != build)
      status.changed.push_back({version, known->second->name, asText(row[1]), build});
  }
  return status;
}

int Migrations::apply(Session& c, const std::vector<Migration>& migrations) {
  requireAscending(migrations);
  return dialectOf(c) == Dialect::kMysql ? applyMysql(c, migrations) : applySqlite(c, migrations);
}

TextLimit columnLimit(std::string_view table, std::string_view column) {
  const Table& t = Migrations::current().table(table);
  const Column* c = t.column(column);
  if (c == nullptr)
    throw std::logic_error("schema description: no column " + std::string(table) + "." +
                           std::string(column));
  return textLimit(*c);
}

std::size_t characterLimit(std::string_view table, std::string_view column) {
  const TextLimit limit = columnLimit(table, column);
  if (limit.unit != TextLimit::Unit::kCharacters)
    throw std::logic_error("schema description: " + std::string(table) + "." + std::string(column) +
                           " is not limited in characters");
  return limit.most;
}

}  // namespace crossgrant::store
