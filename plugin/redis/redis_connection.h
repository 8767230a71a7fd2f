// Talks to one Redis server for the shared budget and spool: raw commands and Lua scripts over
// Poco's client, whose types stay inside redis_connection.cpp. Poco's client is not thread-safe, so
// each thread gets its own connection from a RedisConnectionPool.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "redis/redis_url.h"

namespace cib {

// One reply, as Redis sent it (error replies become exceptions).
struct RedisReply {
  enum class Kind { nil, integer, text, array };
  Kind kind = Kind::nil;
  std::int64_t integer = 0;
  std::string text;
  std::vector<RedisReply> elements;

  // The reply as a number: an integer, or text holding one. Throws RedisError otherwise.
  std::int64_t as_integer() const;
};

// A Lua script and its SHA-1, which EVALSHA names it by.
struct RedisScript {
  explicit RedisScript(std::string source);
  std::string source;
  std::string sha1;
};

class RedisConnection {
 public:
  // Connects lazily, on the first command. `timeout` bounds the connect and every reply, so a
  // hung Redis never holds a caller for longer.
  RedisConnection(RedisUrl url, std::chrono::milliseconds timeout);
  ~RedisConnection();

  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // Sends one command. Throws RedisError: Kind::unavailable when Redis cannot be reached or
  // did not answer in time (the connection is dropped and made again by the next call),
  // Kind::config when it refuses the password, Kind::damaged for any other error reply.
  RedisReply command(const std::vector<std::string>& args);

  // Runs `script` with EVALSHA, loading it first on this connection; when Redis answers
  // NOSCRIPT (it restarted and forgot its scripts) loads it again and retries once.
  RedisReply run(const RedisScript& script, const std::vector<std::string>& keys,
                 const std::vector<std::string>& args);

 private:
  struct Session;

  RedisReply exchange(const std::vector<std::string>& args);
  void connect();
  void drop();

  RedisUrl url_;
  std::chrono::milliseconds timeout_;
  std::unique_ptr<Session> session_;
  std::set<std::string> loaded_;  // SHA-1s of the scripts this connection has loaded
};

// One connection per thread, made on the thread's first use and kept until the pool ends.
// Safe to call from any thread; each connection is used by its own thread only.
class RedisConnectionPool {
 public:
  RedisConnectionPool(RedisUrl url, std::chrono::milliseconds timeout);

  RedisConnection& for_this_thread();
  const RedisUrl& url() const { return url_; }

 private:
  RedisUrl url_;
  std::chrono::milliseconds timeout_;
  std::mutex mutex_;
  std::map<std::thread::id, std::unique_ptr<RedisConnection>> connections_;
};

}  // namespace cib
