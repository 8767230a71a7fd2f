// Where a YAML document comes from: a file, or text given in place. Read with a size bound, and
// named in messages without echoing what the caller passed.
#pragma once

#include <cstddef>
#include <string>

namespace cib {

// A configuration is a few kilobytes; a document beyond this is refused before it is parsed.
constexpr std::size_t kMaxYamlBytes = std::size_t{1} << 20;

struct YamlSource {
  std::string name;  // the file as messages name it (see file_for_message), or "<yaml>"
  std::string text;
};

// True when path_or_text is YAML text rather than a file path: it holds a line break or '{', a
// ':' followed by a blank, or ends with ':'. A one-line mapping is never taken for a path, so
// a message about an unreadable file cannot echo its values.
bool is_yaml_text(const std::string& path_or_text);

// The document: the text itself, or the file's content. Throws ConfigError (syntax) when the
// file cannot be read or the document is larger than kMaxYamlBytes.
YamlSource read_yaml_source(const std::string& path_or_text);
// The same without guessing: a file's content, or text given in place (named "<yaml>").
YamlSource read_yaml_file(const std::string& path);
YamlSource yaml_text_source(const std::string& text);

// A file path as messages show it: control characters escaped, and a long path cut to its end.
std::string file_for_message(const std::string& path);

}  // namespace cib
