// The schema as data: tables, their columns, keys, checks and indexes, and the steps of
// migrations over them. From one description it renders the DDL of each backend (SQLite;
// MySQL/MariaDB with InnoDB, utf8mb4 and utf8mb4_nopad_bin) and a canonical, backend-independent
// text whose SHA-256 is a step's checksum. The current schema (Migrations.h) is what the steps
// of every migration build, and the repositories take their length limits from it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "crossgrant/store/Database.h"

namespace crossgrant::store::schema {

/// Column types, spelt the same on both backends unless noted.
enum class Type {
  kId,        ///< the auto-increment BIGINT primary key (INTEGER PRIMARY KEY on SQLite)
  kInteger,   ///< INTEGER (INT on MariaDB)
  kBigInt,    ///< BIGINT
  kSmallInt,  ///< SMALLINT
  kChar,      ///< CHAR(length)
  kVarchar,   ///< VARCHAR(length)
  kText,      ///< TEXT: at most 65,535 bytes on MariaDB
  kLongText,  ///< TEXT on SQLite, LONGTEXT on MariaDB
  kBlob,      ///< BLOB on SQLite, LONGBLOB on MariaDB
};

/// A default or a seed value: an integer or a text.
using Literal = std::variant<std::int64_t, std::string>;

struct Column {
  std::string name;
  Type type = Type::kText;
  /// CHAR and VARCHAR: the length in characters; 0 for the other types.
  std::size_t length = 0;
  bool nullable = false;
  std::variant<std::monostate, std::int64_t, std::string> defaultValue;
  /// A limit in characters the store enforces on a TEXT column although the database would
  /// hold more; 0 for none. Not part of the DDL nor of the checksum.
  std::size_t characterLimit = 0;

  Column null() const;
  Column defaults(Literal value) const;
  Column limitedTo(std::size_t characters) const;
};

Column id(std::string name = "id");
Column integer(std::string name);
Column bigint(std::string name);
Column smallint(std::string name);
Column fixedChar(std::string name, std::size_t length);
Column varchar(std::string name, std::size_t length);
Column text(std::string name);
Column longText(std::string name);
Column blob(std::string name);

/// A named UNIQUE constraint.
struct Unique {
  std::string name;
  std::vector<std::string> columns;
};

/// A named CHECK constraint; its expression is SQL both backends read the same.
struct Check {
  std::string name;
  std::string expression;
};

enum class OnDelete { kRestrict, kCascade };

struct ForeignKey {
  std::string name;
  std::vector<std::string> columns;
  std::string table;
  std::vector<std::string> references;
  /// kRestrict writes no ON DELETE clause (both backends then refuse the delete).
  OnDelete onDelete = OnDelete::kRestrict;
};

struct Index {
  std::string name;
  std::vector<std::string> columns;
  /// An index of a foreign key's columns: InnoDB makes one by itself, so it is created on
  /// SQLite only.
  bool forForeignKey = false;
};

struct Table {
  std::string name;
  std::vector<Column> columns;
  /// The primary key's columns. A key of one column is declared on that column.
  std::vector<std::string> primaryKey;
  std::vector<Unique> uniques;
  std::vector<Check> checks;
  std::vector<ForeignKey> foreignKeys;
  std::vector<Index> indexes;

  /// The column of that name; nullptr if the table has none.
  const Column* column(std::string_view name) const;
};

/// Migration steps. Each renders as guarded statements where the backend allows (IF NOT
/// EXISTS, INSERT ... IGNORE), so that running a step again after it took effect changes
/// nothing: on MariaDB a step's DDL commits before its record does. AddColumn on SQLite has no
/// guard and relies on the transaction that holds the step and its record.
struct CreateTable {
  Table table;
};
/// A column added at the end of a table; NOT NULL needs a default (both backends fill
/// existing rows with it).
struct AddColumn {
  std::string table;
  Column column;
};
struct CreateIndex {
  std::string table;
  Index index;
};
/// A row inserted unless a row with its key exists (seed data such as audit_head's one row).
struct InsertRow {
  std::string table;
  std::vector<std::pair<std::string, Literal>> values;
};
/// Every text column of a table, and the table's default, compare exactly: byte for byte,
/// trailing spaces included. MariaDB's utf8mb4_bin is a PAD SPACE collation ('mylead' =
/// 'mylead   '); the step converts the table to utf8mb4_nopad_bin, which tables created since
/// have anyway. Nothing on SQLite, whose BINARY collation compares every byte.
struct ExactText {
  std::string table;
};
/// A statement over data that both backends read the same (UPDATE, INSERT ... SELECT; no DDL):
/// it runs in the transaction that records its step on either backend, so it needs no guard.
struct UpdateData {
  std::string sql;
};
/// A table dropped once what it held moved elsewhere (DROP TABLE IF EXISTS).
struct DropTable {
  std::string table;
};
using Step =
    std::variant<CreateTable, AddColumn, CreateIndex, InsertRow, ExactText, UpdateData, DropTable>;

/// A statement of rendered DDL or seed data with its bound values.
struct Statement {
  std::string sql;
  std::vector<Value> params;
};

enum class Dialect { kSqlite, kMysql };
Dialect dialectOf(const Reader& connection);

/// The statements that carry out a step on a backend, in order.
std::vector<Statement> render(const Step& step, Dialect dialect);
/// The canonical text of a step, the same on every backend. It is what checksums are taken
/// of: changing how it is written changes every recorded checksum, so its format is frozen.
std::string canonical(const Step& step);

/// The tables a list of steps builds, in the order they were created.
class Schema {
 public:
  /// Applies a step to the description; throws std::logic_error for a step that names a table
  /// or column that does not exist, or creates one that does.
  void apply(const Step& step);
  /// The table of that name; throws std::logic_error if there is none.
  const Table& table(std::string_view name) const;
  const std::vector<Table>& tables() const { return tables_; }

 private:
  std::vector<Table> tables_;
};

/// How much text a column holds: characters for CHAR, VARCHAR and TEXT columns with a
/// characterLimit, bytes of UTF-8 for TEXT (MariaDB's TEXT holds 65,535 bytes).
struct TextLimit {
  enum class Unit { kCharacters, kBytes };
  Unit unit;
  std::size_t most;
};

/// The limit of a text column; throws std::logic_error for a column that holds no text.
TextLimit textLimit(const Column& column);

/// Why value does not fit the limit ("at most 100 characters, not 101", "at most 65535 bytes
/// of UTF-8, not 70000"); nothing when it fits. Characters are counted by core::utf8Length.
std::optional<std::string> overLimit(std::string_view value, const TextLimit& limit);

}  // namespace crossgrant::store::schema
