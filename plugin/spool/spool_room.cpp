#include "spool/spool_room.h"

#include <sys/statvfs.h>

#include <algorithm>
#include <variant>

namespace cib {
namespace {

// Left free on the disk for what deliveries write (leases, delivered records, WAL headers).
constexpr std::int64_t kDiskMargin = 256 * 1024;
// An entry reaches the disk up to three times before a checkpoint makes room again: in the
// WAL, in the WAL again as its delivered record, and in the file.
constexpr std::int64_t kDiskCopies = 3;
constexpr std::int64_t kEntryOverhead = 512;
constexpr std::int64_t kMaxCheckpointPages = 1000;  // SQLite's default
constexpr std::int64_t kMinCheckpointPages = 16;

std::int64_t disk_free_bytes(const std::string& dir) {
  struct statvfs info {};
  if (::statvfs(dir.c_str(), &info) != 0) return -1;
  return static_cast<std::int64_t>(info.f_bavail) * static_cast<std::int64_t>(info.f_frsize);
}

// At most what `text` costs once encoded as a JSON member: printable ASCII as itself, a quote,
// backslash or slash escaped, any other byte as a \u escape; the member's name and punctuation.
std::int64_t encoded_bound(const std::string& text) {
  constexpr std::int64_t kMember = 12;
  std::int64_t size = kMember;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == '"' || byte == '\\' || byte == '/') {
      size += 2;
    } else {
      size += byte >= 0x20 && byte < 0x7f ? 1 : 6;
    }
  }
  return size;
}

// At most what encode_content() writes, without building it: a post is sized on the caller's
// thread, where a JSON document per post would cost more than the post itself.
std::int64_t content_bound(const Content& content) {
  constexpr std::int64_t kNumbers = 64;  // states, lines, kinds: a few digits each
  if (const auto* status = std::get_if<StatusContent>(&content)) {
    return kNumbers + encoded_bound(status->name) + encoded_bound(status->url) +
           encoded_bound(status->description) + encoded_bound(status->ref);
  }
  if (const auto* comment = std::get_if<CommentContent>(&content)) {
    return kNumbers + encoded_bound(comment->body);
  }
  const auto& report = std::get<ReportContent>(content);
  std::int64_t size = kNumbers + encoded_bound(report.title) + encoded_bound(report.details) +
                      encoded_bound(report.link) + encoded_bound(report.reporter);
  for (const ReportData& data : report.data) {
    size += kNumbers + encoded_bound(data.title) + encoded_bound(data.value);
  }
  for (const Annotation& a : report.annotations) {
    size += kNumbers + encoded_bound(a.id) + encoded_bound(a.path) + encoded_bound(a.summary) +
            encoded_bound(a.details) + encoded_bound(a.link);
  }
  return size;
}

std::string in_kib(std::int64_t bytes) {
  return std::to_string(std::max<std::int64_t>(0, bytes) / 1024) + " KiB";
}

}  // namespace

SpoolRoom measure_spool_room(Database& db, const std::string& dir,
                             std::int64_t max_bytes) noexcept {
  SpoolRoom room;
  try {
    if (max_bytes > 0) {
      const std::int64_t used = (query_integer(db.handle(), db.path(), "PRAGMA page_count") -
                                 query_integer(db.handle(), db.path(), "PRAGMA freelist_count")) *
                                query_integer(db.handle(), db.path(), "PRAGMA page_size");
      room.bytes = std::max<std::int64_t>(0, max_bytes - used);
    }
  } catch (...) {
    room.bytes = -1;
  }
  room.disk_free = disk_free_bytes(dir);
  if (room.disk_free >= 0) {
    const std::int64_t by_disk =
        std::max<std::int64_t>(0, (room.disk_free - kDiskMargin) / kDiskCopies);
    if (room.bytes < 0 || by_disk < room.bytes) {
      room.bytes = by_disk;
      room.by_disk = true;
    }
  }
  return room;
}

std::int64_t journal_entry_bytes(const SlotId& id, const Content& content) {
  // The slot's key: its parts, escaped at most as content is, and their separators.
  const std::int64_t key =
      encoded_bound(id.repo) + encoded_bound(id.commit) + encoded_bound(id.key) + 32;
  const std::int64_t size = content_bound(content) + key;
  return size + size / 8 + kEntryOverhead;
}

SpoolError no_room_error(const std::string& path, std::int64_t max_bytes, const SpoolRoom& room) {
  if (room.by_disk) {
    return SpoolError(SpoolError::Kind::full,
                      "spool " + path + ": the disk holding it has " + in_kib(room.disk_free) +
                          " free, too little to keep this post; new posts are refused until "
                          "deliveries or other files free room (free disk space, or set "
                          "spool.path to a file on a larger disk)");
  }
  return SpoolError(SpoolError::Kind::full,
                    "spool " + path + ": spool.max_mb (" +
                        std::to_string(max_bytes / (1024 * 1024)) +
                        " MiB) is reached; new posts are refused until deliveries free room "
                        "(raise spool.max_mb, or see why the host is not taking them)");
}

void fit_wal_to_disk(Database& db, const std::string& dir) {
  const std::int64_t free = disk_free_bytes(dir);
  if (free < 0) return;
  const std::int64_t page_size =
      std::max<std::int64_t>(512, query_integer(db.handle(), db.path(), "PRAGMA page_size"));
  const std::int64_t pages =
      std::clamp(free / page_size / 16, kMinCheckpointPages, kMaxCheckpointPages);
  if (pages >= kMaxCheckpointPages) return;
  db.exec(("PRAGMA wal_autocheckpoint = " + std::to_string(pages)).c_str());
  db.exec(("PRAGMA journal_size_limit = " + std::to_string(pages * page_size)).c_str());
}

}  // namespace cib
