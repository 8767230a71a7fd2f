// The JSON bodies Bitbucket Data Center accepts, built to its published request schemas and the
// limits its descriptions state (characters, counted here in bytes, which is never fewer).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/content.h"
#include "providers/report_data_json.h"

namespace cib::bitbucket_dc {

// The most data fields a report may carry on DC.
constexpr std::size_t kMaxDataFields = 6;

// DC's data fields: a LINK is {"linktext","href"}; DATE is a number only (else TEXT).
constexpr DataDialect kDataCenterData{"linktext", false};

// POST .../builds (and the legacy build-status resource): key, state (STOPPED is CANCELLED),
// url, and name, description and ref when set; name and description cut to 255 bytes, a ref
// that is not fully qualified read as a branch (refs/heads/...). Throws std::invalid_argument
// when the status has no url or one longer than 450 bytes, or a key longer than 255 bytes: the
// host refuses those, and cutting them would make another link or another status.
std::string status_body(const std::string& key, const StatusContent& status);

// POST .../comments {"text"}; PUT .../comments/{id} {"text","version"}.
std::string comment_body(const std::string& text);
std::string comment_edit_body(const std::string& text, std::int64_t version);

// The report as capped for DC: at most 6 data fields (the rest left out, and details say how
// many), title and reporter cut to 450 bytes, details to 2000.
ReportContent capped_report(const ReportContent& report);

// PUT .../reports/{id}: title, details, result (PASS, FAIL; none when pending), reporter, link,
// data (always sent: an update clears data an earlier report had). LINK values are
// {"linktext","href"}; a value that does not read as its declared type is sent as TEXT.
std::string report_body(const ReportContent& report);

// One element of the POST .../annotations array: externalId, message (summary, a blank line and
// details, cut to 2000 bytes), severity (CRITICAL is HIGH: DC has three), type, path, line, link.
// The provider digests exactly this text.
std::string annotation_item(const Annotation& annotation);

// The externalId an annotation is sent with: its id, or for an id of 450 bytes or more (DC's
// limit) "sha256:" and the id's digest.
std::string external_id(const std::string& id);

// {"annotations":[items...]} of already serialised items.
std::string annotations_body(const std::vector<std::string>& items);

}  // namespace cib::bitbucket_dc
