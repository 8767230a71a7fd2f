#include "sonar_fixtures.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace cib::sonar::test {

std::string fixture(const std::string& name) {
  const std::string path = std::string(CIB_SOURCE_DIR) + "/tests/unit/sonar/data/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open fixture " + name);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string generated_page(const std::string& project, const std::string& prefix, std::size_t first,
                           std::size_t count) {
  const char* severities[] = {"BLOCKER", "CRITICAL", "MAJOR", "MINOR", "INFO"};
  const char* types[] = {"BUG", "VULNERABILITY", "CODE_SMELL"};
  std::ostringstream page;
  page << R"({"paging":{"pageIndex":1,"pageSize":500,"total":)" << count << R"(},"issues":[)";
  for (std::size_t n = first; n < first + count; ++n) {
    if (n != first) page << ',';
    page << R"({"key":")" << prefix << '-' << n << R"(","rule":"cpp:S)" << (100 + n % 50)
         << R"(","severity":")" << severities[n % 5] << R"(","component":")" << project
         << ":src/module" << n % 40 << "/file" << n << R"(.cpp","project":")" << project
         << R"(","line":)" << (n % 900) + 1 << R"(,"textRange":{"startLine":)" << (n % 900) + 1
         << R"(,"endLine":)" << (n % 900) + 1 << R"(,"startOffset":0,"endOffset":10})"
         << R"(,"status":"OPEN","message":"Finding number )" << n << R"( needs attention.")"
         << R"(,"type":")" << types[n % 3] << R"("})";
  }
  page << R"(],"components":[]})";
  return page.str();
}

}  // namespace cib::sonar::test
