#include "spool/spool_identities.h"

#include "sqlite/database.h"

namespace cib {

void remember_identity(Database& db, const std::string& identity, const std::string& api_url) {
  if (identity.empty() || api_url.empty()) return;
  try {
    // Read first: the usual open finds the record there and writes nothing.
    Statement select = db.prepare("SELECT api_url FROM identities WHERE identity = ?1");
    if (select.bind_text(1, identity).step() && select.column_text(0) == api_url) return;
    select.reset();
    db.prepare("INSERT OR REPLACE INTO identities(identity, api_url) VALUES(?1, ?2)")
        .bind_text(1, identity)
        .bind_text(2, api_url)
        .run();
  } catch (const SqliteError&) {
    // Only `cibatch drain` and `spool check` read it, to name the host; delivery needs none.
  }
}

}  // namespace cib
