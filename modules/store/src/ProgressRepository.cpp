#include "crossgrant/store/ProgressRepository.h"

#include <map>

#include "RepositorySupport.h"

namespace crossgrant::store {
namespace {

using detail::text;

constexpr const char* kStatementColumns =
    "SELECT id, period, partner, version, changed_by, changed_at FROM progress_statements";

/// The statements of rows, with their texts read in one query.
std::vector<StoredStatement> withTexts(Reader& db, const std::vector<Row>& rows) {
  std::vector<StoredStatement> out;
  std::map<std::int64_t, std::size_t> byId;
  for (const Row& row : rows) {
    StoredStatement stored;
    stored.statement.period = static_cast<int>(asInt(row[1]));
    stored.statement.partner = asText(row[2]);
    stored.version = asInt(row[3]);
    stored.changedBy = asText(row[4]);
    stored.changedAt = asText(row[5]);
    byId.emplace(asInt(row[0]), out.size());
    out.push_back(std::move(stored));
  }
  if (out.empty()) return out;
  std::string ids;
  std::vector<Value> params;
  for (const auto& [id, index] : byId) {
    ids += ids.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  for (const Row& row : db.query("SELECT statement_id, field, activity, lang, body "
                                 "FROM progress_texts WHERE statement_id IN (" +
                                     ids + ") ORDER BY statement_id, position",
                                 params)) {
    core::PeriodStatement& statement = out[byId.at(asInt(row[0]))].statement;
    const std::string field = asText(row[1]);
    std::pair<std::string, std::string> entry{asText(row[3]), asText(row[4])};
    if (field == "summary") {
      statement.summary.push_back(std::move(entry));
    } else if (field == "problems") {
      statement.problems.push_back(std::move(entry));
    } else {
      const std::string activity = asText(row[2]);
      if (statement.activities.empty() || statement.activities.back().first != activity)
        statement.activities.emplace_back(activity, core::Texts{});
      statement.activities.back().second.push_back(std::move(entry));
    }
  }
  return out;
}

std::optional<std::int64_t> statementId(Reader& db, std::string_view identity, int period,
                                        std::string_view partner) {
  const auto rows = db.query(
      "SELECT id FROM progress_statements WHERE project_identity = ? AND period = ? AND "
      "partner = ?",
      {text(identity), std::int64_t{period}, text(partner)});
  if (rows.empty()) return std::nullopt;
  return asInt(rows[0][0]);
}

}  // namespace

std::vector<StoredStatement> listStatements(Reader& db, std::string_view projectIdentity,
                                            std::optional<int> period) {
  std::vector<Value> params{text(projectIdentity)};
  if (period) params.emplace_back(std::int64_t{*period});
  return withTexts(db, db.query(std::string(kStatementColumns) + " WHERE project_identity = ?" +
                                    (period ? " AND period = ?" : "") + " ORDER BY period, partner",
                                params));
}

std::optional<StoredStatement> findStatement(Reader& db, std::string_view projectIdentity,
                                             int period, std::string_view partner) {
  std::vector<StoredStatement> found =
      withTexts(db, db.query(std::string(kStatementColumns) +
                                 " WHERE project_identity = ? AND period = ? AND partner = ?",
                             {text(projectIdentity), std::int64_t{period}, text(partner)}));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

bool lockStatement(Connection& db, std::string_view projectIdentity, int period,
                   std::string_view partner, std::int64_t version) {
  return db.execute(
             "UPDATE progress_statements SET version = version WHERE project_identity = ? AND "
             "period = ? AND partner = ? AND version = ?",
             {text(projectIdentity), std::int64_t{period}, text(partner), version}) == 1;
}

std::int64_t saveStatement(Connection& db, std::string_view projectIdentity,
                           const core::PeriodStatement& statement, std::string_view changedBy,
                           std::string_view changedAt) {
  std::optional<std::int64_t> id =
      statementId(db, projectIdentity, statement.period, statement.partner);
  if (id) {
    db.execute(
        "UPDATE progress_statements SET version = version + 1, changed_by = ?, changed_at = ? "
        "WHERE id = ?",
        {text(changedBy), text(changedAt), *id});
    db.execute("DELETE FROM progress_texts WHERE statement_id = ?", {*id});
  } else {
    db.execute(
        "INSERT INTO progress_statements (project_identity, period, partner, version, "
        "changed_by, changed_at) VALUES (?, ?, ?, 1, ?, ?)",
        {text(projectIdentity), std::int64_t{statement.period}, statement.partner, text(changedBy),
         text(changedAt)});
    id = db.lastInsertId();
  }
  std::int64_t position = 0;
  const auto insert = [&](const char* field, const std::string& activity,
                          const core::Texts& texts) {
    for (const auto& [lang, body] : texts)
      db.execute(
          "INSERT INTO progress_texts (statement_id, field, activity, position, lang, body) "
          "VALUES (?, ?, ?, ?, ?, ?)",
          {*id, text(field), activity, position++, lang, body});
  };
  insert("summary", "", statement.summary);
  insert("problems", "", statement.problems);
  for (const auto& [activity, texts] : statement.activities) insert("activity", activity, texts);
  return asInt(db.query("SELECT version FROM progress_statements WHERE id = ?", {*id})[0][0]);
}

void deleteProjectStatements(Connection& db, std::string_view projectIdentity) {
  db.execute(
      "DELETE FROM progress_texts WHERE statement_id IN (SELECT id FROM progress_statements "
      "WHERE project_identity = ?)",
      {text(projectIdentity)});
  db.execute("DELETE FROM progress_statements WHERE project_identity = ?", {text(projectIdentity)});
}

}  // namespace crossgrant::store
