// api/issues/search pages. The input is one page; split at a form feed it is several, so the
// checks across pages (another project, an issue seen twice) are reached too.
#include <string>
#include <vector>

#include "fuzz_input.h"
#include "sonar/issues_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = cib::fuzz::text_of(data, size);
  std::vector<std::string> pages;
  std::size_t start = 0;
  for (std::size_t cut; (cut = text.find('\f', start)) != std::string::npos; start = cut + 1) {
    pages.push_back(text.substr(start, cut - start));
  }
  pages.push_back(text.substr(start));
  cib::fuzz::refuse_or_read(
      [&] { cib::sonar::read_issue_pages(pages, {"https://sonar.example"}); });
  return 0;
}
