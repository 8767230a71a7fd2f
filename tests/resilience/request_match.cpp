#include "request_match.h"

#include <Poco/JSON/Array.h>
#include <Poco/URI.h>

#include <regex>
#include <string>

namespace cib::test {
namespace {

using Poco::JSON::Object;

std::string decoded(const std::string& segment) {
  std::string out;
  Poco::URI::decode(segment, out);
  return out;
}

std::string path_of(const std::string& target) {
  return target.substr(0, target.find_first_of("?#"));
}

// Ranks of the posts of slot for which keep() holds.
template <typename Keep>
std::vector<int> ranks_where(const TraceSlot& slot, Keep keep) {
  std::vector<int> ranks;
  for (std::size_t rank = 0; rank < slot.posts.size(); ++rank) {
    if (keep(slot.posts[rank])) ranks.push_back(static_cast<int>(rank));
  }
  return ranks;
}

Object::Ptr body_object(const Object::Ptr& entry) {
  if (!entry->has("body") || !entry->isObject("body")) return nullptr;
  return entry->getObject("body");
}

// The decoded parts of a request target: repository, commit or PR, slot key, and for
// annotations the external id.
struct Target {
  std::string repo, scope, key;
  bool annotations = false;
  std::string annotation_id;
};

std::optional<RequestMatch> match_status(const TraceSlots& slots, const Target& t,
                                         const Object::Ptr& entry) {
  const Object::Ptr body = body_object(entry);
  if (body.isNull()) return std::nullopt;
  const std::string key = t.key.empty() ? body->optValue<std::string>("key", "") : t.key;
  const auto s = slots.find(SlotKind::status, t.repo, t.scope, key);
  if (!s) return std::nullopt;
  const std::string state = body->optValue<std::string>("state", "");
  const std::string description = body->optValue<std::string>("description", "");
  return RequestMatch{*s, ranks_where(slots.slots()[*s], [&](const TracePost& p) {
                        return p.state == state && p.description == description;
                      })};
}

std::optional<RequestMatch> match_comment(const TraceSlots& slots, const Target& t,
                                          const Object::Ptr& entry) {
  const Object::Ptr body = body_object(entry);
  if (body.isNull() || !body->isObject("content")) return std::nullopt;
  const std::string raw = body->getObject("content")->optValue<std::string>("raw", "");
  const auto s = slots.comment_slot(t.repo, t.scope, raw);
  if (!s) return std::nullopt;
  return RequestMatch{
      *s, ranks_where(slots.slots()[*s], [&](const TracePost& p) { return p.raw == raw; })};
}

// An annotation item of a request body as TracePost::annotations keeps it.
std::pair<std::string, std::string> annotation_item(const Object::Ptr& item,
                                                    const std::string& id) {
  return {item->optValue<std::string>("external_id", id),
          annotation_fingerprint(item->optValue<long>("line", 0),
                                 item->optValue<std::string>("summary", ""))};
}

bool holds_item(const TracePost& p, const std::pair<std::string, std::string>& item) {
  const auto it = p.annotations.find(item.first);
  return it != p.annotations.end() && it->second == item.second;
}

std::optional<RequestMatch> match_report(const TraceSlots& slots, const Target& t,
                                         const Object::Ptr& entry) {
  const auto s = slots.find(SlotKind::report, t.repo, t.scope, t.key);
  if (!s) return std::nullopt;
  const TraceSlot& slot = slots.slots()[*s];
  const std::string method = entry->optValue<std::string>("method", "");
  const std::string& aid = t.annotation_id;
  if (!t.annotations) {
    // A report PUT carries the same fields for every post of this trace; a DELETE none.
    if (method == "DELETE") return RequestMatch{*s, ranks_where(slot, [](auto&) { return true; })};
    const Object::Ptr body = body_object(entry);
    const std::string result = body.isNull() ? "" : body->optValue<std::string>("result", "");
    return RequestMatch{*s,
                        ranks_where(slot, [&](const TracePost& p) { return p.result == result; })};
  }
  if (method == "DELETE") {
    return RequestMatch{
        *s, ranks_where(slot, [&](const TracePost& p) { return p.annotations.count(aid) == 0; })};
  }
  std::vector<std::pair<std::string, std::string>> items;
  if (entry->has("body") && entry->isArray("body")) {
    const auto list = entry->getArray("body");
    for (std::size_t i = 0; i < list->size(); ++i) {
      items.push_back(annotation_item(list->getObject(static_cast<unsigned>(i)), aid));
    }
  } else if (const Object::Ptr body = body_object(entry)) {
    items.push_back(annotation_item(body, aid));
  }
  return RequestMatch{*s, ranks_where(slot, [&](const TracePost& p) {
                        for (const auto& item : items) {
                          if (!holds_item(p, item)) return false;
                        }
                        return true;
                      })};
}

}  // namespace

std::optional<RequestMatch> match_request(const TraceSlots& slots, const Object::Ptr& entry) {
  const std::string method = entry->optValue<std::string>("method", "");
  if (method == "GET") return std::nullopt;
  const std::string path = path_of(entry->optValue<std::string>("target", ""));
  static const std::regex kStatus(
      "^/2\\.0/repositories/([^/]+)/([^/]+)/commit/([^/]+)/statuses/build(?:/([^/]+))?$");
  static const std::regex kComment(
      "^/2\\.0/repositories/([^/]+)/([^/]+)/pullrequests/([0-9]+)/comments(?:/[^/]+)?$");
  static const std::regex kReport(
      "^/2\\.0/repositories/([^/]+)/([^/]+)/commit/([^/]+)/reports/([^/]+)"
      "(/annotations(?:/([^/]+))?)?$");
  std::smatch m;
  const auto target = [&m](int key_group) {
    Target t{decoded(m[1]) + "/" + decoded(m[2]), decoded(m[3]), "", false, ""};
    if (key_group > 0 && m[key_group].matched) t.key = decoded(m[key_group]);
    return t;
  };
  if (std::regex_match(path, m, kStatus)) return match_status(slots, target(4), entry);
  if (std::regex_match(path, m, kComment)) return match_comment(slots, target(0), entry);
  if (std::regex_match(path, m, kReport)) {
    Target t = target(4);
    t.annotations = m[5].matched;
    if (m[6].matched) t.annotation_id = decoded(m[6]);
    return match_report(slots, t, entry);
  }
  return std::nullopt;
}

bool was_applied(const Object::Ptr& entry) {
  if (entry->isNull("status")) return entry->optValue<std::string>("fault", "") == "drop-after";
  const int status = entry->optValue<int>("status", 0);
  return status >= 200 && status < 300;
}

}  // namespace cib::test
