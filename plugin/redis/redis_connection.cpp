#include "redis/redis_connection.h"

#include <Poco/Exception.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/NumberParser.h>
#include <Poco/Redis/Array.h>
#include <Poco/Redis/Client.h>
#include <Poco/Redis/Error.h>
#include <Poco/Redis/Type.h>
#include <Poco/SHA1Engine.h>

#include <stdexcept>
#include <utility>

#include "redis/redis_error.h"

namespace cib {
namespace {

// An error reply: the connection is still in step, the command was refused.
class ErrorReply : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

bool starts_with(const std::string& text, const char* prefix) {
  return text.rfind(prefix, 0) == 0;
}

RedisReply converted(const Poco::Redis::RedisType& value) {
  using Poco::Redis::RedisType;
  RedisReply reply;
  switch (value.type()) {
    case RedisType::REDIS_INTEGER:
      reply.kind = RedisReply::Kind::integer;
      reply.integer = dynamic_cast<const Poco::Redis::Type<Poco::Int64>&>(value).value();
      break;
    case RedisType::REDIS_SIMPLE_STRING:
      reply.kind = RedisReply::Kind::text;
      reply.text = dynamic_cast<const Poco::Redis::Type<std::string>&>(value).value();
      break;
    case RedisType::REDIS_BULK_STRING: {
      const auto& bulk = dynamic_cast<const Poco::Redis::Type<Poco::Redis::BulkString>&>(value);
      if (!bulk.value().isNull()) {
        reply.kind = RedisReply::Kind::text;
        reply.text = bulk.value().value();
      }
      break;
    }
    case RedisType::REDIS_ARRAY: {
      const auto& array = dynamic_cast<const Poco::Redis::Type<Poco::Redis::Array>&>(value);
      if (array.value().isNull()) break;
      reply.kind = RedisReply::Kind::array;
      for (const auto& element : array.value()) reply.elements.push_back(converted(*element));
      break;
    }
    case RedisType::REDIS_ERROR:
      throw ErrorReply(
          dynamic_cast<const Poco::Redis::Type<Poco::Redis::Error>&>(value).value().getMessage());
    default:
      throw ErrorReply("an answer of an unknown type");
  }
  return reply;
}

}  // namespace

std::int64_t RedisReply::as_integer() const {
  Poco::Int64 value = 0;
  if (kind == Kind::integer) return integer;
  if (kind == Kind::text && Poco::NumberParser::tryParse64(text, value)) return value;
  throw RedisError(RedisError::Kind::damaged, "Redis answered something other than a number");
}

RedisScript::RedisScript(std::string text) : source(std::move(text)) {
  Poco::SHA1Engine engine;
  engine.update(source);
  sha1 = Poco::DigestEngine::digestToHex(engine.digest());
}

struct RedisConnection::Session {
  Poco::Redis::Client client;
};

RedisConnection::RedisConnection(RedisUrl url, std::chrono::milliseconds timeout)
    : url_(std::move(url)), timeout_(timeout) {}

RedisConnection::~RedisConnection() = default;

void RedisConnection::drop() {
  session_.reset();
  loaded_.clear();
}

void RedisConnection::connect() {
  const Poco::Timespan timeout(static_cast<Poco::Timespan::TimeDiff>(timeout_.count()) * 1000);
  auto session = std::make_unique<Session>();
  try {
    session->client.connect(Poco::Net::SocketAddress(url_.host, url_.port), timeout);
    session->client.setReceiveTimeout(timeout);
  } catch (const Poco::Exception& e) {
    throw RedisError(RedisError::Kind::unavailable,
                     url_.describe() + ": cannot connect: " + e.displayText());
  }
  session_ = std::move(session);
  // AUTH and SELECT go as raw commands: Poco 1.11 has no helpers for them.
  if (!url_.password.empty()) {
    std::vector<std::string> auth{"AUTH"};
    if (!url_.user.empty()) auth.push_back(url_.user);
    auth.push_back(url_.password);
    command(auth);
  }
  if (url_.db != 0) command({"SELECT", std::to_string(url_.db)});
}

RedisReply RedisConnection::exchange(const std::vector<std::string>& args) {
  // A kept connection may have died with the server since its last use (a restart): then the
  // command never ran, and it is sent once more on a new connection. A timeout is not retried:
  // the command may have run, and a hung Redis must not hold the caller twice as long.
  bool fresh = !session_;
  Poco::Redis::Array request;
  for (const std::string& arg : args) request << arg;
  while (true) {
    if (!session_) connect();
    try {
      const Poco::Redis::RedisType::Ptr answer = session_->client.sendCommand(request);
      if (answer.isNull()) throw Poco::IOException("no answer");
      return converted(*answer);
    } catch (const ErrorReply&) {
      throw;
    } catch (const Poco::TimeoutException&) {
      drop();
      throw RedisError(RedisError::Kind::unavailable, url_.describe() + ": no answer to " +
                                                          args.front() + " within " +
                                                          std::to_string(timeout_.count()) + " ms");
    } catch (const Poco::Exception& e) {
      drop();
      if (!fresh) {
        fresh = true;
        continue;
      }
      throw RedisError(RedisError::Kind::unavailable,
                       url_.describe() + ": no answer to " + args.front() + ": " + e.displayText());
    } catch (const std::exception& e) {
      drop();
      throw RedisError(RedisError::Kind::unavailable,
                       url_.describe() + ": no answer to " + args.front() + ": " + e.what());
    }
  }
}

RedisReply RedisConnection::command(const std::vector<std::string>& args) {
  try {
    return exchange(args);
  } catch (const ErrorReply& e) {
    const std::string message = e.what();
    if (starts_with(message, "WRONGPASS") || starts_with(message, "NOAUTH") ||
        (args.front() == "AUTH")) {
      drop();
      throw RedisError(RedisError::Kind::config,
                       url_.describe() + " refused the credentials of budget.shared: " + message);
    }
    throw RedisError(RedisError::Kind::damaged,
                     url_.describe() + " refused " + args.front() + ": " + message);
  }
}

RedisReply RedisConnection::run(const RedisScript& script, const std::vector<std::string>& keys,
                                const std::vector<std::string>& args) {
  std::vector<std::string> request{"EVALSHA", script.sha1, std::to_string(keys.size())};
  request.insert(request.end(), keys.begin(), keys.end());
  request.insert(request.end(), args.begin(), args.end());
  for (int attempt = 0;; ++attempt) {
    if (loaded_.count(script.sha1) == 0) {
      command({"SCRIPT", "LOAD", script.source});
      loaded_.insert(script.sha1);
    }
    try {
      return exchange(request);
    } catch (const ErrorReply& e) {
      // NOSCRIPT: Redis restarted under this connection and forgot the script.
      if (attempt == 0 && starts_with(e.what(), "NOSCRIPT")) {
        loaded_.erase(script.sha1);
        continue;
      }
      throw RedisError(RedisError::Kind::damaged,
                       url_.describe() + ": the script failed: " + e.what());
    }
  }
}

RedisConnectionPool::RedisConnectionPool(RedisUrl url, std::chrono::milliseconds timeout)
    : url_(std::move(url)), timeout_(timeout) {}

RedisConnection& RedisConnectionPool::for_this_thread() {
  std::lock_guard<std::mutex> lock(mutex_);
  // A thread that ended leaves its connection here until the pool ends, or until a later thread
  // given the same id takes it over (the budget's threads live as long as the client).
  std::unique_ptr<RedisConnection>& connection = connections_[std::this_thread::get_id()];
  if (!connection) connection = std::make_unique<RedisConnection>(url_, timeout_);
  return *connection;
}

}  // namespace cib
