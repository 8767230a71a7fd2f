// The rate-limit headers of an answer, read in every host's dialect (X-RateLimit-*,
// RateLimit-*, Retry-After as seconds or as an HTTP date). The input is an answer's head: the
// status code on the first line, then "Name: value" lines; what follows a blank line is the
// body. A malformed value is ignored, never thrown: any exception is a finding.
#include <cstdlib>

#include "budget/rate_signal.h"
#include "fuzz_input.h"

namespace {

// One line of `text` from `start` (without its '\n'); start moves past it.
std::string next_line(const std::string& text, std::size_t& start) {
  std::size_t end = text.find('\n', start);
  if (end == std::string::npos) end = text.size();
  std::string line = text.substr(start, end - start);
  start = end + 1;
  return line;
}

cib::HttpResponse response_of(const std::string& text) {
  cib::HttpResponse response;
  std::size_t at = 0;
  response.status = std::atoi(next_line(text, at).substr(0, 4).c_str());
  while (at < text.size()) {
    const std::string line = next_line(text, at);
    if (line.empty()) break;
    const std::size_t colon = line.find(':');
    const std::size_t value = line.find_first_not_of(' ', colon + 1);
    response.headers.emplace_back(
        line.substr(0, colon),
        colon == std::string::npos || value == std::string::npos ? "" : line.substr(value));
  }
  if (at < text.size()) response.body = text.substr(at);
  return response;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const cib::HttpResponse response = response_of(cib::fuzz::text_of(data, size));
  constexpr std::int64_t kNow = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
  for (const cib::HostKind kind : {cib::HostKind::bitbucket_cloud, cib::HostKind::bitbucket_dc,
                                   cib::HostKind::github, cib::HostKind::gitlab}) {
    cib::read_rate_signal(kind, response, kNow);
  }
  return 0;
}
