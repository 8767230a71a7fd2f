#include "recording_client.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <boost/test/unit_test.hpp>

namespace cib::test {

RecordingClient::RecordingClient(const std::string& yaml)
    : client_(cibatch::Config().load_yaml_text(yaml)) {
  client_.set_delivery_callback([this](const cibatch::Delivery& d) {
    const std::lock_guard<std::mutex> lock(mutex_);
    deliveries_.push_back({d.tag(), d.kind(), d.repo(), d.commit(), d.key(), d.pr(), d.outcome(),
                           d.http_status(), d.message()});
  });
  client_.set_log_callback(
      [this](cib_log_level, std::string_view line) {
        const std::lock_guard<std::mutex> lock(mutex_);
        log_lines_.emplace_back(line);
      },
      CIB_LOG_DEBUG);
}

void RecordingClient::status(const std::string& repo, const std::string& commit,
                             const std::string& key, cib_state state, std::uint64_t tag,
                             const std::string& description) {
  cibatch::Status status;
  status.repo = repo;
  status.commit = commit;
  status.key = key;
  status.state = state;
  status.name = key;
  status.url = "https://ci.example/job/1";
  status.description = description;
  client_.post(status, tag);
}

void RecordingClient::comment(const std::string& repo, std::int64_t pr, const std::string& key,
                              const std::string& body, std::uint64_t tag) {
  client_.post(cibatch::Comment{repo, pr, key, body}, tag);
}

void RecordingClient::report(const std::string& repo, const std::string& commit,
                             const std::string& id,
                             const std::vector<std::pair<std::string, std::string>>& annotations,
                             std::uint64_t tag) {
  std::vector<cib_annotation> items(annotations.size(), CIB_ANNOTATION_INIT);
  std::vector<const cib_annotation*> pointers;
  for (std::size_t i = 0; i < annotations.size(); ++i) {
    items[i].id = annotations[i].first.c_str();
    items[i].summary = annotations[i].second.c_str();
    items[i].path = "src/main.c";
    items[i].line = static_cast<std::int32_t>(i + 1);
    pointers.push_back(&items[i]);
  }
  cib_report report = CIB_REPORT_INIT;
  report.repo = repo.c_str();
  report.commit = commit.c_str();
  report.id = id.c_str();
  report.title = "SAST";
  report.result = CIB_RESULT_FAILED;
  report.annotations = pointers.data();
  report.annotation_count = pointers.size();
  char err[256];
  BOOST_REQUIRE_MESSAGE(
      cib_client_post_report(client(), &report, tag, 0, err, sizeof err) == CIB_OK, err);
}

cib_status RecordingClient::flush(std::uint64_t tag, std::int32_t timeout_ms, std::size_t* left) {
  cib_status status = CIB_OK;
  try {
    const cibatch::Settlement settled = client_.flush(tag, timeout_ms);
    status = settled.status;
    if (left != nullptr) *left = settled.left;
  } catch (const cibatch::Error& e) {
    status = e.status();
  }
  poll();
  return status;
}

void RecordingClient::poll() {
  try {
    client_.poll(0);
  } catch (const cibatch::Error&) {
    // A refused poll serves nothing; the test sees what was recorded.
  }
}

std::vector<Delivery> RecordingClient::deliveries() {
  const std::lock_guard<std::mutex> lock(mutex_);
  return deliveries_;
}

std::vector<std::string> RecordingClient::log_lines() {
  const std::lock_guard<std::mutex> lock(mutex_);
  return log_lines_;
}

long long json_number(const std::string& json, const std::string& field) {
  Poco::JSON::Parser parser;
  const auto object = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
  return object->has(field) ? object->getValue<long long>(field) : -1;
}

}  // namespace cib::test
