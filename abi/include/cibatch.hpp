/*
 * cibatch.hpp - a header-only C++17 wrapper of the C ABI in cibatch.h
 *
 * It calls the C functions only, so libcibatch.so.1 stays the one boundary, and it adds RAII
 * handles, exceptions and std::function callbacks:
 * - cibatch::Config and cibatch::Client own a cib_config / cib_client (move-only; a moved-from
 *   object holds NULL, which every C function refuses with CIB_ERR_INVALID_ARGUMENT).
 * - A status other than CIB_OK throws cibatch::Error with the status and the library's message,
 *   except where a status is a normal answer: flush and close return a Settlement, spool_check a
 *   SpoolReport.
 * - An exception thrown by a callback never crosses into C: it is caught and kept, and the next
 *   Client::poll() (on the polling thread) rethrows the first one kept.
 * Thread rules are cibatch.h's: a Config is used by one thread at a time; a Client's calls are
 * thread-safe, except its callback setters, reset() and moves, which must not run while another
 * thread uses the same Client object.
 */
#ifndef CIBATCH_HPP
#define CIBATCH_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "cibatch.h"

namespace cibatch {

// A refused call: the status and the library's message (its description when it gave none).
class Error : public std::runtime_error {
 public:
  Error(cib_status status, const std::string& message)
      : std::runtime_error(message), status_(status) {}
  cib_status status() const noexcept { return status_; }
  const char* status_name() const noexcept { return cib_status_name(status_); }
  // Trying the same call later can succeed (cib_status_is_retriable).
  bool retriable() const noexcept { return cib_status_is_retriable(status_) != 0; }

 private:
  cib_status status_;
};

// How a flush or close ended: CIB_OK (everything settled), CIB_ERR_TIMED_OUT (only non-gating
// updates left) or CIB_ERR_UNDELIVERED (gating ones left, or delivery stopped).
struct Settlement {
  cib_status status = CIB_OK;
  std::size_t left = 0;         // slots still unsettled
  std::size_t gating_left = 0;  // of those, gating ones (close only; flush leaves 0)
  std::string message;          // the library's, "" when status is CIB_OK
  bool settled() const noexcept { return status == CIB_OK; }
};

// cib_spool_check's answer: CIB_OK, or a spool status (4xx) whose JSON says why.
struct SpoolReport {
  cib_status status = CIB_OK;
  std::string json;
  std::string message;  // the library's, "" when status is CIB_OK
};

// A build status and a comment as values; an empty optional field is sent as unset.
struct Status {
  std::string repo, commit, key;
  cib_state state = CIB_STATE_INPROGRESS;
  std::string name, url, description, ref;
};

struct Comment {
  std::string repo;
  std::int64_t pr = 0;
  std::string key, body;
};

// One delivery report, valid only during the callback that receives it.
class Delivery {
 public:
  explicit Delivery(const cib_delivery* d) noexcept : d_(d) {}
  std::uint64_t tag() const noexcept { return cib_delivery_tag(d_); }
  std::int32_t kind() const noexcept { return cib_delivery_kind(d_); }  // cib_slot_kind
  const char* repo() const noexcept { return cib_delivery_repo(d_); }
  const char* commit() const noexcept { return cib_delivery_commit(d_); }
  std::int64_t pr() const noexcept { return cib_delivery_pr(d_); }
  const char* key() const noexcept { return cib_delivery_key(d_); }
  std::int32_t outcome() const noexcept { return cib_delivery_outcome(d_); }  // cib_outcome
  std::int32_t http_status() const noexcept { return cib_delivery_http_status(d_); }
  const char* message() const noexcept { return cib_delivery_message(d_); }

 private:
  const cib_delivery* d_;
};

using DeliveryCallback = std::function<void(const Delivery&)>;
// The message is valid only during the call.
using LogCallback = std::function<void(cib_log_level level, std::string_view message)>;

namespace detail {

// The caller's errstr of every call; longer messages are cut by the library. Only its first
// byte is set here: a post pays for no more than the library writes.
struct Errstr {
  Errstr() noexcept { text[0] = '\0'; }
  char text[2048];
};

[[noreturn]] inline void raise(cib_status status, const char* errstr) {
  throw Error(status, errstr[0] != '\0' ? errstr : cib_status_str(status));
}

inline void check(cib_status status, const Errstr& errstr) {
  if (status != CIB_OK) raise(status, errstr.text);
}

// Calls fill(buf, size, needed_out, errstr, errstr_size), growing buf while the library asks
// for more (what it describes may grow between calls). Returns the last status; buf holds the
// text up to its NUL.
template <typename Fill>
cib_status fill_text(Fill fill, std::string& buf, Errstr& errstr) {
  cib_status status = CIB_ERR_BUFFER_TOO_SMALL;
  for (int attempt = 0; attempt < 3 && status == CIB_ERR_BUFFER_TOO_SMALL; ++attempt) {
    std::size_t needed = 0;
    status = fill(buf.data(), buf.size(), &needed, errstr.text, sizeof errstr.text);
    if (status == CIB_ERR_BUFFER_TOO_SMALL && needed > buf.size()) buf.assign(needed, '\0');
  }
  buf.resize(std::strlen(buf.c_str()));
  return status;
}

template <typename Fill>
std::string read_text(Fill fill, std::size_t initial_size = 4096) {
  std::string buf(initial_size, '\0');
  Errstr errstr;
  check(fill_text(fill, buf, errstr), errstr);
  return buf;
}

// The first exception a callback of one client threw, kept for Client::poll().
class CallbackErrors {
 public:
  void keep(std::exception_ptr error) noexcept {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (!first_) first_ = std::move(error);
  }
  void rethrow_first() {
    std::exception_ptr first;
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      first.swap(first_);
    }
    if (first) std::rethrow_exception(first);
  }

 private:
  std::mutex mutex_;
  std::exception_ptr first_;
};

// A callback and where its exceptions go; its address is the C callback's opaque pointer.
template <typename Fn>
struct Handler : std::enable_shared_from_this<Handler<Fn>> {
  Handler(Fn f, std::shared_ptr<CallbackErrors> e) : fn(std::move(f)), errors(std::move(e)) {}

  // Runs fn with args; an exception is kept, never thrown into C. The handler is held for the
  // call, so a callback that clears or replaces itself does not free the code it runs.
  template <typename... Args>
  static void call(void* opaque, const Args&... args) noexcept {
    const auto self = static_cast<Handler*>(opaque)->weak_from_this().lock();
    if (!self) return;
    try {
      self->fn(args...);
    } catch (...) {
      self->errors->keep(std::current_exception());
    }
  }

  Fn fn;
  std::shared_ptr<CallbackErrors> errors;
};

}  // namespace detail

class Config {
 public:
  // A new configuration: the defaults and the administrator's file (cib_config_new).
  Config() {
    cib_config* raw = nullptr;
    detail::Errstr errstr;
    const cib_status status = cib_config_new(&raw, errstr.text, sizeof errstr.text);
    if (status != CIB_OK) cib_config_destroy(raw);
    detail::check(status, errstr);
    conf_ = raw;
  }
  // Takes ownership of owned (may be NULL).
  explicit Config(cib_config* owned) noexcept : conf_(owned) {}
  ~Config() { cib_config_destroy(conf_); }
  Config(Config&& other) noexcept : conf_(std::exchange(other.conf_, nullptr)) {}
  Config& operator=(Config&& other) noexcept {
    reset(std::exchange(other.conf_, nullptr));
    return *this;
  }
  Config(const Config&) = delete;
  Config& operator=(const Config&) = delete;

  cib_config* get() const noexcept { return conf_; }
  // Destroys the configuration held and takes ownership of owned.
  void reset(cib_config* owned = nullptr) noexcept {
    cib_config_destroy(std::exchange(conf_, owned));
  }

  Config& set(const std::string& key, const std::string& value) {
    detail::Errstr errstr;
    detail::check(
        cib_config_set(conf_, key.c_str(), value.c_str(), errstr.text, sizeof errstr.text), errstr);
    return *this;
  }
  // A YAML file of its own or a pipeline file with a `cibatch:` mapping (ABI 1.3).
  Config& load_yaml_file(const std::string& path) {
    detail::Errstr errstr;
    detail::check(cib_config_load_yaml_file(conf_, path.c_str(), errstr.text, sizeof errstr.text),
                  errstr);
    return *this;
  }
  // YAML text holding a `cibatch:` mapping (ABI 1.3); a NUL inside it is refused.
  Config& load_yaml_text(const std::string& text) {
    detail::Errstr errstr;
    detail::check(
        cib_config_load_yaml_text(conf_, text.data(), text.size(), errstr.text, sizeof errstr.text),
        errstr);
    return *this;
  }

  // The effective value of key; a secret written inline reads "(secret)".
  std::string value(const std::string& key) const {
    return detail::read_text(
        [&](char* buf, std::size_t size, std::size_t* needed, char* err, std::size_t err_size) {
          return cib_config_get(conf_, key.c_str(), buf, size, needed, err, err_size);
        });
  }
  // Throws what cib_client_new would refuse, without opening a client.
  void validate() const {
    detail::Errstr errstr;
    detail::check(cib_config_validate(conf_, errstr.text, sizeof errstr.text), errstr);
  }

 private:
  cib_config* conf_ = nullptr;
};

class Client {
 public:
  // Opens a client on conf (copied: conf may go right after) and starts its dispatcher.
  explicit Client(const Config& conf) : errors_(std::make_shared<detail::CallbackErrors>()) {
    cib_client* raw = nullptr;
    detail::Errstr errstr;
    const cib_status status = cib_client_new(&raw, conf.get(), errstr.text, sizeof errstr.text);
    if (status != CIB_OK) cib_client_destroy(raw);
    detail::check(status, errstr);
    client_ = raw;
  }
  // Takes ownership of owned (may be NULL); destroys it if even that fails (std::bad_alloc).
  explicit Client(cib_client* owned) : errors_(errors_for(owned)) { client_ = owned; }
  ~Client() { reset(); }
  Client(Client&& other) noexcept { take(other); }
  Client& operator=(Client&& other) noexcept {
    if (this != &other) {
      reset();
      take(other);
    }
    return *this;
  }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  cib_client* get() const noexcept { return client_; }
  // cib_client_destroy on the client held (it flushes for at most shutdown.timeout_ms and
  // clears the callbacks), then the callbacks' state goes; takes ownership of owned. Calling
  // it again, or on a moved-from client, does nothing more. Not from a callback of this client.
  void reset(cib_client* owned = nullptr) noexcept {
    cib_client_destroy(std::exchange(client_, owned));
    on_delivery_.reset();
    on_log_.reset();
  }

  void post(const cib_build_status& status, std::uint64_t tag, std::uint32_t flags = 0) {
    detail::Errstr e;
    detail::check(cib_client_post_status(client_, &status, tag, flags, e.text, sizeof e.text), e);
  }
  void post(const cib_comment& comment, std::uint64_t tag, std::uint32_t flags = 0) {
    detail::Errstr e;
    detail::check(cib_client_post_comment(client_, &comment, tag, flags, e.text, sizeof e.text), e);
  }
  void post(const cib_report& report, std::uint64_t tag, std::uint32_t flags = 0) {
    detail::Errstr e;
    detail::check(cib_client_post_report(client_, &report, tag, flags, e.text, sizeof e.text), e);
  }
  // Since 1.4: one SonarQube analysis (cib_client_post_sonar).
  void post(const cib_sonar& sonar, std::uint64_t tag, std::uint32_t flags = 0) {
    detail::Errstr e;
    detail::check(cib_client_post_sonar(client_, &sonar, tag, flags, e.text, sizeof e.text), e);
  }
  // Since 1.5: pull mode (cib_client_post_sonar_task).
  void post_sonar_task(const std::string& repo, const std::string& commit, std::int64_t pr,
                       const std::string& report_task_path, std::uint64_t tag,
                       std::uint32_t flags = 0) {
    detail::Errstr e;
    detail::check(
        cib_client_post_sonar_task(client_, repo.c_str(), commit.c_str(), pr,
                                   report_task_path.c_str(), tag, flags, e.text, sizeof e.text),
        e);
  }
  void post(const Status& s, std::uint64_t tag, std::uint32_t flags = 0) {
    cib_build_status status = CIB_BUILD_STATUS_INIT;
    status.repo = s.repo.c_str();
    status.commit = s.commit.c_str();
    status.key = s.key.c_str();
    status.state = s.state;
    status.name = optional(s.name);
    status.url = optional(s.url);
    status.description = optional(s.description);
    status.ref = optional(s.ref);
    post(status, tag, flags);
  }
  void post(const Comment& c, std::uint64_t tag, std::uint32_t flags = 0) {
    cib_comment comment = CIB_COMMENT_INIT;
    comment.repo = c.repo.c_str();
    comment.pr = c.pr;
    comment.key = c.key.c_str();
    comment.body = c.body.c_str();
    post(comment, tag, flags);
  }

  // cib_client_flush: a Settlement, or Error for the other statuses (CLOSED, FORKED, ...).
  Settlement flush(std::uint64_t tag, std::int32_t timeout_ms) {
    Settlement result;
    detail::Errstr e;
    result.status = cib_client_flush(client_, tag, timeout_ms, &result.left, e.text, sizeof e.text);
    return settlement(std::move(result), e);
  }
  // cib_client_close: a Settlement; Error CIB_ERR_CLOSED when it was closed already. The client
  // must still be destroyed (reset() or the destructor).
  Settlement close() {
    Settlement result;
    detail::Errstr e;
    result.status =
        cib_client_close(client_, &result.left, &result.gating_left, e.text, sizeof e.text);
    return settlement(std::move(result), e);
  }
  // Serves queued reports and log lines to the callbacks on this thread (cib_client_poll) and
  // returns how many; then rethrows the first exception a callback threw since the last poll.
  std::size_t poll(std::int32_t timeout_ms) {
    std::size_t served = 0;
    detail::Errstr e;
    detail::check(cib_client_poll(client_, timeout_ms, &served, e.text, sizeof e.text), e);
    if (errors_) errors_->rethrow_first();
    return served;
  }

  std::string stats_json() const {
    return detail::read_text(
        [this](char* buf, std::size_t size, std::size_t* needed, char* err, std::size_t err_size) {
          return cib_client_stats_json(client_, buf, size, needed, err, err_size);
        });
  }
  std::string budget_json() const {
    return detail::read_text(
        [this](char* buf, std::size_t size, std::size_t* needed, char* err, std::size_t err_size) {
          return cib_client_budget_json(client_, buf, size, needed, err, err_size);
        });
  }

  // Sets the delivery callback, or clears it when callback is empty. It runs only inside
  // poll(). Once this returns, the old callback runs nowhere and is destroyed (a callback may
  // replace or clear itself: it is then destroyed when it returns).
  void set_delivery_callback(DeliveryCallback callback) {
    using H = detail::Handler<DeliveryCallback>;
    auto next = callback ? std::make_shared<H>(std::move(callback), errors()) : nullptr;
    detail::Errstr e;
    detail::check(cib_client_set_delivery_cb(client_, next ? &on_delivery : nullptr, next.get(),
                                             e.text, sizeof e.text),
                  e);
    on_delivery_ = std::move(next);
  }
  // The same for log lines up to max_level. Without log.queue the callback runs on the
  // library's threads and must neither block nor call this client, except to set callbacks.
  void set_log_callback(LogCallback callback, cib_log_level max_level = CIB_LOG_INFO) {
    using H = detail::Handler<LogCallback>;
    auto next = callback ? std::make_shared<H>(std::move(callback), errors()) : nullptr;
    detail::Errstr e;
    detail::check(cib_client_set_log_cb(client_, next ? &on_log : nullptr, next.get(), max_level,
                                        e.text, sizeof e.text),
                  e);
    on_log_ = std::move(next);
  }

 private:
  static const char* optional(const std::string& text) {
    return text.empty() ? nullptr : text.c_str();
  }

  static Settlement settlement(Settlement result, const detail::Errstr& e) {
    if (result.status == CIB_OK) return result;
    if (result.status != CIB_ERR_TIMED_OUT && result.status != CIB_ERR_UNDELIVERED) {
      detail::raise(result.status, e.text);
    }
    result.message = e.text[0] != '\0' ? e.text : cib_status_str(result.status);
    return result;
  }

  static void on_delivery(void* opaque, const cib_delivery* delivery) {
    detail::Handler<DeliveryCallback>::call(opaque, Delivery(delivery));
  }
  static void on_log(void* opaque, std::int32_t level, const char* message) {
    detail::Handler<LogCallback>::call(opaque, static_cast<cib_log_level>(level),
                                       std::string_view(message != nullptr ? message : ""));
  }

  static std::shared_ptr<detail::CallbackErrors> errors_for(cib_client* owned) {
    try {
      return std::make_shared<detail::CallbackErrors>();
    } catch (...) {
      cib_client_destroy(owned);
      throw;
    }
  }

  // Set by the constructors; created here only for a client moved from and then reset().
  const std::shared_ptr<detail::CallbackErrors>& errors() {
    if (!errors_) errors_ = std::make_shared<detail::CallbackErrors>();
    return errors_;
  }

  void take(Client& other) noexcept {
    client_ = std::exchange(other.client_, nullptr);
    errors_ = std::move(other.errors_);
    on_delivery_ = std::move(other.on_delivery_);
    on_log_ = std::move(other.on_log_);
  }

  cib_client* client_ = nullptr;
  std::shared_ptr<detail::CallbackErrors> errors_;
  // Their addresses are the C callbacks' opaque pointers: they stay put when the Client moves.
  std::shared_ptr<detail::Handler<DeliveryCallback>> on_delivery_;
  std::shared_ptr<detail::Handler<LogCallback>> on_log_;
};

// cib_spool_check on the spool at path ("": the default location); flags CIB_SPOOL_REPAIR.
// A spool status with its JSON is returned; any other failure throws.
inline SpoolReport spool_check(const std::string& path = "", std::uint32_t flags = 0) {
  const char* path_arg = path.empty() ? nullptr : path.c_str();
  // Generous from the start: a repair that moved the file aside and then found the buffer too
  // small would, called again, find no file and could no longer say where it went.
  std::string buf(65536, '\0');
  detail::Errstr e;
  SpoolReport report;
  report.status = detail::fill_text(
      [&](char* out, std::size_t size, std::size_t* needed, char* err, std::size_t err_size) {
        return cib_spool_check(path_arg, flags, out, size, needed, err, err_size);
      },
      buf, e);
  report.json = std::move(buf);
  if (report.status == CIB_OK) return report;
  const bool spool_status = report.status >= CIB_ERR_SPOOL && report.status < CIB_ERR_QUEUE_FULL;
  if (!spool_status || report.json.empty()) detail::raise(report.status, e.text);
  report.message = e.text[0] != '\0' ? e.text : cib_status_str(report.status);
  return report;
}

// cib_budget_json: every identity of the budget store that conf names.
inline std::string budget_json(const Config& conf) {
  return detail::read_text(
      [&conf](char* buf, std::size_t size, std::size_t* needed, char* err, std::size_t err_size) {
        return cib_budget_json(conf.get(), buf, size, needed, err, err_size);
      });
}

}  // namespace cibatch

#endif /* CIBATCH_HPP */
