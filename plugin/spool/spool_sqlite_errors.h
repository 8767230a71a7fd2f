// The spool's words for a SQLite failure: SqliteErrors never leave the spool, they become
// SpoolErrors that name the spool file, the setting to change and the fix.
#pragma once

#include "spool/spool_error.h"
#include "sqlite/sqlite_error.h"

namespace cib {

// "spool PATH: DOING failed: DETAIL; FIX", with the SpoolError kind the callers act on.
SpoolError spool_error(const SqliteError& error);

// The file SQLite refused at its first read (SqliteError::Kind::not_a_database).
SpoolError not_a_spool(const std::string& path);

}  // namespace cib
