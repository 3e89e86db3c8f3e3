// The baseline of the benchmark: the same rows written with plain libharu calls and no layout
// logic at all (fixed positions, fixed row height, descriptions pre-split into two lines, no
// measuring, no wrapping, no page X of Y), in the same fonts with the same compression.
#pragma once

#include <string>

namespace crossgrant::bench {

/// Renders `rows` rows and returns the PDF bytes; `pages` receives the page count.
std::string renderPlain(int rows, const std::string& fontDirectory, int& pages);

}  // namespace crossgrant::bench
