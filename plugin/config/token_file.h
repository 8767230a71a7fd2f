// Reading host.auth.token_file under the administrator's rules: the file's real path (symlinks
// and ".." resolved, of the file actually opened) lies in one of host.auth.token_dirs when any
// is set, and it is a regular file of at most kTokenFileMaxBytes. A pipeline may name any path,
// so a FIFO, a device or a huge file must neither hang nor exhaust the process, and a file
// elsewhere on the agent must not become the Authorization header.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace cib {

constexpr std::size_t kTokenFileMaxBytes = 16 * 1024;

struct TokenFileRead {
  std::string token;    // trimmed; empty when problem is set
  std::string problem;  // "is outside host.auth.token_dirs", ...; never a byte of the file
};

// Reads the token in path. allowed_dirs empty: any folder.
TokenFileRead read_token_file(const std::string& path,
                              const std::vector<std::string>& allowed_dirs);

// True when real_path is dir or lies below it, compared on whole path segments, after dir's own
// symlinks are resolved.
bool path_is_under(const std::string& real_path, const std::string& dir);

}  // namespace cib
