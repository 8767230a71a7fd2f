// The JSON bodies Bitbucket Cloud accepts, built to its published request schemas: optional
// fields are left out when empty, no `type` field (the API does not want one in requests).
#pragma once

#include <string>
#include <vector>

#include "model/content.h"

namespace cib::bitbucket_cloud {

// POST .../statuses/build: key, state, and name, url, description, refname when set.
std::string status_body(const std::string& key, const StatusContent& status);

// POST/PUT .../comments: {"content":{"raw":...}}.
std::string comment_body(const std::string& raw);

// PUT .../reports/{id}: title, details, reporter, link, result, data. Data values are typed as
// the host documents them: BOOLEAN a JSON boolean, NUMBER/PERCENTAGE/DURATION a number, DATE a
// number (ms since the epoch) or the text, LINK {"text","href"}, TEXT a string. A value that
// does not read as its declared type is sent as TEXT rather than have the host refuse the report.
std::string report_body(const ReportContent& report);

// One element of the bulk POST .../annotations array (external_id included). The provider
// digests exactly this text, so "what the host holds" means "what was sent".
std::string annotation_item(const Annotation& annotation);

// A JSON array of already serialised items.
std::string json_array(const std::vector<std::string>& items);

// PUT .../annotations/{external_id}: one annotation, its id given by the path.
std::string single_annotation_body(const Annotation& annotation);

}  // namespace cib::bitbucket_cloud
