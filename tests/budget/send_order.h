// The order in which the host received a test's requests: a short line per send for the log,
// and where one status slot's first send falls among a report's annotation chunks.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "window_check.h"

namespace cib::test {

// "POST status deploy INPROGRESS", "PUT report scan", "POST annotations scan (100)", "GET …".
std::string short_send(const LoggedRequest& request);

// One line per request, "N. T ms short_send", each line starting with a newline: the figure
// a test prints.
std::string order_of_sends(const std::vector<LoggedRequest>& log);

// A POST of a report's annotations (a bulk chunk).
bool is_annotation_post(const LoggedRequest& request);

// A POST of a build status whose key is `key`.
bool is_status_post(const LoggedRequest& request, const std::string& key);

struct StatusAmongChunks {
  std::optional<std::size_t> first_status;  // index in the log of the key's first status POST
  std::size_t chunks = 0;                   // annotation POSTs in the whole log
  std::size_t chunks_after = 0;             // annotation POSTs after first_status
};

// Where the first status POST of `key` falls among the annotation POSTs of a log in arrival
// order.
StatusAmongChunks status_among_chunks(const std::vector<LoggedRequest>& log,
                                      const std::string& key);

}  // namespace cib::test
