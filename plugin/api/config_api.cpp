// cib_config_*: a thin shim over ConfigStore.
#include "api/guard.h"
#include "api/handles.h"
#include "api/payload_check.h"

using cib::api::CallError;
using cib::api::checked_text;
using cib::api::guarded;
using cib::api::require_pointer;

extern "C" {

CIB_API cib_status cib_config_new(cib_config** out, char* errstr, size_t errstr_size) {
  cib::api::reset_out<cib_config*>(out, nullptr);
  return guarded("cib_config_new", errstr, errstr_size, [&] {
    require_pointer("out", out);
    auto conf = std::make_unique<cib_config>();
    conf->store.load_admin_layer();
    *out = conf.release();
    return CIB_OK;
  });
}

CIB_API cib_status cib_config_set(cib_config* conf, const char* key, const char* value,
                                  char* errstr, size_t errstr_size) {
  return guarded("cib_config_set", errstr, errstr_size, [&] {
    require_pointer("conf", conf);
    const std::string k = checked_text("key", key, true, cib::api::kMaxIdBytes);
    const std::string v = checked_text("value", value, false, cib::api::kMaxTextBytes);
    if (value == nullptr) throw CallError(CIB_ERR_INVALID_ARGUMENT, k + ": value is NULL");
    // No origin: the guard names the function, and a value set here has no file:line:column.
    conf->store.set(k, v, cib::Origin{""});
    return CIB_OK;
  });
}

CIB_API cib_status cib_config_load_yaml(cib_config* conf, const char* path_or_text, char* errstr,
                                        size_t errstr_size) {
  return guarded("cib_config_load_yaml", errstr, errstr_size, [&] {
    require_pointer("conf", conf);
    conf->store.load_yaml(
        checked_text("path_or_text", path_or_text, true, cib::api::kMaxTextBytes * 16));
    return CIB_OK;
  });
}

CIB_API cib_status cib_config_get(const cib_config* conf, const char* key, char* buf,
                                  size_t buf_size, size_t* needed_out, char* errstr,
                                  size_t errstr_size) {
  cib::api::clear_buffer_outputs(buf, buf_size, needed_out);
  return guarded("cib_config_get", errstr, errstr_size, [&] {
    require_pointer("conf", conf);
    const std::string value =
        conf->store.get(checked_text("key", key, true, cib::api::kMaxIdBytes));
    return cib::api::copy_to_buffer(value, buf, buf_size, needed_out);
  });
}

CIB_API cib_status cib_config_validate(const cib_config* conf, char* errstr, size_t errstr_size) {
  return guarded("cib_config_validate", errstr, errstr_size, [&] {
    require_pointer("conf", conf);
    (void)conf->store.settings();
    return CIB_OK;
  });
}

CIB_API void cib_config_destroy(cib_config* conf) {
  delete conf;
}

}  // extern "C"
