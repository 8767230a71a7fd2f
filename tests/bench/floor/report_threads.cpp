#include "report_threads.h"

#include <type_traits>
#include <variant>

namespace cib::bench {

ReportThreads report_threads(const std::vector<trace::TraceLine>& lines) {
  ReportThreads threads;  // 0 until a sonar op names the PR
  std::int64_t first_pr = 0;
  for (const trace::TraceLine& line : lines) {
    std::visit(
        [&](const auto& op) {
          using T = std::decay_t<decltype(op)>;
          if constexpr (std::is_same_v<T, trace::CommentOp>) {
            if (first_pr == 0) first_pr = op.pr;
          } else if constexpr (std::is_same_v<T, trace::ReportOp>) {
            threads.emplace(std::make_pair(op.repo, op.commit), 0);
          } else if constexpr (std::is_same_v<T, trace::SonarOp>) {
            std::int64_t& pr = threads[{op.repo, op.commit}];
            if (pr == 0) pr = op.pr;
          }
        },
        line.op);
  }
  for (auto& entry : threads) {
    if (entry.second == 0) entry.second = first_pr > 0 ? first_pr : 1;
  }
  return threads;
}

std::int64_t report_thread(const ReportThreads& threads, const std::string& repo,
                           const std::string& commit) {
  const auto found = threads.find({repo, commit});
  return found == threads.end() ? 1 : found->second;
}

}  // namespace cib::bench
