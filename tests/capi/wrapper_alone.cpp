// Built as C++17 with -Wall -Wextra -pedantic -Werror (tests/capi/CMakeLists.txt): the C++
// wrapper compiles with nothing before it, and its types are what a C++ plugin relies on.
// Nothing here runs.
#include <type_traits>  // after cibatch.hpp, so it cannot supply what the header lacks

#include "cibatch.hpp"

namespace cib::capi {
namespace {

static_assert(std::is_base_of_v<std::runtime_error, cibatch::Error>);
static_assert(!std::is_copy_constructible_v<cibatch::Client> &&
              std::is_nothrow_move_constructible_v<cibatch::Client> &&
              std::is_nothrow_move_assignable_v<cibatch::Client>);
static_assert(!std::is_copy_constructible_v<cibatch::Config> &&
              std::is_nothrow_move_constructible_v<cibatch::Config> &&
              std::is_nothrow_move_assignable_v<cibatch::Config>);

}  // namespace

// Referenced so that every member template is instantiated.
std::size_t wrapper_alone_cpp(cibatch::Client& client, const cibatch::Config& config) {
  client.set_delivery_callback([](const cibatch::Delivery& d) { (void)d.outcome(); });
  client.set_log_callback([](cib_log_level, std::string_view) {}, CIB_LOG_DEBUG);
  client.post(cibatch::Status{}, 1);
  client.post(cibatch::Comment{}, 1, CIB_POST_FORCE);
  const cibatch::Settlement flushed = client.flush(0, 0);
  return flushed.left + client.poll(0) + client.stats_json().size() + client.budget_json().size() +
         cibatch::budget_json(config).size() + cibatch::spool_check().json.size() +
         config.value("spool.path").size();
}

}  // namespace cib::capi
