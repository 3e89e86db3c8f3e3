#include "crossgrant/pdf/PdfError.h"

#include <cstdio>

namespace crossgrant::pdf {
namespace {

std::string describe(std::uint32_t code, std::uint32_t detail, const std::string& action) {
  char numbers[64];
  std::snprintf(numbers, sizeof numbers, "libharu error 0x%04X (detail 0x%X)", code, detail);
  return std::string(numbers) + " while " + action;
}

}  // namespace

PdfError::PdfError(const std::string& message) : std::runtime_error(message) {}

PdfError::PdfError(std::uint32_t code, std::uint32_t detail, const std::string& action)
    : std::runtime_error(describe(code, detail, action)), code_(code), detail_(detail) {}

}  // namespace crossgrant::pdf
