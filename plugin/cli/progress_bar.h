// The one-line progress display of `cibatch drain`: a pure function that lays out the line, and
// a small writer that redraws it in place on a terminal and wipes it when the work ends.
#pragma once

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <string>

namespace cib::cli {

// "1.4 s" below ten seconds, "12 s" from there on: the precision a person reads at a glance.
std::string format_seconds(std::chrono::milliseconds elapsed);

// The progress line for done of total slots after elapsed, at most width characters:
//   "draining [########............]  7/12  3.2 s"
// The bar takes whatever width the counts and the time leave; when fewer than kMinBarCells
// remain the bar is left out, and on a very narrow terminal the line is cut at width. done is
// capped at total.
std::string progress_line(std::size_t done, std::size_t total, std::chrono::milliseconds elapsed,
                          std::size_t width);

inline constexpr std::size_t kMinBarCells = 10;

// Redraws progress_line on out after a carriage return. Disabled, it writes nothing at all, so
// that logs and pipes see only the final summary. Not thread-safe; one per command.
class ProgressBar {
 public:
  // width: the longest line to draw; keep it below the terminal's columns, since a line that
  // fills the last column wraps and "\r" then returns to the wrong line.
  ProgressBar(std::ostream& out, bool enabled, std::size_t width);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void draw(std::size_t done, std::size_t total, std::chrono::milliseconds elapsed);
  // Wipes the line drawn last (if any) and leaves the cursor at its start, so that other output
  // (a delivery report, the summary) starts on a clean line. draw() brings the bar back.
  void clear();

 private:
  std::ostream& out_;
  bool enabled_;
  std::size_t width_;
  std::size_t drawn_ = 0;  // length of the line on screen; 0 when none
};

// Whether stderr is a terminal, and how wide it is (COLUMNS, else 80, when the terminal does
// not say).
bool stderr_is_terminal();
std::size_t stderr_columns();

}  // namespace cib::cli
