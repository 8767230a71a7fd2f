#include "spool/redis_slot_records.h"

#include <Poco/DigestEngine.h>
#include <Poco/Exception.h>
#include <unistd.h>

#include <algorithm>
#include <random>
#include <utility>
#include <vector>

#include "redis/redis_error.h"
#include "spool/codec.h"
#include "spool/shared_spool_scripts.h"

namespace cib {
namespace {

constexpr Duration kRetryEvery{1000};
constexpr std::int64_t kMillisPerDay = 86'400'000;

std::string to_hex(const std::string& bytes) {
  return Poco::DigestEngine::digestToHex(Poco::DigestEngine::Digest(bytes.begin(), bytes.end()));
}

std::string order_hex(const OrderKey& order) {
  return to_hex(encode_order_key(order));
}

// Another version's or a damaged field reads as absent: the local spool stays the authority,
// and Redis only adds what other machines know.
std::optional<OrderKey> order_from_hex(const std::string& hex) {
  if (hex.empty()) return std::nullopt;
  try {
    const Poco::DigestEngine::Digest bytes = Poco::DigestEngine::digestFromHex(hex);
    return decode_order_key(std::string(bytes.begin(), bytes.end()));
  } catch (const Poco::Exception&) {
    return std::nullopt;
  } catch (const SpoolError&) {
    return std::nullopt;
  }
}

const RedisReply& element(const RedisUrl& url, const RedisReply& reply, std::size_t index) {
  if (reply.kind != RedisReply::Kind::array || index >= reply.elements.size()) {
    throw RedisError(RedisError::Kind::damaged,
                     url.describe() + ": the spool script answered in an unexpected shape");
  }
  return reply.elements[index];
}

std::string text_at(const RedisReply& reply, std::size_t index) {
  if (reply.kind != RedisReply::Kind::array || index >= reply.elements.size()) return "";
  return reply.elements[index].text;
}

// The record from its fields: settled order, delivered content, its order, its wall time, and
// the remote state, each "" when absent.
SharedRecord record_of(SlotKind kind, const RedisReply& reply, std::size_t first) {
  SharedRecord record;
  record.settled = order_from_hex(text_at(reply, first));
  const std::string content = text_at(reply, first + 1);
  const std::optional<OrderKey> delivered_order = order_from_hex(text_at(reply, first + 2));
  try {
    if (!content.empty() && delivered_order) {
      record.delivered = DeliveredRecord{decode_content(kind, content), *delivered_order,
                                         std::stoll(text_at(reply, first + 3))};
    }
  } catch (const std::exception&) {
    record.delivered.reset();  // SpoolError, or a wall time that is no number
  }
  const std::string remote = text_at(reply, first + 4);
  try {
    if (!remote.empty()) record.remote = decode_remote(remote);
  } catch (const SpoolError&) {
    record.remote.reset();
  }
  return record;
}

// Names this object's leases: unique among every process sharing the Redis, with no blank.
std::string make_owner() {
  std::random_device device;
  const std::uint64_t id = (std::uint64_t{device()} << 32) ^ device();
  return std::to_string(::getpid()) + "-" +
         to_hex(std::string(reinterpret_cast<const char*>(&id), sizeof id));
}

std::string remote_argument(const RemoteState& remote) {
  const std::string encoded = encode_remote(remote);
  // Nothing known of the host is no field, as the local spool keeps no row for it.
  return encode_remote(RemoteState{}) == encoded ? std::string() : encoded;
}

}  // namespace

RedisSlotRecords::RedisSlotRecords(const std::string& url, const std::string& identity,
                                   std::int64_t lease_ms, std::int64_t retain_days,
                                   const Clock& clock, Warn warn, std::chrono::milliseconds timeout)
    : url_(parse_redis_url(url)),
      prefix_("cibatch:spool:" + identity + ":"),
      owner_(make_owner()),
      lease_ms_(std::max<std::int64_t>(1, lease_ms)),
      retain_ms_(std::max<std::int64_t>(1, retain_days) * kMillisPerDay),
      clock_(clock),
      warn_(std::move(warn)),
      pool_(url_, timeout),
      claim_script_(shared_claim_script()),
      hold_script_(shared_hold_script()),
      release_script_(shared_release_script()),
      complete_script_(shared_complete_script()),
      waits_script_(shared_waits_script()) {}

std::string RedisSlotRecords::key(const SlotId& id) const {
  return prefix_ + encode_slot_key(id);
}

bool RedisSlotRecords::ready() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (answering_) return true;
  if (clock_.now() < next_attempt_) return false;
  next_attempt_ = clock_.now() + kRetryEvery;  // one caller tries; the others go on locally
  return true;
}

void RedisSlotRecords::answered() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (answering_) return;
    answering_ = true;
  }
  if (warn_) {
    warn_("spool: " + url_.describe() +
          " answers again; leases and delivered records are shared with other machines again");
  }
}

void RedisSlotRecords::lost(const std::string& why) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    next_attempt_ = clock_.now() + kRetryEvery;
    if (!answering_) return;
    answering_ = false;
  }
  if (warn_) {
    warn_("spool: " + why +
          "; until it answers, leases and delivered records are kept on this machine only");
  }
}

template <typename Ask>
auto RedisSlotRecords::attempt(Ask&& ask)
    -> std::optional<decltype(ask(std::declval<RedisConnection&>()))> {
  if (!ready()) return std::nullopt;
  try {
    auto result = ask(pool_.for_this_thread());
    answered();
    return result;
  } catch (const RedisError& e) {
    lost(e.what());
  }
  return std::nullopt;
}

std::optional<SharedClaim> RedisSlotRecords::claim(const SlotId& id,
                                                   const std::optional<OrderKey>& ours) {
  const std::string record = key(id);
  return attempt([&](RedisConnection& redis) {
    const RedisReply reply = redis.run(claim_script_, {record, record + ":lease"},
                                       {owner_, std::to_string(lease_ms_),
                                        std::to_string(retain_ms_), ours ? order_hex(*ours) : ""});
    SharedClaim claim;
    const std::int64_t status = element(url_, reply, 0).as_integer();
    claim.status = status == 1   ? SharedClaim::Status::taken
                   : status == 2 ? SharedClaim::Status::settled
                                 : SharedClaim::Status::busy;
    const std::int64_t n = element(url_, reply, 1).as_integer();
    claim.wait_ms = claim.status == SharedClaim::Status::busy ? n : 0;
    claim.lease = text_at(reply, 7);
    claim.record = record_of(id.kind, reply, 2);
    return claim;
  });
}

std::optional<SharedRecord> RedisSlotRecords::read(const SlotId& id) {
  return attempt([&](RedisConnection& redis) {
    const RedisReply reply = redis.command(
        {"HMGET", key(id), "settled", "delivered", "delivered_order", "delivered_wall", "remote"});
    return record_of(id.kind, reply, 0);
  });
}

std::optional<bool> RedisSlotRecords::hold(const SlotId& id, const std::string& lease,
                                           const std::optional<RemoteState>& remote) {
  const std::string record = key(id);
  return attempt([&](RedisConnection& redis) {
    return redis
               .run(hold_script_, {record, record + ":lease"},
                    {lease, std::to_string(lease_ms_), std::to_string(retain_ms_),
                     remote ? remote_argument(*remote) : "-"})
               .as_integer() == 1;
  });
}

void RedisSlotRecords::release(const SlotId& id, const std::string& lease,
                               const RemoteState& remote) {
  const std::string record = key(id);
  attempt([&](RedisConnection& redis) {
    return redis
        .run(release_script_, {record, record + ":lease"},
             {lease, std::to_string(retain_ms_), remote_argument(remote)})
        .as_integer();
  });
}

std::optional<int> RedisSlotRecords::complete(const SlotId& id, const std::string& lease,
                                              const OrderKey& order, const Content& content,
                                              bool delivered, const RemoteState& remote,
                                              std::int64_t wall_ns) {
  const std::string record = key(id);
  return attempt([&](RedisConnection& redis) {
    const std::vector<std::string> args{lease,
                                        std::to_string(lease_ms_),
                                        std::to_string(retain_ms_),
                                        order_hex(order),
                                        delivered ? "1" : "0",
                                        delivered ? encode_content(content) : "",
                                        std::to_string(wall_ns),
                                        remote_argument(remote)};
    return static_cast<int>(
        redis.run(complete_script_, {record, record + ":lease"}, args).as_integer());
  });
}

std::optional<bool> RedisSlotRecords::newer_waits(const SlotId& id, const OrderKey& order,
                                                  const std::string& lease) {
  const std::string record = key(id);
  return attempt([&](RedisConnection& redis) {
    return redis
               .run(waits_script_, {record, record + ":lease"},
                    {order_hex(order), std::to_string(lease_ms_), lease})
               .as_integer() == 1;
  });
}

}  // namespace cib
