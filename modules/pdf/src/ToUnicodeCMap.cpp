#include "ToUnicodeCMap.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "crossgrant/pdf/PdfError.h"

namespace crossgrant::pdf {
namespace {

constexpr std::size_t kMaxEntriesPerBlock = 100;  // the limit of a CMap operator block

struct Range {
  std::uint16_t first;
  std::uint16_t last;
};

void appendHex(std::string& out, std::uint16_t code) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "<%04X>", code);
  out += buffer;
}

template <typename Write>
void appendBlocks(std::string& out, const std::vector<Range>& ranges, const char* begin,
                  const char* end, Write write) {
  for (std::size_t i = 0; i < ranges.size(); i += kMaxEntriesPerBlock) {
    const std::size_t count = std::min(kMaxEntriesPerBlock, ranges.size() - i);
    out += std::to_string(count) + " " + begin + "\n";
    for (std::size_t j = i; j < i + count; ++j) write(ranges[j]);
    out += end;
    out += "\n";
  }
}

}  // namespace

std::string buildToUnicodeCMap(const std::vector<std::uint16_t>& codes) {
  // Runs of consecutive codes that share their high byte (a bfrange may only vary the last
  // byte) become ranges; single codes become bfchar entries.
  std::vector<Range> ranges;
  std::vector<Range> singles;
  for (std::size_t i = 0; i < codes.size();) {
    std::size_t j = i;
    while (j + 1 < codes.size() && codes[j + 1] == codes[j] + 1 &&
           (codes[j + 1] >> 8) == (codes[i] >> 8))
      ++j;
    (j == i ? singles : ranges).push_back({codes[i], codes[j]});
    i = j + 1;
  }

  std::string out =
      "/CIDInit /ProcSet findresource begin\n"
      "12 dict begin\n"
      "begincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n"
      "/CMapType 2 def\n"
      "1 begincodespacerange\n"
      "<0000> <FFFF>\n"
      "endcodespacerange\n";
  appendBlocks(out, ranges, "beginbfrange", "endbfrange", [&](const Range& range) {
    appendHex(out, range.first);
    out += ' ';
    appendHex(out, range.last);
    out += ' ';
    appendHex(out, range.first);
    out += '\n';
  });
  appendBlocks(out, singles, "beginbfchar", "endbfchar", [&](const Range& single) {
    appendHex(out, single.first);
    out += ' ';
    appendHex(out, single.first);
    out += '\n';
  });
  out +=
      "endcmap\n"
      "CMapName currentdict /CMap defineresource pop\n"
      "end\n"
      "end\n";
  return out;
}

void replaceToUnicode(HpdfDoc& doc, HPDF_Font font, const std::vector<std::uint16_t>& codes) {
  auto cmap = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT));
  doc.check("finding the font's ToUnicode CMap");
  if (cmap == nullptr || cmap->stream == nullptr || cmap->stream->type != HPDF_STREAM_MEMORY) {
    // Not where libharu 2.3.0 puts it: give the font a stream of its own.
    cmap = HPDF_DictStream_New(font->mmgr, doc.get()->xref);
    doc.check(cmap == nullptr ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_OK, "creating a ToUnicode CMap");
    cmap->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    doc.check(HPDF_Dict_Add(font, "ToUnicode", cmap), "adding a ToUnicode CMap");
  } else {
    HPDF_MemStream_FreeData(cmap->stream);
  }

  const std::string text = buildToUnicodeCMap(codes);
  doc.check(HPDF_Stream_Write(cmap->stream, reinterpret_cast<const HPDF_BYTE*>(text.data()),
                              static_cast<HPDF_UINT>(text.size())),
            "writing the ToUnicode CMap");

  HPDF_Dict systemInfo = HPDF_Dict_New(cmap->mmgr);
  doc.check(systemInfo == nullptr ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_OK,
            "writing the ToUnicode CMap");
  HPDF_STATUS status =
      HPDF_Dict_Add(systemInfo, "Registry", HPDF_String_New(cmap->mmgr, "Adobe", nullptr));
  if (status == HPDF_OK)
    status = HPDF_Dict_Add(systemInfo, "Ordering", HPDF_String_New(cmap->mmgr, "UCS", nullptr));
  if (status == HPDF_OK) status = HPDF_Dict_AddNumber(systemInfo, "Supplement", 0);
  if (status == HPDF_OK) status = HPDF_Dict_Add(cmap, "CIDSystemInfo", systemInfo);
  if (status == HPDF_OK) status = HPDF_Dict_AddName(cmap, "Type", "CMap");
  if (status == HPDF_OK) status = HPDF_Dict_AddName(cmap, "CMapName", "Adobe-Identity-UCS");
  doc.check(status, "writing the ToUnicode CMap");
}

}  // namespace crossgrant::pdf
