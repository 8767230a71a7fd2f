// The marker that names a keyed comment's key inside its text, so the comment is found again on
// the host: `[//]: # (cibatch:KEY)`, a Markdown link definition that Bitbucket Cloud and GitLab
// both hide (Bitbucket escapes HTML comments, so `<!-- -->` would show there).
#pragma once

#include <string>
#include <vector>

namespace cib {

// The marker line. It is one line whatever the key: control characters (and Unicode line
// breaks) in it are written %XX, and a '%' that would read as such an escape is written %25;
// keys without either are written as they are, as earlier versions wrote them.
std::string comment_marker(const std::string& key);

// The text the host holds for a keyed comment: the body, a blank line, the marker.
std::string marked_comment(const std::string& body, const std::string& key);

// The keys of the marker lines in `raw`, decoded, in order.
std::vector<std::string> marker_keys(const std::string& raw);

}  // namespace cib
