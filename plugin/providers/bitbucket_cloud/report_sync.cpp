#include "providers/bitbucket_cloud/report_sync.h"

#include "providers/bitbucket_cloud/bodies.h"
#include "providers/bitbucket_cloud/held_report.h"
#include "providers/bitbucket_cloud/report_plan.h"
#include "providers/bitbucket_cloud/targets.h"
#include "providers/report_digests.h"

namespace cib::bitbucket_cloud {

namespace {

SerialisedReport serialise(const ReportContent& report) {
  return serialise_report(report, ReportWriter{report_body, annotation_item});
}

HttpRequest request_to(const std::string& method, const std::string& target,
                       std::string body = {}) {
  HttpRequest request;
  request.method = method;
  request.target = target;
  request.body = std::move(body);
  return request;
}

// Before a request that rewrites or deletes the report, its fields and every annotation become
// unknown: if the answer is lost, the host may hold the old or the new state.
void forget_contents(RemoteState& remote) {
  remote.report_digest.clear();
  for (auto& held : remote.annotations) held.second.clear();
}

class PlanRunner {
 public:
  PlanRunner(const SlotId& slot, const SerialisedReport& report, RemoteState& remote,
             HostExchange& exchange)
      : slot_(slot),
        report_(report),
        remote_(remote),
        exchange_(exchange),
        report_target_(report_target(slot.repo, slot.commit, slot.key)) {}

  void run(const ReportStep& step) {
    switch (step.kind) {
      case ReportStep::Kind::delete_report:
        return delete_report();
      case ReportStep::Kind::put_report:
        return put_report();
      case ReportStep::Kind::post_annotations:
        return post_annotations(step.items);
      case ReportStep::Kind::delete_annotation:
        return delete_annotation(step.external_id);
    }
  }

 private:
  void delete_report() {
    forget_contents(remote_);
    exchange_.send(request_to("DELETE", report_target_), {404, 410});
    remote_.report_known = false;
    remote_.annotations.clear();
  }

  void put_report() {
    forget_contents(remote_);
    exchange_.send(request_to("PUT", report_target_, report_.body));
    remote_.host_known = true;
    remote_.report_known = true;
    remote_.report_digest = report_.digests.report;
  }

  void post_annotations(const std::vector<std::size_t>& indices) {
    std::vector<std::string> items;
    for (std::size_t i : indices) {
      remote_.annotations[report_.digests.annotations[i].first].clear();
      items.push_back(report_.items[i]);
    }
    HttpRequest batch = request_to("POST", annotations_target(slot_.repo, slot_.commit, slot_.key),
                                   json_array(items));
    batch.items = static_cast<int>(items.size());
    exchange_.send(batch);
    for (std::size_t i : indices) {
      const auto& desired = report_.digests.annotations[i];
      remote_.annotations[desired.first] = desired.second;
    }
  }

  void delete_annotation(const std::string& external_id) {
    exchange_.send(
        request_to("DELETE", annotation_target(slot_.repo, slot_.commit, slot_.key, external_id)),
        {404, 410});
    remote_.annotations.erase(external_id);
  }

  const SlotId& slot_;
  const SerialisedReport& report_;
  RemoteState& remote_;
  HostExchange& exchange_;
  const std::string report_target_;
};

}  // namespace

void sync_report(const SlotId& slot, const ReportContent& report, bool force,
                 const std::string& api_url, RemoteState& remote, HostExchange& exchange) {
  const SerialisedReport serialised = serialise(report);
  if (!remote.host_known) learn_held_report(slot, api_url, remote, exchange);
  PlanRunner runner(slot, serialised, remote, exchange);
  for (const ReportStep& step : plan_report(serialised.digests, remote, force)) runner.run(step);
}

}  // namespace cib::bitbucket_cloud
