#include "payload_limits.h"

#include <type_traits>
#include <variant>

#include "trace_fields.h"

namespace cib::trace {
namespace {

bool is_valid_utf8(const std::string& s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t length = s.size();
  for (std::size_t i = 0; i < length;) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t extra = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // bounds of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return false;
    }
    if (i + extra >= length || p[i + 1] < lo || p[i + 1] > hi) return false;
    for (std::size_t k = 2; k <= extra; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

// Checks the fields of one op (or of one element of its arrays); `where` is "comment",
// "report: annotations[3]", ...
class PayloadChecker {
 public:
  explicit PayloadChecker(std::string where) : where_(std::move(where)) {}

  const PayloadChecker& required(const char* name, const std::string& value,
                                 std::size_t max) const {
    if (value.empty()) fail(name, "must not be empty");
    return optional(name, value, max);
  }

  const PayloadChecker& optional(const char* name, const std::string& value,
                                 std::size_t max) const {
    if (value.find('\0') != std::string::npos) {
      fail(name,
           "holds a NUL character (\\u0000), which the library cannot carry (a C string ends "
           "there); remove it");
    }
    if (value.size() > max) {
      fail(name, "is " + std::to_string(value.size()) +
                     " bytes, more than the library's limit of " + std::to_string(max));
    }
    if (!is_valid_utf8(value)) fail(name, "is not valid UTF-8");
    return *this;
  }

  const PayloadChecker& repo(const std::string& value) const {
    required("repo", value, kMaxIdBytes);
    const std::size_t slash = value.find('/');
    if (slash == std::string::npos || slash == 0 || value.back() == '/') {
      fail("repo", "expected \"owner/name\"");
    }
    return *this;
  }

  const PayloadChecker& count(const char* name, std::size_t n, std::size_t max) const {
    if (n > max) {
      fail(name, "holds " + std::to_string(n) + " items, more than the library's limit of " +
                     std::to_string(max));
    }
    return *this;
  }

  [[noreturn]] void fail(const char* name, const std::string& what) const {
    throw TraceError(where_ + ": field \"" + name + "\" " + what);
  }

 private:
  std::string where_;
};

std::string element(const char* array, std::size_t i) {
  return std::string("report: ") + array + "[" + std::to_string(i) + "]";
}

}  // namespace

void check_payload(const StatusOp& op) {
  PayloadChecker("status")
      .repo(op.repo)
      .required("commit", op.commit, kMaxIdBytes)
      .required("key", op.key, kMaxIdBytes)
      .optional("name", op.name, kMaxIdBytes)
      .optional("url", op.url, kMaxUrlBytes)
      .optional("description", op.description, kMaxTextBytes)
      .optional("ref", op.ref, kMaxIdBytes);
}

void check_payload(const CommentOp& op) {
  const PayloadChecker check("comment");
  check.repo(op.repo).required("key", op.key, kMaxIdBytes).required("body", op.body, kMaxTextBytes);
  if (op.pr <= 0) check.fail("pr", "must be a pull request number > 0");
}

void check_payload(const ReportOp& op) {
  PayloadChecker("report")
      .repo(op.repo)
      .required("commit", op.commit, kMaxIdBytes)
      .required("id", op.id, kMaxIdBytes)
      .required("title", op.title, kMaxIdBytes)
      .optional("details", op.details, kMaxTextBytes)
      .optional("link", op.link, kMaxUrlBytes)
      .optional("reporter", op.reporter, kMaxIdBytes)
      .count("data", op.data.size(), kMaxReportData)
      .count("annotations", op.annotations.size(), kMaxAnnotations);
  for (std::size_t i = 0; i < op.data.size(); ++i) {
    PayloadChecker(element("data", i))
        .required("title", op.data[i].title, kMaxIdBytes)
        .required("value", op.data[i].value, kMaxUrlBytes);
  }
  for (std::size_t i = 0; i < op.annotations.size(); ++i) {
    const AnnotationOp& a = op.annotations[i];
    const PayloadChecker check(element("annotations", i));
    check.required("id", a.id, kMaxIdBytes)
        .optional("path", a.path, kMaxUrlBytes)
        .required("summary", a.summary, kMaxTextBytes)
        .optional("details", a.details, kMaxTextBytes)
        .optional("link", a.link, kMaxUrlBytes);
    if (a.line < 0) check.fail("line", "must be 0 (none) or a positive line number");
  }
}

void check_payload(const SonarOp& op) {
  const PayloadChecker check("sonar");
  check.repo(op.repo).required("commit", op.commit, kMaxIdBytes);
  for (const std::string& path : op.issues) check.required("issues", path, kMaxUrlBytes);
  check.optional("gate", op.gate, kMaxUrlBytes).optional("sarif", op.sarif, kMaxUrlBytes);
}

void check_payload(const Op& op) {
  std::visit(
      [](const auto& o) {
        using T = std::decay_t<decltype(o)>;
        if constexpr (!std::is_same_v<T, SleepOp> && !std::is_same_v<T, FlushOp>) {
          check_payload(o);
        }
      },
      op);
}

std::size_t first_nul_line(const std::string& text, bool json) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') ++line;
    if (c == '\0') return line;
    if (!json || c != '\\' || i + 1 >= text.size()) continue;
    // An escape: \u0000 is a NUL; any other escape is skipped whole, so that "\\u0000" (a
    // backslash, then text) is not taken for one.
    if (text.compare(i + 1, 5, "u0000") == 0) return line;
    ++i;
  }
  return 0;
}

}  // namespace cib::trace
