#include "config/yaml_source.h"

#include <cerrno>
#include <cstdio>
#include <system_error>

#include "config/config_store.h"
#include "config/value_check.h"

namespace cib {
namespace {

constexpr const char* kTextName = "<yaml>";
// A path longer than this is shown as "..." and its last kPathTail bytes: the file name and
// the folders nearest to it say the most.
constexpr std::size_t kPathShown = 96;
constexpr std::size_t kPathTail = 80;

ConfigError syntax_error(const std::string& text) {
  return ConfigError(ConfigError::Code::syntax, text);
}

[[noreturn]] void refuse_size(const std::string& name) {
  throw syntax_error(name + ": larger than 1 MiB; a configuration needs far less");
}

std::string read_file(const std::string& path, const std::string& name) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    const int error = errno;
    throw syntax_error("cannot read " + name + ": " + std::generic_category().message(error));
  }
  std::string text;
  char buffer[8192];
  std::size_t n = 0;
  // One byte past the bound tells a file at the bound from a larger one.
  while (text.size() <= kMaxYamlBytes && (n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
    text.append(buffer, n);
  }
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) throw syntax_error("cannot read " + name);
  if (text.size() > kMaxYamlBytes) refuse_size(name);
  return text;
}

}  // namespace

bool is_yaml_text(const std::string& path_or_text) {
  if (path_or_text.find_first_of("\n\r{") != std::string::npos) return true;
  if (!path_or_text.empty() && path_or_text.back() == ':') return true;
  return path_or_text.find(": ") != std::string::npos ||
         path_or_text.find(":\t") != std::string::npos;
}

YamlSource read_yaml_source(const std::string& path_or_text) {
  return is_yaml_text(path_or_text) ? yaml_text_source(path_or_text) : read_yaml_file(path_or_text);
}

YamlSource read_yaml_file(const std::string& path) {
  const std::string name = file_for_message(path);
  return {name, read_file(path, name)};
}

YamlSource yaml_text_source(const std::string& text) {
  if (text.size() > kMaxYamlBytes) refuse_size(kTextName);
  return {kTextName, text};
}

std::string file_for_message(const std::string& path) {
  std::string shown = path;
  if (shown.size() > kPathShown) {
    std::size_t start = shown.size() - kPathTail;
    // Start on a character, not inside a UTF-8 sequence.
    while (start < shown.size() && (static_cast<unsigned char>(shown[start]) & 0xC0) == 0x80) {
      ++start;
    }
    shown = "..." + shown.substr(start);
  }
  return escape_controls(shown);
}

}  // namespace cib
