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

PdfError::PdfError(const std::string& message) : core::Error(core::ErrorKind::kInternal, message) {}

PdfError::PdfError(std::uint32_t code, std::uint32_t detail, const std::string& action)
    : core::Error(core::ErrorKind::kInternal, describe(code, detail, action)),
      code_(code),
      detail_(detail) {}

}  // namespace crossgrant::pdf
