// The file that holds the audit trail's key (core::AuditKey), kept outside the database so
// that whoever can write the database but cannot read this file cannot forge the chain. It
// holds the key's 32 bytes as 64 lower-case hexadecimal digits and a newline, and is created
// with mode 0600.
#pragma once

#include <string>

#include "crossgrant/core/AuditChain.h"

namespace crossgrant::app {

/// The key the file at path holds. Throws core::ConfigurationError naming path and
/// audit.key_file when it does not exist, cannot be read or holds no key.
core::AuditKey readAuditKey(const std::string& path);

/// Creates the file at path (and its directory) with a new random key and mode 0600, unless a
/// file is there already; returns whether it created one. The file appears whole or not at
/// all, also when two processes create it at once. Throws core::ConfigurationError when it
/// cannot be written.
bool createAuditKeyFile(const std::string& path);

}  // namespace crossgrant::app
