#include <iostream>
#include <string>
#include <vector>

#include "Cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return crossgrant::server::runCli(argc > 0 ? argv[0] : "crossgrant", args, std::cout, std::cerr);
}
