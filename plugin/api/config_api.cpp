// cib_config_*: a thin shim over ConfigStore.
#include <cstring>

#include "api/guard.h"
#include "api/handles.h"
#include "api/payload_check.h"
#include "api/utf8.h"
#include "config/yaml_source.h"

using cib::api::CallError;
using cib::api::checked_text;
using cib::api::guarded;
using cib::api::require_pointer;

namespace {

// A YAML document is bounded (1 MiB) where it is parsed; what is far past that is refused here,
// before it is copied.
constexpr std::size_t kMaxYamlArgumentBytes = cib::api::kMaxTextBytes * 16;

// The text of cib_config_load_yaml_text: NUL-terminated when length is CIB_NUL_TERMINATED,
// else exactly length bytes, none of them NUL.
std::string yaml_text(const char* text, size_t length) {
  if (length == CIB_NUL_TERMINATED) return checked_text("text", text, true, kMaxYamlArgumentBytes);
  require_pointer("text", text);
  if (length == 0) throw CallError(CIB_ERR_INVALID_ARGUMENT, "text: is required, got 0 bytes");
  if (length > kMaxYamlArgumentBytes) {
    throw CallError(CIB_ERR_INVALID_ARGUMENT,
                    "text: longer than " + std::to_string(kMaxYamlArgumentBytes) + " bytes");
  }
  const void* nul = std::memchr(text, '\0', length);
  if (nul != nullptr) {
    throw CallError(CIB_ERR_INVALID_ARGUMENT,
                    "text: holds a NUL byte at offset " +
                        std::to_string(static_cast<const char*>(nul) - text) + " of " +
                        std::to_string(length) + "; pass the length of the text alone");
  }
  if (!cib::api::is_valid_utf8(text, length)) {
    throw CallError(CIB_ERR_INVALID_ARGUMENT, "text: is not valid UTF-8");
  }
  return std::string(text, length);
}

}  // namespace

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
    conf->store.load_yaml(checked_text("path_or_text", path_or_text, true, kMaxYamlArgumentBytes));
    return CIB_OK;
  });
}

CIB_API cib_status cib_config_load_yaml_file(cib_config* conf, const char* path, char* errstr,
                                             size_t errstr_size) {
  return guarded("cib_config_load_yaml_file", errstr, errstr_size, [&] {
    require_pointer("conf", conf);
    conf->store.load_yaml(
        cib::read_yaml_file(checked_text("path", path, true, cib::api::kMaxTextBytes)));
    return CIB_OK;
  });
}

CIB_API cib_status cib_config_load_yaml_text(cib_config* conf, const char* text, size_t length,
                                             char* errstr, size_t errstr_size) {
  return guarded("cib_config_load_yaml_text", errstr, errstr_size, [&] {
    require_pointer("conf", conf);
    conf->store.load_yaml(cib::yaml_text_source(yaml_text(text, length)));
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
