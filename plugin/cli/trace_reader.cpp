#include "trace_reader.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "payload_limits.h"

namespace cib::trace {
namespace {

bool is_blank(const std::string& line) {
  return line.find_first_not_of(" \t\r") == std::string::npos;
}

std::ifstream open_or_throw(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TraceError(path + ": cannot open: " + std::strerror(errno));
  return in;
}

}  // namespace

std::vector<TraceLine> read_trace(std::istream& in, const std::string& name) {
  std::vector<TraceLine> lines;
  std::string text;
  std::size_t line_no = 0;
  while (std::getline(in, text)) {
    ++line_no;
    if (is_blank(text)) continue;
    try {
      Op op = parse_op_json(text);
      check_payload(op);
      lines.push_back({line_no, std::move(op)});
    } catch (const TraceError& e) {
      throw TraceError(name + ":" + std::to_string(line_no) + ": " + e.what());
    }
  }
  if (in.bad()) throw TraceError(name + ": read error after line " + std::to_string(line_no));
  return lines;
}

std::vector<TraceLine> read_trace_file(const std::string& path) {
  std::ifstream in = open_or_throw(path);
  return read_trace(in, path);
}

std::string read_text_file(const std::string& path) {
  std::ifstream in = open_or_throw(path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw TraceError(path + ": read error");
  return text.str();
}

}  // namespace cib::trace
