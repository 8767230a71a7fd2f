// Building blocks shared by the provider tests: Bitbucket Cloud and GitLab providers, slots and
// reports.
#pragma once

#include <boost/test/unit_test.hpp>
#include <functional>
#include <memory>
#include <string>

#include "providers/provider.h"

namespace cib::test {

inline const char* api_url() {
  return "https://api.bitbucket.org/2.0";
}

// The provider make_provider() builds for a host of `kind` at `url`.
inline std::unique_ptr<Provider> provider_for(HostKind kind, const std::string& url,
                                              CommentsMode mode) {
  Settings settings;
  settings.host_kind = kind;
  settings.api_url = url;
  settings.comments_mode = mode;
  return make_provider(settings);
}

inline std::unique_ptr<Provider> bitbucket(CommentsMode mode = CommentsMode::upsert) {
  return provider_for(HostKind::bitbucket_cloud, api_url(), mode);
}

inline std::unique_ptr<Provider> gitlab(CommentsMode mode = CommentsMode::upsert) {
  return provider_for(HostKind::gitlab, "https://gitlab.example.com/api/v4", mode);
}

// The HostError `deliver` throws; fails the test when it throws none.
inline HostError host_error_of(const std::function<void()>& deliver) {
  try {
    deliver();
  } catch (const HostError& e) {
    return e;
  }
  BOOST_FAIL("no HostError");
  return HostError(0, "");
}

// What a slot this spool has written (or looked up) knows: no lookup before a create.
inline RemoteState known_remote() {
  RemoteState remote;
  remote.host_known = true;
  return remote;
}

inline SlotId status_slot(const std::string& repo = "acme/web",
                          const std::string& commit = "abc0123", const std::string& key = "build") {
  SlotId slot;
  slot.kind = SlotKind::status;
  slot.repo = repo;
  slot.commit = commit;
  slot.key = key;
  return slot;
}

inline SlotId comment_slot(const std::string& key = "coverage", std::int64_t pr = 42) {
  SlotId slot;
  slot.kind = SlotKind::comment;
  slot.repo = "acme/web";
  slot.pr = pr;
  slot.key = key;
  return slot;
}

// Delivers `body` to comment_slot().
inline DeliveryOutcome post_comment(Provider& provider, const std::string& body,
                                    RemoteState& remote, Sender& sender) {
  return provider.deliver(comment_slot(), CommentContent{body}, false, remote, sender);
}

inline SlotId report_slot(const std::string& id = "sonar") {
  SlotId slot;
  slot.kind = SlotKind::report;
  slot.repo = "acme/web";
  slot.commit = "abc0123";
  slot.key = id;
  return slot;
}

inline Annotation finding(int n, Severity severity = Severity::high,
                          FindingType type = FindingType::bug) {
  Annotation a;
  a.id = "f" + std::to_string(1000 + n);  // zero-padded, so id order is number order
  a.path = "src/file" + std::to_string(1000 + n / 100) + ".cpp";  // path order = n order
  a.line = n + 1;
  a.severity = severity;
  a.type = type;
  a.summary = "finding " + std::to_string(n);
  return a;
}

// A report whose findings f1000.. all share severity and type, so the fixed order is the
// path/line order.
inline ReportContent report_with(int findings, const std::string& title = "Sonar") {
  ReportContent report;
  report.title = title;
  report.result = ReportResult::failed;
  for (int i = 0; i < findings; ++i) report.annotations.push_back(finding(i));
  return report;
}

}  // namespace cib::test
