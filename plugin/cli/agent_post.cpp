#include "agent_post.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <variant>
#include <vector>

#include "abi_payloads.h"
#include "op_json.h"
#include "payload_limits.h"
#include "sonar_payload.h"
#include "trace_fields.h"

namespace cib::cli {
namespace {

// report-task.txt in a file of its own for as long as the call reads it.
class ScratchFile {
 public:
  ScratchFile(const std::string& folder, const std::string& text) {
    std::vector<char> name(folder.begin(), folder.end());
    const std::string pattern = "/report-task.XXXXXX";
    name.insert(name.end(), pattern.begin(), pattern.end());
    name.push_back('\0');
    const int fd = ::mkstemp(name.data());  // 0600
    if (fd < 0) {
      throw cibatch::Error(CIB_ERR_INTERNAL, "cannot write report-task.txt in " + folder + ": " +
                                                 std::strerror(errno));
    }
    path_ = name.data();
    std::size_t done = 0;
    while (done < text.size()) {
      const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    if (done != text.size()) {
      ::unlink(path_.c_str());
      throw cibatch::Error(CIB_ERR_INTERNAL, "cannot write report-task.txt in " + folder);
    }
  }
  ~ScratchFile() { ::unlink(path_.c_str()); }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct OpPoster {
  cibatch::Client& client;
  const agent::PostRequest& request;
  std::uint64_t tag;
  std::uint32_t flags;

  void operator()(const trace::StatusOp& op) const {
    const StatusPayload payload(op);
    client.post(*payload.get(), tag, flags);
  }
  void operator()(const trace::CommentOp& op) const {
    const CommentPayload payload(op);
    client.post(*payload.get(), tag, flags);
  }
  void operator()(const trace::ReportOp& op) const {
    const ReportPayload payload(op);
    client.post(*payload.get(), tag, flags);
  }
  void operator()(const trace::SonarOp& op) const {
    SonarTexts texts;
    texts.op = op;
    texts.op.server_url = request.server_url;
    texts.op.dashboard_url = request.dashboard_url;
    texts.pages = op.issues;  // the texts travel in the file members
    texts.gate = op.gate;
    texts.measures = op.measures;
    texts.sarif = op.sarif;
    const SonarPayload payload(std::move(texts));
    client.post(*payload.get(), tag, flags);
  }
  void operator()(const trace::SleepOp&) const { not_a_post(); }
  void operator()(const trace::FlushOp&) const { not_a_post(); }

  [[noreturn]] static void not_a_post() {
    throw trace::TraceError("op: expected status, comment, report, sonar or sonar_task");
  }
};

}  // namespace

void post_to_client(cibatch::Client& client, const agent::PostRequest& request, std::uint64_t tag,
                    const std::string& scratch_folder) {
  const std::uint32_t flags = request.force ? CIB_POST_FORCE : 0u;
  if (is_sonar_task(request.post_json)) {
    const SonarTaskPost task = parse_sonar_task(request.post_json);
    const ScratchFile file(scratch_folder, task.report_task);
    client.post_sonar_task(task.repo, task.commit, task.pr, file.path(), tag, flags);
    return;
  }
  const trace::Op op = trace::parse_op_json(request.post_json);
  if (!std::holds_alternative<trace::SonarOp>(op)) trace::check_payload(op);
  std::visit(OpPoster{client, request, tag, flags}, op);
}

}  // namespace cib::cli
