// The ToUnicode CMap of a UTF-8 font, written so that every reader parses it cleanly.
//
// libharu 2.3.0 gives each UTF-8 (Type0, Identity-H) font a ToUnicode stream that holds a
// CID-keyed CMap ("begincidrange"), which is not what a ToUnicode CMap may contain: poppler
// warns "Invalid 'begincidrange' operator" on every page and other readers may lose the text.
// With that encoder a character code is the code point itself (two bytes, BMP), so the right
// CMap maps each code the document uses to the same UTF-16 value, with beginbfrange and
// beginbfchar (PDF 32000-1, 9.10.3). replaceToUnicode() puts that CMap into libharu's stream
// object in place before the document is saved, so libharu itself still writes the stream
// (compressed) and the cross-reference table. This reaches into libharu's object layer
// (hpdf_objects.h, hpdf_doc.h), which Debian installs with the library.
#pragma once

#include <hpdf.h>

#include <cstdint>
#include <string>
#include <vector>

#include "HpdfDoc.h"

namespace crossgrant::pdf {

/// The CMap text mapping each code (ascending, distinct, no surrogates) to itself.
std::string buildToUnicodeCMap(const std::vector<std::uint16_t>& codes);

/// Replaces the content and dictionary of `font`'s ToUnicode stream with buildToUnicodeCMap,
/// or gives the font a new ToUnicode stream if it has none (as libharu 2.3.0 always gives it).
/// Throws PdfError.
void replaceToUnicode(HpdfDoc& doc, HPDF_Font font, const std::vector<std::uint16_t>& codes);

}  // namespace crossgrant::pdf
