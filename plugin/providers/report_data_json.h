// A Code Insights data field as JSON, its value read from the caller's text by its declared
// type, and read back from a host's answer. Bitbucket Cloud and Data Center type data values
// alike (a boolean, a number); each host names a LINK's text its own way.
#pragma once

#include <Poco/JSON/Object.h>

#include "model/content.h"

namespace cib {

// How a host takes what the generic rule leaves open.
struct DataDialect {
  const char* link_text_field;  // LINK values are {link_text_field: value, "href": value}
  bool dates_as_written;        // a DATE that is not a number keeps its type (else: TEXT)
};

// {"title","type","value"}: BOOLEAN a JSON boolean, NUMBER, PERCENTAGE, DURATION and DATE a
// JSON number (integers exact, read in the classic locale whatever the process's locale), LINK
// an object, TEXT a string. A value that does not read as its declared type is sent as TEXT
// rather than have the host refuse the report.
Poco::JSON::Object::Ptr report_data_item(const ReportData& data, const DataDialect& dialect);

// Reads the fields a held report shares on both hosts (title, details, reporter, link, data)
// into `report`, each data value as the text report_data_item() would send again. False when a
// data field is not one the provider could have sent (a value of another JSON type, a link
// whose text is not its href): the held report then matches no desired one.
bool read_report_fields(const Poco::JSON::Object::Ptr& object, const DataDialect& dialect,
                        ReportContent& report);

}  // namespace cib
