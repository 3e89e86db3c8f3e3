#include "PlainLibharu.h"

#include <hpdf.h>

#include <stdexcept>
#include <vector>

#include "BenchData.h"

namespace crossgrant::bench {
namespace {

// Records the first error; renderPlain() throws it once libharu has returned.
void onError(HPDF_STATUS code, HPDF_STATUS, void* first) {
  auto* recorded = static_cast<HPDF_STATUS*>(first);
  if (*recorded == HPDF_OK) *recorded = code;
}

}  // namespace

std::string renderPlain(int rows, const std::string& fontDirectory, int& pages) {
  HPDF_STATUS error = HPDF_OK;
  HPDF_Doc doc = HPDF_New(onError, &error);
  HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(doc);
  HPDF_SetCurrentEncoder(doc, "UTF-8");
  const std::string regularPath = fontDirectory + "/DejaVuSans.ttf";
  const std::string boldPath = fontDirectory + "/DejaVuSans-Bold.ttf";
  HPDF_Font regular =
      HPDF_GetFont(doc, HPDF_LoadTTFontFromFile(doc, regularPath.c_str(), HPDF_TRUE), "UTF-8");
  HPDF_Font bold =
      HPDF_GetFont(doc, HPDF_LoadTTFontFromFile(doc, boldPath.c_str(), HPDF_TRUE), "UTF-8");

  const float width = 841.89f;  // A4 landscape, as the engine's benchmark document
  const float height = 595.276f;
  const float left = 42.0f;
  const float right = width - 42.0f;
  const float top = height - 56.0f;
  const float bottom = 50.0f;
  const float size = 8.0f;
  const float rowHeight = 2 * size * 1.2f + 4.4f;

  std::vector<float> x;
  float total = 0;
  for (float share : BenchData::widths()) total += share;
  float at = left;
  for (float share : BenchData::widths()) {
    x.push_back(at + 3.0f);
    at += (right - left) * share / total;
  }

  BenchData data;
  BenchRow row;
  HPDF_Page page = nullptr;
  float y = 0;
  pages = 0;
  for (int i = 0; i < rows; ++i) {
    if (page == nullptr || y - rowHeight < bottom) {
      page = HPDF_AddPage(doc);
      HPDF_Page_SetWidth(page, width);
      HPDF_Page_SetHeight(page, height);
      ++pages;
      y = top;
      HPDF_Page_BeginText(page);
      HPDF_Page_SetFontAndSize(page, bold, size);
      const auto titles = BenchData::titles();
      for (std::size_t c = 0; c < titles.size(); ++c)
        HPDF_Page_TextOut(page, x[c], y - 10.0f, std::string(titles[c]).c_str());
      HPDF_Page_EndText(page);
      y -= 14.0f;
      HPDF_Page_MoveTo(page, left, y);
      HPDF_Page_LineTo(page, right, y);
      HPDF_Page_Stroke(page);
      HPDF_Page_SetFontAndSize(page, regular, size);
    }
    data.fill(i, row);
    HPDF_Page_BeginText(page);
    for (int c = 0; c < kColumns; ++c) {
      if (c == 5) {
        HPDF_Page_TextOut(page, x[c], y - 10.0f, row.descriptionFirst.c_str());
        HPDF_Page_TextOut(page, x[c], y - 10.0f - size * 1.2f, row.descriptionSecond.c_str());
      } else {
        HPDF_Page_TextOut(page, x[c], y - 10.0f, row.cells[static_cast<std::size_t>(c)].c_str());
      }
    }
    HPDF_Page_EndText(page);
    y -= rowHeight;
    HPDF_Page_MoveTo(page, left, y);
    HPDF_Page_LineTo(page, right, y);
    HPDF_Page_Stroke(page);
  }

  HPDF_SaveToStream(doc);
  std::string bytes(HPDF_GetStreamSize(doc), '\0');
  HPDF_UINT32 read = static_cast<HPDF_UINT32>(bytes.size());
  if (error == HPDF_OK) HPDF_ReadFromStream(doc, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &read);
  HPDF_Free(doc);
  if (error != HPDF_OK && error != HPDF_STREAM_EOF)
    throw std::runtime_error("libharu error " + std::to_string(error));
  bytes.resize(read);
  return bytes;
}

}  // namespace crossgrant::bench
