// The Bitbucket Cloud endpoints: a routed, authenticated, validated request in, an Answer out.
#pragma once

#include <Poco/Dynamic/Var.h>

#include <string>

#include "answer.h"
#include "repo_store.h"
#include "router.h"
#include "sim_state.h"

namespace cib::sim {

using ApiCall = RoutedCall<Route>;

Answer serve_api_call(const ApiCall& call, SimState& state, RepoStore& repos);

Answer serve_statuses(const ApiCall& call, StatusStore& statuses);
Answer serve_comments(const ApiCall& call, CommentStore& comments);
Answer serve_reports(const ApiCall& call, ReportStore& reports);
// A workspace's repositories, a repository, its pull requests, one pull request.
Answer serve_repo_reads(const ApiCall& call, RepoStore& repos);
// True for the endpoints serve_repo_reads answers (they carry an ETag).
bool is_repo_read(Endpoint endpoint);

// Shared by the endpoint files.
Answer method_not_allowed(const ApiCall& call);
Answer paged_answer(const ApiCall& call, const std::vector<Poco::JSON::Object::Ptr>& all);
Poco::JSON::Object::Ptr body_object(const ApiCall& call);
// The body when it is a JSON object, else an empty object.
Poco::JSON::Object::Ptr object_of(const Poco::Dynamic::Var& body);

}  // namespace cib::sim
