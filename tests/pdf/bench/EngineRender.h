// The benchmark document rendered with the crossgrant engine: a heading, then the table of
// BenchData rows with its header on every page, and every 50 pages a bar chart of the
// declared and verified totals per partner so far (the table resumes under it).
#pragma once

#include <string>

#include "crossgrant/core/Labels.h"

namespace crossgrant::bench {

/// The PDF bytes; `pages` receives the page count.
std::string renderEngine(int rows, const core::Labels& labels, int& pages);

/// A small report (a few pages: identification, a 60-row table, two charts), as the server
/// renders many of: the fixed cost per document.
std::string renderSmall(const core::Labels& labels, int& pages);

}  // namespace crossgrant::bench
