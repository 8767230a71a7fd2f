#include "providers/gitlab/answers.h"

namespace cib::gitlab {

std::vector<MergeRequestAnswer> read_merge_requests(const std::string& body) {
  std::vector<MergeRequestAnswer> merge_requests;
  for (const NumberedThread& thread : read_threads(body, "iid")) {
    merge_requests.push_back(MergeRequestAnswer{thread.number, thread.state});
  }
  return merge_requests;
}

std::string transition_from_state(const std::string& message) {
  static const std::string kStart = "Cannot transition status via :";
  if (message.compare(0, kStart.size(), kStart) != 0) return "";
  const std::string from = " from :";
  const auto at = message.find(from, kStart.size());
  if (at == std::string::npos) return "";
  const auto begin = at + from.size();
  auto end = begin;
  while (end < message.size() &&
         ((message[end] >= 'a' && message[end] <= 'z') || message[end] == '_'))
    ++end;
  return message.substr(begin, end - begin);
}

}  // namespace cib::gitlab
