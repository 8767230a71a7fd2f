#include "send_order.h"

namespace cib::test {
namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The path without the query, split at '/'.
std::vector<std::string> segments(const std::string& target) {
  const std::string path = target.substr(0, target.find('?'));
  std::vector<std::string> parts;
  std::size_t begin = 0;
  while (begin <= path.size()) {
    const std::size_t slash = path.find('/', begin);
    const std::size_t end = slash == std::string::npos ? path.size() : slash;
    if (end > begin) parts.push_back(path.substr(begin, end - begin));
    if (slash == std::string::npos) break;
    begin = slash + 1;
  }
  return parts;
}

// The segment after `name`, or empty.
std::string after(const std::vector<std::string>& parts, const std::string& name) {
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    if (parts[i] == name) return parts[i + 1];
  }
  return "";
}

std::string body_text(const LoggedRequest& r, const std::string& key) {
  return r.body.isNull() ? "" : r.body->optValue<std::string>(key, "");
}

}  // namespace

bool is_annotation_post(const LoggedRequest& request) {
  const std::string path = request.target.substr(0, request.target.find('?'));
  return request.method == "POST" && ends_with(path, "/annotations");
}

bool is_status_post(const LoggedRequest& request, const std::string& key) {
  const std::string path = request.target.substr(0, request.target.find('?'));
  return request.method == "POST" && ends_with(path, "/statuses/build") &&
         body_text(request, "key") == key;
}

std::string short_send(const LoggedRequest& request) {
  const std::vector<std::string> parts = segments(request.target);
  std::string what = request.method;
  if (is_annotation_post(request)) {
    what +=
        " annotations " + after(parts, "reports") + " (" + std::to_string(request.body_items) + ")";
  } else if (ends_with(request.target.substr(0, request.target.find('?')), "/statuses/build")) {
    what += " status " + body_text(request, "key") + " " + body_text(request, "state");
  } else if (!after(parts, "reports").empty()) {
    what += " report " + after(parts, "reports");
  } else if (!after(parts, "pullrequests").empty()) {
    what += " comments #" + after(parts, "pullrequests");
  } else {
    what += " " + (parts.empty() ? std::string("/") : parts.back());
  }
  if (request.status != 0 && (request.status < 200 || request.status >= 300)) {
    what += " -> " + std::to_string(request.status);
  }
  return what;
}

std::string order_of_sends(const std::vector<LoggedRequest>& log) {
  std::string lines;
  for (std::size_t i = 0; i < log.size(); ++i) {
    lines += "\n  " + std::to_string(i + 1) + ". " + std::to_string(log[i].t_ms) + " ms " +
             short_send(log[i]);
  }
  return lines;
}

StatusAmongChunks status_among_chunks(const std::vector<LoggedRequest>& log,
                                      const std::string& key) {
  StatusAmongChunks found;
  for (std::size_t i = 0; i < log.size(); ++i) {
    if (!found.first_status && is_status_post(log[i], key)) found.first_status = i;
    if (is_annotation_post(log[i])) {
      ++found.chunks;
      if (found.first_status) ++found.chunks_after;
    }
  }
  return found;
}

}  // namespace cib::test
