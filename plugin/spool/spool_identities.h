// Which API URL each identity of a spool posts to: a spool shared by clients of several hosts
// or accounts can then say whose updates are waiting, and for which host (never a credential).
#pragma once

#include <string>

namespace cib {

class Database;

// Records identity → api_url unless the spool already holds exactly that. Best effort: a spool
// that cannot be written (full, read-only, busy) keeps working without the record.
void remember_identity(Database& db, const std::string& identity, const std::string& api_url);

}  // namespace cib
