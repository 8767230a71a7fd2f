// How the spool keeps a pull-mode scanner run (Spool::save_pull_task): its key and a JSON record
// of everything the worker needs to resume it in another process.
#pragma once

#include <optional>
#include <string>

#include "core/sonar_puller.h"

namespace cib {

// repo, commit, report id and task id: one scanner run of one report slot.
std::string pull_task_key(const SonarTaskPost& task);

std::string encode_pull_task(const SonarTaskPost& task);
// nullopt for a record this version cannot read (written by a newer one, or damaged).
std::optional<SonarTaskPost> decode_pull_task(const std::string& record);

}  // namespace cib
