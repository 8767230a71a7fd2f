// The Bitbucket Cloud endpoints: a routed, authenticated, validated request in, an Answer out.
#pragma once

#include <Poco/Dynamic/Var.h>

#include <string>

#include "answer.h"
#include "router.h"
#include "sim_state.h"

namespace cib::sim {

using ApiCall = RoutedCall<Route>;

Answer serve_api_call(const ApiCall& call, SimState& state);

Answer serve_statuses(const ApiCall& call, StatusStore& statuses);
Answer serve_comments(const ApiCall& call, CommentStore& comments);
Answer serve_reports(const ApiCall& call, ReportStore& reports);

// Shared by the endpoint files.
Answer method_not_allowed(const ApiCall& call);
Answer paged_answer(const ApiCall& call, const std::vector<Poco::JSON::Object::Ptr>& all);
Poco::JSON::Object::Ptr body_object(const ApiCall& call);
// The body when it is a JSON object, else an empty object.
Poco::JSON::Object::Ptr object_of(const Poco::Dynamic::Var& body);

}  // namespace cib::sim
