// Everything the simulated host holds, as one unit to snapshot and reset.
#pragma once

#include <Poco/JSON/Object.h>

#include <string>

#include "comment_store.h"
#include "report_store.h"
#include "status_store.h"

namespace cib::sim {

struct SimState {
  SimState(const std::string& api_url, bool keep_annotations_on_report_put)
      : statuses(api_url), comments(api_url), reports(keep_annotations_on_report_put) {}

  // {"statuses":{...},"comments":{...},"reports":{...}}
  Poco::JSON::Object::Ptr snapshot() const {
    Poco::JSON::Object::Ptr state = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    state->set("statuses", statuses.snapshot());
    state->set("comments", comments.snapshot());
    state->set("reports", reports.snapshot());
    return state;
  }

  void reset() {
    statuses.reset();
    comments.reset();
    reports.reset();
  }

  StatusStore statuses;
  CommentStore comments;
  ReportStore reports;
};

}  // namespace cib::sim
