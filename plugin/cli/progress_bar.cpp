#include "progress_bar.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ostream>

namespace cib::cli {
namespace {

constexpr const char* kLabel = "draining ";

// done padded to the width of total, so that the line keeps its length as done grows.
std::string counts(std::size_t done, std::size_t total) {
  const std::string all = std::to_string(total);
  std::string part = std::to_string(done);
  if (part.size() < all.size()) part.insert(0, all.size() - part.size(), ' ');
  return part + "/" + all;
}

std::string bar(std::size_t done, std::size_t total, std::size_t cells) {
  // Nothing to do counts as all done: the bar must not sit empty while the command succeeds.
  const std::size_t filled = total == 0 ? cells : cells * done / total;
  return "[" + std::string(filled, '#') + std::string(cells - filled, '.') + "]";
}

}  // namespace

std::string format_seconds(std::chrono::milliseconds elapsed) {
  const long long ms = std::max<long long>(0, elapsed.count());
  const long long tenths = (ms + 50) / 100;
  if (tenths < 100) return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
  return std::to_string((ms + 500) / 1000) + " s";
}

std::string progress_line(std::size_t done, std::size_t total, std::chrono::milliseconds elapsed,
                          std::size_t width) {
  done = std::min(done, total);
  const std::string tail = counts(done, total) + "  " + format_seconds(elapsed);
  const std::string label = kLabel;
  // label, "[", the cells, "] ", tail
  const std::size_t fixed = label.size() + 3 + tail.size();
  if (width >= fixed + kMinBarCells) {
    return label + bar(done, total, width - fixed) + " " + tail;
  }
  std::string line = label + tail;
  if (line.size() > width) line.resize(width);
  return line;
}

ProgressBar::ProgressBar(std::ostream& out, bool enabled, std::size_t width)
    : out_(out), enabled_(enabled), width_(width) {}

ProgressBar::~ProgressBar() {
  try {
    clear();
  } catch (...) {  // a stream set to throw must not end the program from a destructor
  }
}

void ProgressBar::draw(std::size_t done, std::size_t total, std::chrono::milliseconds elapsed) {
  if (!enabled_) return;
  std::string line = progress_line(done, total, elapsed, width_);
  const std::size_t length = line.size();
  // A shorter line must also cover what the longer one left on screen.
  if (length < drawn_) line.append(drawn_ - length, ' ');
  out_ << '\r' << line << std::flush;
  drawn_ = std::max(drawn_, length);
}

void ProgressBar::clear() {
  if (!enabled_ || drawn_ == 0) return;
  out_ << '\r' << std::string(drawn_, ' ') << '\r' << std::flush;
  drawn_ = 0;
}

bool stderr_is_terminal() {
  return isatty(STDERR_FILENO) == 1;
}

std::size_t stderr_columns() {
  winsize size{};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  const char* columns = std::getenv("COLUMNS");
  if (columns != nullptr) {
    char* end = nullptr;
    const long n = std::strtol(columns, &end, 10);
    if (end != columns && *end == '\0' && n > 0 && n < 10000) return static_cast<std::size_t>(n);
  }
  return 80;
}

}  // namespace cib::cli
