#include <iostream>
#include <string>
#include <vector>

#include "Root.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  crossgrant::server::Root root;
  return crossgrant::cli::run(args, root, std::cin, std::cout, std::cerr);
}
