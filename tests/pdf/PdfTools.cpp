#include "PdfTools.h"

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace crossgrant::test {
namespace {

std::string quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'')
      quoted += "'\\''";
    else
      quoted += c;
  }
  return quoted + "'";
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string packageOf(const std::string& tool) { return tool == "qpdf" ? "qpdf" : "poppler-utils"; }

}  // namespace

PdfFile::PdfFile(const std::string& bytes) {
  std::string pattern = (std::filesystem::temp_directory_path() / "crossgrant-pdf-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  directory_ = pattern;
  path_ = directory_ + "/document.pdf";
  std::ofstream(path_, std::ios::binary) << bytes;
}

PdfFile::~PdfFile() {
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

ToolRun PdfFile::run(const std::string& tool, const std::vector<std::string>& arguments,
                     bool fileLast) const {
  std::string command = quote(tool);
  for (const std::string& argument : arguments) command += " " + quote(argument);
  if (fileLast) command += " " + quote(path_);
  const std::string out = directory_ + "/tool.out";
  const std::string err = directory_ + "/tool.err";
  command += " >" + quote(out) + " 2>" + quote(err);
  const int raw = std::system(command.c_str());
  ToolRun result;
  result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  result.out = slurp(out);
  result.err = slurp(err);
  if (result.status == 127)
    throw std::runtime_error(tool + " is not installed: install the Debian package " +
                             packageOf(tool) + " (scripts/test does)");
  return result;
}

std::vector<std::string> PdfFile::pages() const {
  const ToolRun text = run("pdftotext", {"-enc", "UTF-8", path_, "-"}, false);
  if (text.status != 0) throw std::runtime_error("pdftotext failed: " + text.err);
  std::vector<std::string> pages;
  std::size_t start = 0;
  std::size_t feed;
  while ((feed = text.out.find('\f', start)) != std::string::npos) {
    pages.push_back(text.out.substr(start, feed - start));
    start = feed + 1;
  }
  return pages;
}

double PdfFile::darkShareOfPage(int page) const {
  const std::string prefix = directory_ + "/page";
  const ToolRun render = run("pdftoppm",
                             {"-r", "50", "-gray", "-singlefile", "-f", std::to_string(page), "-l",
                              std::to_string(page), path_, prefix},
                             false);
  if (render.status != 0) throw std::runtime_error("pdftoppm failed: " + render.err);
  const std::string image = slurp(prefix + ".pgm");
  std::istringstream header(image);
  std::string magic;
  int width = 0;
  int height = 0;
  int maximum = 0;
  header >> magic >> width >> height >> maximum;
  if (magic != "P5" || width <= 0 || height <= 0 || maximum != 255)
    throw std::runtime_error("pdftoppm wrote no 8-bit PGM");
  const std::size_t pixels = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
  const std::size_t offset = static_cast<std::size_t>(header.tellg()) + 1;
  if (image.size() < offset + pixels) throw std::runtime_error("truncated PGM");
  std::size_t dark = 0;
  for (std::size_t i = offset; i < offset + pixels; ++i)
    if (static_cast<unsigned char>(image[i]) < 128) ++dark;
  return static_cast<double>(dark) / static_cast<double>(pixels);
}

int countOf(const std::string& text, const std::string& needle) {
  int count = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size()))
    ++count;
  return count;
}

}  // namespace crossgrant::test
