#include "providers/bitbucket_dc/report_sync.h"

#include "providers/bitbucket_dc/answers.h"
#include "providers/bitbucket_dc/bodies.h"
#include "providers/bitbucket_dc/report_plan.h"
#include "providers/bitbucket_dc/targets.h"
#include "providers/report_digests.h"
#include "runtime/sha256.h"

namespace cib::bitbucket_dc {

namespace {

// The longest URL a DELETE of annotations by id may have: proxies and servers commonly refuse
// request lines past 8 KiB.
constexpr std::size_t kMaxUrlBytes = 8000;

// One GET of the report: 404, nothing is held. Otherwise the host holds a report whose fields
// are read as the digest of the body that would send them again (none when the provider could
// not have sent them), and whose annotations this process does not know.
void learn_held_report(const std::string& report_target, RemoteState& remote,
                       HostExchange& exchange) {
  const HttpRequest request = host_request("GET", report_target);
  const HttpResponse response = exchange.send(request, {404});
  remote.report_known = false;
  remote.report_digest.clear();
  remote.annotations.clear();
  if (is_success(response.status)) {
    try {
      const ReportAnswer held = read_report(response.body);
      remote.report_known = held.understood;
      if (held.understood) remote.report_digest = sha256_hex(report_body(held.report));
    } catch (const std::exception& e) {
      throw unreadable_answer(request, response, e.what());
    }
    remote.annotations[kUnknownAnnotations] = "";
  }
  remote.host_known = true;
}

class PlanRunner {
 public:
  PlanRunner(const SlotId& slot, const SerialisedReport& report, RemoteState& remote,
             HostExchange& exchange)
      : report_(report),
        remote_(remote),
        exchange_(exchange),
        report_target_(report_target(slot.repo, slot.commit, slot.key)),
        annotations_target_(annotations_target(slot.repo, slot.commit, slot.key)) {}

  void run(const ReportStep& step) {
    switch (step.kind) {
      case ReportStep::Kind::put_report:
        return put_report();
      case ReportStep::Kind::delete_all_annotations:
        return delete_annotations({});
      case ReportStep::Kind::delete_annotations:
        return delete_annotations(step.external_ids);
      case ReportStep::Kind::post_annotations:
        return post_annotations(step.items);
    }
  }

 private:
  // If the answer is lost the host holds the old fields or the new: neither is known. A PUT
  // keeps the report's annotations on DC.
  void put_report() {
    remote_.report_known = false;
    remote_.report_digest.clear();
    exchange_.send(host_request("PUT", report_target_, report_.body));
    remote_.host_known = true;
    remote_.report_known = true;
    remote_.report_digest = report_.digests.report;
  }

  // No ids: all of them. A report that is gone (404) holds none.
  void delete_annotations(const std::vector<std::string>& ids) {
    HttpRequest request = host_request("DELETE", annotations_target_ + external_id_query(ids));
    request.items = ids.empty() ? 1 : static_cast<int>(ids.size());
    exchange_.send(request, {404});
    if (ids.empty()) remote_.annotations.clear();
    for (const std::string& id : ids) remote_.annotations.erase(id);
  }

  // Before the POST each posted id may exist with unknown content: a lost answer leads to a
  // DELETE of them before they are posted again, never to a duplicate.
  void post_annotations(const std::vector<std::size_t>& indices) {
    std::vector<std::string> items;
    for (std::size_t i : indices) {
      remote_.annotations[report_.digests.annotations[i].first].clear();
      items.push_back(report_.items[i]);
    }
    HttpRequest batch = host_request("POST", annotations_target_, annotations_body(items));
    batch.items = static_cast<int>(items.size());
    const HttpResponse response = exchange_.send(batch, {404});
    if (response.status == 404) {
      // The report is gone (deleted by someone else): PUT it again on the retry.
      remote_.report_known = false;
      remote_.annotations.clear();
      const HostError error = exchange_.host_error(batch, response);
      throw HostError(error.http_status(), error.what(), error.retry_after_ms(), true);
    }
    for (std::size_t i : indices) {
      const auto& desired = report_.digests.annotations[i];
      remote_.annotations[desired.first] = desired.second;
    }
  }

  const SerialisedReport& report_;
  RemoteState& remote_;
  HostExchange& exchange_;
  const std::string report_target_;
  const std::string annotations_target_;
};

}  // namespace

void sync_report(const SlotId& slot, const ReportContent& report, bool force,
                 const std::string& api_url, RemoteState& remote, HostExchange& exchange) {
  const SerialisedReport serialised =
      serialise_report(report, ReportWriter{report_body, annotation_item, external_id});
  const std::string target = report_target(slot.repo, slot.commit, slot.key);
  if (!remote.host_known) learn_held_report(target, remote, exchange);
  const std::size_t url_bytes = api_url.size() + target.size() + std::string("/annotations").size();
  const std::size_t query_bytes = url_bytes < kMaxUrlBytes ? kMaxUrlBytes - url_bytes : 0;
  PlanRunner runner(slot, serialised, remote, exchange);
  for (const ReportStep& step : plan_report(serialised.digests, remote, force, query_bytes)) {
    runner.run(step);
  }
}

}  // namespace cib::bitbucket_dc
