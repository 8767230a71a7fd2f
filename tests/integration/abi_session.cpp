#include "abi_session.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <stdexcept>

namespace cib::test {

AbiSession::AbiSession(const std::string& yaml) {
  char err[1024];
  cib_config* conf = nullptr;
  if (cib_config_new(&conf, err, sizeof err) != CIB_OK) throw std::runtime_error(err);
  if (cib_config_load_yaml(conf, yaml.c_str(), err, sizeof err) != CIB_OK ||
      cib_client_new(&client_, conf, err, sizeof err) != CIB_OK) {
    cib_config_destroy(conf);
    throw std::runtime_error(err);
  }
  cib_config_destroy(conf);
  cib_client_set_delivery_cb(client_, &AbiSession::on_delivery, this, err, sizeof err);
  cib_client_set_log_cb(client_, &AbiSession::on_log, this, CIB_LOG_DEBUG, err, sizeof err);
}

AbiSession::~AbiSession() {
  close();
}

void AbiSession::close() {
  if (client_ == nullptr) return;
  cib_client_destroy(client_);
  client_ = nullptr;
}

void AbiSession::status(const std::string& repo, const std::string& commit, const std::string& key,
                        cib_state state, std::uint64_t tag, const std::string& description) {
  cib_build_status s = CIB_BUILD_STATUS_INIT;
  s.repo = repo.c_str();
  s.commit = commit.c_str();
  s.key = key.c_str();
  s.state = state;
  s.name = key.c_str();
  s.url = "https://ci.example/job/1";
  s.description = description.empty() ? nullptr : description.c_str();
  char err[512];
  if (cib_client_post_status(client_, &s, tag, 0, err, sizeof err) != CIB_OK) {
    throw std::runtime_error(err);
  }
}

void AbiSession::comment(const std::string& repo, std::int64_t pr, const std::string& key,
                         const std::string& body, std::uint64_t tag) {
  cib_comment c = CIB_COMMENT_INIT;
  c.repo = repo.c_str();
  c.pr = pr;
  c.key = key.c_str();
  c.body = body.c_str();
  char err[512];
  if (cib_client_post_comment(client_, &c, tag, 0, err, sizeof err) != CIB_OK) {
    throw std::runtime_error(err);
  }
}

cib_status AbiSession::flush(std::uint64_t tag, std::int32_t timeout_ms, std::size_t* left) {
  char err[512];
  const cib_status status = cib_client_flush(client_, tag, timeout_ms, left, err, sizeof err);
  poll();
  return status;
}

void AbiSession::poll() {
  char err[512];
  cib_client_poll(client_, 0, nullptr, err, sizeof err);
}

std::string AbiSession::stats() {
  char buf[2048];
  char err[256];
  cib_client_stats_json(client_, buf, sizeof buf, nullptr, err, sizeof err);
  return buf;
}

std::vector<Delivery> AbiSession::deliveries() {
  std::lock_guard<std::mutex> lock(mutex_);
  return deliveries_;
}

std::vector<std::string> AbiSession::log_lines() {
  std::lock_guard<std::mutex> lock(mutex_);
  return log_lines_;
}

void AbiSession::on_delivery(void* opaque, const cib_delivery* d) {
  auto* self = static_cast<AbiSession*>(opaque);
  std::lock_guard<std::mutex> lock(self->mutex_);
  self->deliveries_.push_back({cib_delivery_tag(d), cib_delivery_kind(d), cib_delivery_repo(d),
                               cib_delivery_commit(d), cib_delivery_key(d), cib_delivery_pr(d),
                               cib_delivery_outcome(d), cib_delivery_http_status(d),
                               cib_delivery_message(d)});
}

void AbiSession::on_log(void* opaque, int32_t, const char* line) {
  auto* self = static_cast<AbiSession*>(opaque);
  std::lock_guard<std::mutex> lock(self->mutex_);
  self->log_lines_.emplace_back(line);
}

long long json_number(const std::string& json, const std::string& field) {
  Poco::JSON::Parser parser;
  const auto object = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
  return object->has(field) ? object->getValue<long long>(field) : -1;
}

}  // namespace cib::test
