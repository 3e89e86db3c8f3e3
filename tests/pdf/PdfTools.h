// What the PDF tests check with: the real command-line tools of poppler-utils (pdftotext,
// pdffonts, pdfinfo, pdftoppm) and qpdf, run on a rendered document in a temporary
// directory. A tool that is missing fails the test with the package to install; it is never
// skipped.
#pragma once

#include <string>
#include <vector>

namespace crossgrant::test {

struct ToolRun {
  int status = 0;
  std::string out;
  std::string err;
};

/// A PDF written to a fresh temporary directory, removed with it.
class PdfFile {
 public:
  explicit PdfFile(const std::string& bytes);
  ~PdfFile();
  PdfFile(const PdfFile&) = delete;
  PdfFile& operator=(const PdfFile&) = delete;

  const std::string& path() const { return path_; }
  const std::string& directory() const { return directory_; }

  /// Runs `tool` with `arguments`, then the file's path last unless `fileLast` is false.
  ToolRun run(const std::string& tool, const std::vector<std::string>& arguments = {},
              bool fileLast = true) const;

  /// pdftotext's UTF-8 text of the whole document, split into pages (at its form feeds).
  std::vector<std::string> pages() const;
  /// Page `page` (from 1) rendered by pdftoppm at 50 dpi in grey: the share of its pixels
  /// darker than mid-grey.
  double darkShareOfPage(int page) const;

 private:
  std::string directory_;
  std::string path_;
};

/// How many times `needle` occurs in `text`.
int countOf(const std::string& text, const std::string& needle);

}  // namespace crossgrant::test
