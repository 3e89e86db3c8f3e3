// The composition root of the executable: builds the configuration and the context the first
// time a command needs them, checks the database's schema for what the command does, and
// serves HTTP for `serve`.
#pragma once

#include <memory>
#include <optional>

#include "crossgrant/cli/Cli.h"
#include "crossgrant/server/Configuration.h"

namespace crossgrant::server {

class Root : public cli::Host {
 public:
  app::Context& open(const cli::Globals& globals, cli::DatabaseUse use) override;
  int serve(const cli::Globals& globals, const cli::ServeOptions& options,
            std::ostream& out) override;

 private:
  std::optional<Configuration> configuration_;
  std::unique_ptr<app::Context> context_;
};

}  // namespace crossgrant::server
