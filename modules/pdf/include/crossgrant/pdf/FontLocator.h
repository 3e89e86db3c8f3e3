// Where the embedded fonts come from: DejaVu Sans and DejaVu Sans Bold, TrueType, as Debian's
// fonts-dejavu-core installs them (/usr/share/fonts/truetype/dejavu/). Thread-safe: reads the
// environment and the file system only.
#pragma once

#include <string>

namespace crossgrant::pdf {

struct FontFiles {
  std::string regular;  ///< DejaVuSans.ttf
  std::string bold;     ///< DejaVuSans-Bold.ttf
};

/// Looks in `directory` if it is not empty, else in $CROSSGRANT_FONT_DIR if set, else in the
/// usual places of Debian, Fedora and Arch and under /usr/local/share/fonts. Throws PdfError
/// naming every place it looked and the Debian package to install when a file is missing.
FontFiles locateFonts(const std::string& directory = "");

}  // namespace crossgrant::pdf
