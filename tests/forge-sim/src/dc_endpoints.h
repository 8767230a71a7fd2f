// The Bitbucket Data Center endpoints: a routed, authenticated, validated request in, an
// Answer out.
#pragma once

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

#include "answer.h"
#include "dc_router.h"
#include "dc_state.h"
#include "sim_state.h"

namespace cib::sim {

using DcCall = RoutedCall<DcRoute>;

// DC's error shape: {"errors":[{"context":null,"message":"…","exceptionName":…}]}; the
// exception name is null when empty.
Answer dc_error(int status, const std::string& message);
Answer dc_error_named(int status, const std::string& message, const std::string& exception);

// `legacy_builds`: the server predates 7.4, so /api/latest/.../builds answers 404.
Answer serve_dc_call(const DcCall& call, SimState& state, DcState& dc, bool legacy_builds);

Answer serve_dc_builds(const DcCall& call, StatusStore& statuses);
Answer serve_dc_comments(const DcCall& call, CommentStore& comments, DcState& dc);
Answer serve_dc_insights(const DcCall& call, ReportStore& reports, DcState& dc);

// Shared by the DC endpoint files.
// One page of `all` by ?start=S&limit=L (default 25, at most 1000):
// {size, limit, isLastPage, values, start[, nextPageStart]}.
Answer dc_paged(const DcCall& call, const std::vector<Poco::JSON::Object::Ptr>& all);
Answer dc_no_content();
Answer dc_method_not_allowed(const DcCall& call);
// An ISO 8601 time from the shared stores as DC's epoch milliseconds (0 when unreadable).
long long dc_epoch_ms(const std::string& iso8601);
Poco::JSON::Object::Ptr dc_user();

}  // namespace cib::sim
