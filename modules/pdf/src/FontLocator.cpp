#include "crossgrant/pdf/FontLocator.h"

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "crossgrant/pdf/PdfError.h"

namespace crossgrant::pdf {
namespace {

constexpr const char* kRegular = "DejaVuSans.ttf";
constexpr const char* kBold = "DejaVuSans-Bold.ttf";

bool isFile(const std::string& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

}  // namespace

FontFiles locateFonts(const std::string& directory) {
  std::vector<std::string> candidates;
  if (!directory.empty()) {
    candidates.push_back(directory);
  } else if (const char* fromEnvironment = std::getenv("CROSSGRANT_FONT_DIR");
             fromEnvironment != nullptr && *fromEnvironment != '\0') {
    candidates.emplace_back(fromEnvironment);
  } else {
    candidates = {"/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu-sans-fonts",
                  "/usr/share/fonts/dejavu",          "/usr/share/fonts/TTF",
                  "/usr/local/share/fonts/dejavu",    "/usr/local/share/fonts"};
  }
  for (const std::string& candidate : candidates) {
    FontFiles files{candidate + "/" + kRegular, candidate + "/" + kBold};
    if (isFile(files.regular) && isFile(files.bold)) return files;
  }
  std::string places;
  for (const std::string& candidate : candidates)
    places += (places.empty() ? "" : ", ") + candidate;
  throw PdfError(std::string("fonts ") + kRegular + " and " + kBold + " not found in " + places +
                 " (install the Debian package fonts-dejavu-core, or set CROSSGRANT_FONT_DIR)");
}

}  // namespace crossgrant::pdf
