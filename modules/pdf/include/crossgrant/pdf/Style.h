// Plain values that describe how things look: colours, alignment, text style, page geometry.
// Lengths are PDF points (1/72 inch); these are layout coordinates, never money.
#pragma once

namespace crossgrant::pdf {

/// An RGB colour, each component 0..1.
struct Color {
  float red = 0;
  float green = 0;
  float blue = 0;

  /// From 0..255 components: Color::rgb(31, 119, 180).
  static constexpr Color rgb(int r, int g, int b) {
    return Color{static_cast<float>(r) / 255.0f, static_cast<float>(g) / 255.0f,
                 static_cast<float>(b) / 255.0f};
  }
  static constexpr Color gray(float level) { return Color{level, level, level}; }

  bool operator==(const Color&) const = default;
};

enum class Align { kLeft, kCenter, kRight };

enum class FontWeight { kRegular, kBold };

struct TextStyle {
  FontWeight weight = FontWeight::kRegular;
  float size = 9.0f;
  Color color{};
};

/// Page size and margins. The page header and footer sit inside the top and bottom margins.
struct PageSetup {
  float width = 595.276f;  ///< A4 portrait
  float height = 841.89f;
  float marginLeft = 42.0f;
  float marginRight = 42.0f;
  float marginTop = 56.0f;
  float marginBottom = 50.0f;

  static constexpr PageSetup a4Portrait() { return PageSetup{}; }
  static constexpr PageSetup a4Landscape() {
    PageSetup setup;
    setup.width = 841.89f;
    setup.height = 595.276f;
    return setup;
  }
};

}  // namespace crossgrant::pdf
