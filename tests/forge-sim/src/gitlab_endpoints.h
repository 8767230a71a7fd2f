// The GitLab endpoints: a routed, authenticated, validated request in, an Answer out.
#pragma once

#include <Poco/Dynamic/Var.h>

#include <string>

#include "answer.h"
#include "gitlab_router.h"
#include "gitlab_state.h"
#include "sim_state.h"

namespace cib::sim {

struct GitlabCall : RoutedCall<GitlabRoute> {
  std::string project;  // "group/project", resolved from the id segment
  long project_id = 0;
};

// GitLab's error shape: {"message": "..."}.
Answer gitlab_error(int status, const std::string& message);

// Resolves the project and dispatches; 404 "404 Project Not Found" for an id naming none.
Answer serve_gitlab_call(GitlabCall call, SimState& state, GitlabState& gitlab);

Answer serve_gitlab_statuses(const GitlabCall& call, StatusStore& statuses, GitlabState& gitlab);
Answer serve_gitlab_merge_requests(const GitlabCall& call, const GitlabState& gitlab);
Answer serve_gitlab_notes(const GitlabCall& call, CommentStore& comments);

// Shared by the GitLab endpoint files.
Answer gitlab_paged(const GitlabCall& call, const std::vector<Poco::JSON::Object::Ptr>& all);
Poco::JSON::Object::Ptr gitlab_author();

}  // namespace cib::sim
