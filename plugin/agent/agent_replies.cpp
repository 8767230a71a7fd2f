// The replies of the agent's protocol: written by the agent, read by the command.
#include <array>
#include <limits>

#include "agent_protocol.h"
#include "protocol_json.h"

namespace cib::agent {
namespace {

using json::Members;
using json::to_text;
using Poco::JSON::Array;
using Poco::JSON::Object;

// cib_slot_kind and cib_outcome by value; the words the reports print.
constexpr std::array<const char*, 3> kKindWords{"status", "comment", "report"};
constexpr std::array<const char*, 4> kOutcomeWords{"DELIVERED", "UNCHANGED", "SUPERSEDED",
                                                   "FAILED"};

template <std::size_t N>
const char* word_of(const std::array<const char*, N>& words, std::int32_t value) {
  return value >= 0 && static_cast<std::size_t>(value) < N ? words[value] : "unknown";
}

template <std::size_t N>
std::int32_t value_of(const std::array<const char*, N>& words, const std::string& word,
                      const std::string& where) {
  for (std::size_t i = 0; i < N; ++i) {
    if (word == words[i]) return static_cast<std::int32_t>(i);
  }
  json::fail(where + ": unknown word \"" + word + "\"");
}

Object reply_header(bool ok) {
  Object o;
  o.set("v", kProtocolVersion);
  o.set("ok", ok);
  return o;
}

Object record_object(const DeliveryRecord& r) {
  Object o;
  o.set("tag", static_cast<Poco::UInt64>(r.tag));
  o.set("kind", std::string(word_of(kKindWords, r.kind)));
  o.set("repo", r.repo);
  o.set("commit", r.commit);
  o.set("pr", static_cast<Poco::Int64>(r.pr));
  o.set("key", r.key);
  o.set("outcome", std::string(word_of(kOutcomeWords, r.outcome)));
  o.set("http_status", r.http_status);
  o.set("message", r.message);
  return o;
}

DeliveryRecord read_record(const Members& m) {
  DeliveryRecord r;
  r.tag =
      static_cast<std::uint64_t>(m.integer("tag", 0, 0, std::numeric_limits<std::int64_t>::max()));
  r.kind = value_of(kKindWords, m.text("kind"), "reports[].kind");
  r.repo = m.text("repo");
  r.commit = m.text("commit");
  r.pr = m.integer("pr", 0, 0, std::numeric_limits<std::int64_t>::max());
  r.key = m.text("key");
  r.outcome = value_of(kOutcomeWords, m.text("outcome"), "reports[].outcome");
  r.http_status = static_cast<std::int32_t>(m.integer("http_status", 0, 0, 999));
  r.message = m.text("message");
  return r;
}

AgentInfo read_info(const Members& m) {
  AgentInfo info;
  info.pid = m.integer("pid", 0, 0, std::numeric_limits<std::int64_t>::max());
  info.uid = m.integer("uid", 0, 0, std::numeric_limits<std::int64_t>::max());
  info.user = m.text("user");
  info.version = m.text("version");
  info.socket = m.text("socket");
  const Array::Ptr identities = m.array("identities");
  for (std::size_t i = 0; i < identities->size(); ++i) {
    const Members id(identities->getObject(static_cast<unsigned>(i)), "identities[].");
    info.identities.push_back({id.text("kind"), id.text("api_url"), id.text("account")});
  }
  return info;
}

Settled read_settled(const Members& m) {
  Settled s;
  s.status = m.text("settled");
  s.left =
      static_cast<std::uint64_t>(m.integer("left", 0, 0, std::numeric_limits<std::int64_t>::max()));
  s.message = m.text("message");
  const Array::Ptr reports = m.array("reports");
  for (std::size_t i = 0; i < reports->size(); ++i) {
    const Object::Ptr report = reports->getObject(static_cast<unsigned>(i));
    if (report.isNull()) json::fail("reports[]: expected an object");
    s.reports.push_back(read_record(Members(report, "reports[].")));
  }
  return s;
}

}  // namespace

std::string hello_reply(const AgentInfo& info) {
  Object o = reply_header(true);
  o.set("pid", static_cast<Poco::Int64>(info.pid));
  o.set("uid", static_cast<Poco::Int64>(info.uid));
  o.set("user", info.user);
  o.set("version", info.version);
  o.set("socket", info.socket);
  Array identities;
  for (const IdentityInfo& id : info.identities) {
    Object i;
    i.set("kind", id.kind);
    i.set("api_url", id.api_url);
    i.set("account", id.account);
    identities.add(i);
  }
  o.set("identities", identities);
  return to_text(o);
}

std::string accepted_reply() {
  Object o = reply_header(true);
  o.set("status", std::string("CIB_OK"));
  return to_text(o);
}

std::string settled_reply(const Settled& settled) {
  Object o = reply_header(true);
  o.set("status", std::string("CIB_OK"));
  o.set("settled", settled.status);
  o.set("left", static_cast<Poco::UInt64>(settled.left));
  o.set("message", settled.message);
  Array reports;
  for (const DeliveryRecord& r : settled.reports) reports.add(record_object(r));
  o.set("reports", reports);
  return to_text(o);
}

std::string error_reply(const std::string& word, const std::string& message,
                        const std::string& status) {
  Object o = reply_header(false);
  o.set("error", word);
  o.set("message", message);
  if (!status.empty()) o.set("status", status);
  return to_text(o);
}

Answer parse_answer(const std::string& line) {
  const Members m(json::parse_object(line), "reply: ");
  if (m.integer("v", 0, 0, std::numeric_limits<std::int32_t>::max()) != kProtocolVersion) {
    throw ProtocolError("version", "the agent speaks another protocol version");
  }
  Answer r;
  r.ok = m.boolean("ok");
  r.error = m.text("error");
  r.status = m.text("status");
  r.message = m.text("message");
  if (m.has("identities")) r.info = read_info(m);
  if (m.has("settled")) r.settled = read_settled(m);
  return r;
}

}  // namespace cib::agent
