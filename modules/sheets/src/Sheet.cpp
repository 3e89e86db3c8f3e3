#include "crossgrant/sheets/Sheet.h"

namespace crossgrant::sheets {

std::string columnName(std::size_t index) {
  std::string name;
  ++index;
  while (index > 0) {
    const std::size_t rest = (index - 1) % 26;
    name.insert(name.begin(), static_cast<char>('A' + rest));
    index = (index - 1) / 26;
  }
  return name;
}

}  // namespace crossgrant::sheets
