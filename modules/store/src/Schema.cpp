#include "Schema.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "crossgrant/core/Json.h"
#include "crossgrant/core/Text.h"

namespace crossgrant::store::schema {
namespace {

constexpr std::size_t kTextBytes = 65'535;
constexpr std::size_t kLongTextBytes = 4'294'967'295;

// utf8mb4_nopad_bin: a binary collation without PAD SPACE, so that identifiers compare exactly.
const char* const kMysqlTableOptions =
    " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin";

Column make(std::string name, Type type, std::size_t length = 0) {
  Column column;
  column.name = std::move(name);
  column.type = type;
  column.length = length;
  return column;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

std::string typeSql(const Column& column, Dialect d) {
  const bool mysql = d == Dialect::kMysql;
  switch (column.type) {
    case Type::kId:
      return mysql ? "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY"
                   : "INTEGER PRIMARY KEY AUTOINCREMENT";
    case Type::kInteger:
      return "INTEGER";
    case Type::kBigInt:
      return "BIGINT";
    case Type::kSmallInt:
      return "SMALLINT";
    case Type::kChar:
      return "CHAR(" + std::to_string(column.length) + ")";
    case Type::kVarchar:
      return "VARCHAR(" + std::to_string(column.length) + ")";
    case Type::kText:
      return "TEXT";
    case Type::kLongText:
      return mysql ? "LONGTEXT" : "TEXT";
    case Type::kBlob:
      return mysql ? "LONGBLOB" : "BLOB";
  }
  throw std::logic_error("unknown column type");
}

// A column as CREATE TABLE and ADD COLUMN declare it: "code VARCHAR(100) NOT NULL".
std::string columnSql(const Column& column, Dialect d, bool primaryKey) {
  std::string sql = column.name + " " + typeSql(column, d);
  if (column.type == Type::kId) return sql;
  sql += column.nullable ? " NULL" : " NOT NULL";
  if (primaryKey) sql += " PRIMARY KEY";
  if (const auto* number = std::get_if<std::int64_t>(&column.defaultValue))
    sql += " DEFAULT " + std::to_string(*number);
  else if (const auto* value = std::get_if<std::string>(&column.defaultValue))
    sql += " DEFAULT " + quoted(*value);
  return sql;
}

std::string indexSql(const std::string& table, const Index& index) {
  return "CREATE INDEX IF NOT EXISTS " + index.name + " ON " + table + " (" +
         joined(index.columns) + ")";
}

std::string createTableSql(const Table& t, Dialect d) {
  const bool inlineKey = t.primaryKey.size() == 1;
  std::string sql = "CREATE TABLE IF NOT EXISTS " + t.name + " (";
  bool first = true;
  const auto add = [&](const std::string& part) {
    if (!first) sql += ", ";
    sql += part;
    first = false;
  };
  for (const Column& column : t.columns)
    add(columnSql(column, d, inlineKey && t.primaryKey.front() == column.name));
  if (t.primaryKey.size() > 1) add("PRIMARY KEY (" + joined(t.primaryKey) + ")");
  for (const Unique& unique : t.uniques)
    add("CONSTRAINT " + unique.name + " UNIQUE (" + joined(unique.columns) + ")");
  for (const Check& check : t.checks)
    add("CONSTRAINT " + check.name + " CHECK (" + check.expression + ")");
  for (const ForeignKey& key : t.foreignKeys) {
    std::string part = "CONSTRAINT " + key.name + " FOREIGN KEY (" + joined(key.columns) +
                       ") REFERENCES " + key.table + " (" + joined(key.references) + ")";
    if (key.onDelete == OnDelete::kCascade) part += " ON DELETE CASCADE";
    add(part);
  }
  sql += ")";
  if (d == Dialect::kMysql) sql += kMysqlTableOptions;
  return sql;
}

bool createsIndex(const Index& index, Dialect d) {
  return !(index.forForeignKey && d == Dialect::kMysql);
}

// ---- the canonical text: one line per fact, fields separated by spaces.

const char* typeName(Type type) {
  switch (type) {
    case Type::kId:
      return "id";
    case Type::kInteger:
      return "integer";
    case Type::kBigInt:
      return "bigint";
    case Type::kSmallInt:
      return "smallint";
    case Type::kChar:
      return "char";
    case Type::kVarchar:
      return "varchar";
    case Type::kText:
      return "text";
    case Type::kLongText:
      return "longtext";
    case Type::kBlob:
      return "blob";
  }
  throw std::logic_error("unknown column type");
}

std::string canonicalLiteral(const Literal& value) {
  if (const auto* number = std::get_if<std::int64_t>(&value))
    return "integer " + std::to_string(*number);
  return "text " + quoted(std::get<std::string>(value));
}

std::string canonicalColumn(const Column& c) {
  std::string line = "column " + c.name + " " + typeName(c.type);
  if (c.length != 0) line += " length " + std::to_string(c.length);
  line += c.nullable ? " null" : " not-null";
  if (const auto* number = std::get_if<std::int64_t>(&c.defaultValue))
    line += " default " + canonicalLiteral(*number);
  else if (const auto* value = std::get_if<std::string>(&c.defaultValue))
    line += " default " + canonicalLiteral(*value);
  return line + "\n";
}

std::string canonicalIndex(const Index& index) {
  return "index " + index.name + " (" + joined(index.columns) + ")" +
         (index.forForeignKey ? " for-foreign-key" : "") + "\n";
}

struct CanonicalText {
  std::string operator()(const CreateTable& step) const {
    const Table& t = step.table;
    std::string out = "create-table " + t.name + "\n";
    for (const Column& column : t.columns) out += canonicalColumn(column);
    out += "primary-key (" + joined(t.primaryKey) + ")\n";
    for (const Unique& u : t.uniques) out += "unique " + u.name + " (" + joined(u.columns) + ")\n";
    for (const Check& c : t.checks) out += "check " + c.name + " (" + c.expression + ")\n";
    for (const ForeignKey& k : t.foreignKeys)
      out += "foreign-key " + k.name + " (" + joined(k.columns) + ") references " + k.table + " (" +
             joined(k.references) + ") on-delete " +
             (k.onDelete == OnDelete::kCascade ? "cascade" : "restrict") + "\n";
    for (const Index& index : t.indexes) out += canonicalIndex(index);
    return out;
  }
  std::string operator()(const AddColumn& step) const {
    return "add-column " + step.table + "\n" + canonicalColumn(step.column);
  }
  std::string operator()(const CreateIndex& step) const {
    return "create-index " + step.table + "\n" + canonicalIndex(step.index);
  }
  std::string operator()(const ExactText& step) const { return "exact-text " + step.table + "\n"; }
  std::string operator()(const UpdateData& step) const { return "update-data " + step.sql + "\n"; }
  std::string operator()(const DropTable& step) const { return "drop-table " + step.table + "\n"; }
  std::string operator()(const InsertRow& step) const {
    std::string out = "insert-row " + step.table + "\n";
    for (const auto& [column, value] : step.values)
      out += "value " + column + " " + canonicalLiteral(value) + "\n";
    return out;
  }
};

struct Rendering {
  Dialect d;

  std::vector<Statement> operator()(const CreateTable& step) const {
    std::vector<Statement> out{{createTableSql(step.table, d), {}}};
    for (const Index& index : step.table.indexes)
      if (createsIndex(index, d)) out.push_back({indexSql(step.table.name, index), {}});
    return out;
  }
  std::vector<Statement> operator()(const AddColumn& step) const {
    // MariaDB commits DDL at once, so its ADD COLUMN is guarded; SQLite's runs in the
    // transaction that records the step.
    return {{"ALTER TABLE " + step.table + " ADD COLUMN " +
                 (d == Dialect::kMysql ? "IF NOT EXISTS " : "") + columnSql(step.column, d, false),
             {}}};
  }
  std::vector<Statement> operator()(const CreateIndex& step) const {
    if (!createsIndex(step.index, d)) return {};
    return {{indexSql(step.table, step.index), {}}};
  }
  std::vector<Statement> operator()(const ExactText& step) const {
    // Converting to the character set the table has already changes only the collation; run
    // again, it changes nothing.
    if (d != Dialect::kMysql) return {};
    return {{"ALTER TABLE " + step.table +
                 " CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin",
             {}}};
  }
  std::vector<Statement> operator()(const UpdateData& step) const { return {{step.sql, {}}}; }
  std::vector<Statement> operator()(const DropTable& step) const {
    return {{"DROP TABLE IF EXISTS " + step.table, {}}};
  }
  std::vector<Statement> operator()(const InsertRow& step) const {
    std::vector<std::string> names;
    std::string marks;
    std::vector<Value> params;
    for (const auto& [column, value] : step.values) {
      names.push_back(column);
      marks += marks.empty() ? "?" : ", ?";
      if (const auto* number = std::get_if<std::int64_t>(&value))
        params.emplace_back(*number);
      else
        params.emplace_back(std::get<std::string>(value));
    }
    return {{std::string(d == Dialect::kMysql ? "INSERT IGNORE" : "INSERT OR IGNORE") + " INTO " +
                 step.table + " (" + joined(names) + ") VALUES (" + marks + ")",
             std::move(params)}};
  }
};

[[noreturn]] void badStep(const std::string& message) {
  throw std::logic_error("schema description: " + message);
}

}  // namespace

Column Column::null() const {
  Column copy = *this;
  copy.nullable = true;
  return copy;
}

Column Column::defaults(Literal value) const {
  Column copy = *this;
  if (const auto* number = std::get_if<std::int64_t>(&value))
    copy.defaultValue = *number;
  else
    copy.defaultValue = std::get<std::string>(std::move(value));
  return copy;
}

Column Column::limitedTo(std::size_t characters) const {
  Column copy = *this;
  copy.characterLimit = characters;
  return copy;
}

Column id(std::string name) { return make(std::move(name), Type::kId); }
Column integer(std::string name) { return make(std::move(name), Type::kInteger); }
Column bigint(std::string name) { return make(std::move(name), Type::kBigInt); }
Column smallint(std::string name) { return make(std::move(name), Type::kSmallInt); }
Column fixedChar(std::string name, std::size_t length) {
  return make(std::move(name), Type::kChar, length);
}
Column varchar(std::string name, std::size_t length) {
  return make(std::move(name), Type::kVarchar, length);
}
Column text(std::string name) { return make(std::move(name), Type::kText); }
Column longText(std::string name) { return make(std::move(name), Type::kLongText); }
Column blob(std::string name) { return make(std::move(name), Type::kBlob); }

const Column* Table::column(std::string_view name) const {
  for (const Column& c : columns)
    if (c.name == name) return &c;
  return nullptr;
}

Dialect dialectOf(const Reader& connection) {
  return connection.backend() == "mysql" ? Dialect::kMysql : Dialect::kSqlite;
}

std::vector<Statement> render(const Step& step, Dialect dialect) {
  return std::visit(Rendering{dialect}, step);
}

std::string canonical(const Step& step) { return std::visit(CanonicalText{}, step); }

void Schema::apply(const Step& step) {
  const auto find = [this](const std::string& name) {
    return std::find_if(tables_.begin(), tables_.end(),
                        [&](const Table& t) { return t.name == name; });
  };
  const auto existing = [&](const std::string& name) -> Table& {
    const auto found = find(name);
    if (found == tables_.end()) badStep("no table " + name);
    return *found;
  };
  if (const auto* create = std::get_if<CreateTable>(&step)) {
    if (find(create->table.name) != tables_.end())
      badStep("table " + create->table.name + " is created twice");
    tables_.push_back(create->table);
  } else if (const auto* add = std::get_if<AddColumn>(&step)) {
    Table& table = existing(add->table);
    if (table.column(add->column.name) != nullptr)
      badStep("column " + add->table + "." + add->column.name + " is added twice");
    if (!add->column.nullable && std::holds_alternative<std::monostate>(add->column.defaultValue))
      badStep("the added column " + add->table + "." + add->column.name +
              " is NOT NULL without a default");
    table.columns.push_back(add->column);
  } else if (const auto* index = std::get_if<CreateIndex>(&step)) {
    existing(index->table).indexes.push_back(index->index);
  } else if (const auto* exact = std::get_if<ExactText>(&step)) {
    existing(exact->table);
  } else if (const auto* drop = std::get_if<DropTable>(&step)) {
    tables_.erase(find(existing(drop->table).name));
  } else if (std::holds_alternative<UpdateData>(step)) {
    // Data only: the tables stay as they are.
  } else {
    existing(std::get<InsertRow>(step).table);
  }
}

const Table& Schema::table(std::string_view name) const {
  for (const Table& t : tables_)
    if (t.name == name) return t;
  badStep("no table " + std::string(name));
}

TextLimit textLimit(const Column& column) {
  switch (column.type) {
    case Type::kChar:
    case Type::kVarchar:
      return {TextLimit::Unit::kCharacters, column.length};
    case Type::kText:
      if (column.characterLimit != 0) return {TextLimit::Unit::kCharacters, column.characterLimit};
      return {TextLimit::Unit::kBytes, kTextBytes};
    case Type::kLongText:
      if (column.characterLimit != 0) return {TextLimit::Unit::kCharacters, column.characterLimit};
      return {TextLimit::Unit::kBytes, kLongTextBytes};
    default:
      badStep("column " + column.name + " holds no text");
  }
}

std::optional<std::string> overLimit(std::string_view value, const TextLimit& limit) {
  const bool characters = limit.unit == TextLimit::Unit::kCharacters;
  const std::size_t size = characters ? core::utf8Length(value) : value.size();
  if (size <= limit.most) return std::nullopt;
  return "at most " + std::to_string(limit.most) +
         (characters ? " characters, not " : " bytes of UTF-8, not ") + std::to_string(size);
}

}  // namespace crossgrant::store::schema
