// render_reference_markdown(): docs/CONFIGURATION.md, generated from the property table so the
// reference cannot drift from the code.
#include <string>
#include <vector>

#include "config/property_table.h"

namespace cib {
namespace {

constexpr const char* kIntroduction = R"(# Configuration reference

<!-- Generated from plugin/config/property_table.cpp; do not edit by hand.
     Regenerate: CIB_REGENERATE_DOCS=1 unit_config --run_test=reference_doc -->

cibatch reads a flat set of dotted keys. Set them one by one with `cib_config_set(conf, key,
value, ...)`, or from YAML with `cib_config_load_yaml(conf, path_or_text, ...)`: the `cibatch:`
mapping of a file of its own, or a `cibatch:` section anywhere inside a pipeline's YAML. Nested
mappings are flattened, so `host: {auth: {type: basic}}` sets `host.auth.type`.

```yaml
cibatch:
  host:
    kind: bitbucket-cloud
    api_url: https://api.bitbucket.org/2.0
    auth: { type: bearer, token: "${BITBUCKET_TOKEN}" }
  batching: { linger_ms: 2000, terminal_linger_ms: 200 }
  comments: { mode: upsert }
```

Every error names where the value came from (`file:line:column`, or `<yaml>` for text) and the
key: `pipeline.yml:7:5: batching.linger_ms: expected a non-negative integer, got "lots"`.
Messages quote at most 40 characters of a value, and never a value of a secret key or of a key
next to one (`host.auth.*`, `sonar.token`, `proxy`, `budget.shared`). `path_or_text` is YAML text when it holds
a line break or `{`, a `:` followed by a blank, or ends with `:`; otherwise it is a file path.
A document may be at most 1 MiB, nested at most 64 levels deep, and hold at most 100000 nodes
once its aliases are followed.

## Layers and locks

A pipeline's YAML is editable by whoever opens a pull request, so an administrator's file is
read first: `$CIBATCH_ADMIN_CONFIG` (which must exist), else `/etc/cibatch/cibatch.yml` when it
exists. It holds the same `cibatch:` mapping plus an optional `lock:` list of keys or groups
(`lock: [batching.linger_ms, comments]`). Every key the administrator sets under `host`, `tls`,
`proxy`, `spool`, `budget` and `sonar` is locked as well. A credential the administrator sets
locks where it goes: a `host.auth.*` credential locks `host.api_url`, `host.kind`, `tls` and
`proxy`;
`sonar.token` locks `sonar.url`, `tls` and `proxy`. `host.auth.token_dirs` may be set only
there. A pipeline that sets a locked key gets an error naming the key and the administrator's
file. When `host.allowed_urls` is set, `host.api_url` must lie under one of its prefixes,
compared as parsed URLs: the same scheme, host (case and a trailing dot ignored) and port, and
the prefix's whole path segments. A URL holds no user info, backslash, blank, `.` or `..`
segment, and its host is ASCII (an internationalised name in its `xn--` form). See
[SECURITY.md](SECURITY.md).

## Credentials and URLs

`${ENV_NAME}` is expanded only in `host.auth.*` and `sonar.token` values, when the client
starts; an unset variable is an error that quotes `${ENV_NAME}`, never a value. Any other value
holding `${` is refused when it is set, as it would otherwise be taken literally. Bearer
authentication needs `host.auth.token` or `host.auth.token_file`; basic authentication needs
`host.auth.user` and `host.auth.password`; a GitHub App (`host.auth.type: github-app`, with
`host.kind: github` only) needs `host.auth.app_id`, `host.auth.installation_id` and
`host.auth.private_key_file`. `http://` API URLs (`host.api_url`, `sonar.url`) are
accepted only for loopback hosts (`localhost`, `127.0.0.0/8`, `::1`) unless
`tls.allow_insecure_http` is true.

A GitHub App's key file is read like a token file (a regular file of at most 16 KiB, under
`host.auth.token_dirs` when the administrator sets it) when the configuration is validated and
each time a token is obtained, and must hold an RSA private key in PEM (PKCS#1 or PKCS#8, no
passphrase). The client signs a JWT with it (RS256, valid from a minute ago for nine minutes),
exchanges it at `POST {api_url}/app/installations/{installation_id}/access_tokens` for an
installation token, and sends that token until less than five minutes of it remain, or the host
answers 401. The exchange uses the host's TLS and proxy settings and is not counted in the
budget; a failed one is retried like a failed request, and nothing posted is dropped. The
budget counts the installation (`budget.account` defaults to `github-app-installation-ID`).
Setting up the App: [hosts/github-app.md](hosts/github-app.md).

Give secrets as `"${VARIABLE}"` from the CI's credential store, or the token as
`host.auth.token_file`. A secret written in the file itself (`host.auth.token`,
`host.auth.password` or `sonar.token` holding text besides `${...}` references, or a password in
`budget.shared`) is accepted with a warning that names the key, never the value: a client's
first log callback gets it as a warning line, and `cibatch check-config` prints it. Such a
secret reads `(secret)` through `cib_config_get`; one given by references alone reads as
written (`${VARIABLE}`, never expanded). Messages write secrets as `<secret>`; log lines, error
messages and delivery reports never hold the token, the password, the base64 of
`user:password`, a GitHub App's key, JWT or installation token, the Sonar token or the Redis
password, and the value of an `Authorization` or
`PRIVATE-TOKEN` header a host quotes back reads `[redacted]`. A client keeps its credential
masked in memory and wipes the copies it made when it is destroyed.

## Hosts

`host.api_url` may be left out for the public services: each kind has its own default, and
`cibatch check-config` prints the URL a client would use.

| kind | API URL | credential | cannot |
|---|---|---|---|
| Bitbucket Cloud (`bitbucket-cloud`) | `https://api.bitbucket.org/2.0` (default) | an access token (repository, project or workspace) with `repository:write` and `pullrequest:write`, as `bearer`; or a user and app password, as `basic` | |
| Bitbucket Data Center (`bitbucket-dc`) | the server's base URL, e.g. `https://bb.corp.example` (required: no default) | an HTTP access token (project or repository) with repository write, as `bearer`; or a user and password, as `basic` | data fields past 6 on a report (the first 6 are kept and the details say so) |
| GitHub (`github`) | `https://api.github.com` (default); GitHub Enterprise Server: `https://HOST/api/v3` | a GitHub App (`github-app`): check runs, statuses, comments; or a personal access token (`bearer`; fine-grained: Commit statuses, Pull requests and Issues read and write) | check runs without an App: with a token, reports become a summary comment on the commit's pull requests (`github.reports: comment` asks for that with an App too) |
| GitLab (`gitlab`) | `https://gitlab.com/api/v4` (default); self-managed: `https://HOST/api/v4` (with its relative URL root, if any, before `/api/v4`) | a personal, project or group access token with the `api` scope, as `bearer` | annotations: a report becomes one merge request note |

On GitLab a report (SonarQube's too) becomes one note on the newest open merge request of its
commit, showing the 50 most severe findings; a commit without an open merge request fails the
report. `repo` is `owner/name` on every host: Bitbucket `workspace/slug`, Bitbucket Data Center
`PROJECTKEY/slug`, GitHub `owner/repo`, GitLab the project's full path
(`group/subgroup/project`).

## Keys

| key | type | default | description |
|---|---|---|---|
)";

// Markdown tables end a cell at '|', even inside backticks.
std::string escape_cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string type_cell(const Property& p) {
  switch (p.type) {
    case PropertyType::integer:
      return "integer, " + std::to_string(p.min_value) + " to " + std::to_string(p.max_value);
    case PropertyType::enumeration: {
      // The values this version builds; planned ones are named in the description.
      std::string out;
      for (const std::string& choice : built_choices(p)) {
        out += (out.empty() ? "`" : " \\| `") + choice + "`";
      }
      return out;
    }
    case PropertyType::record_list:
      return escape_cell(std::string("list of `{") + describe_schema(*p.records) + "}`");
    default:
      return type_name(p.type);
  }
}

std::string default_cell(const Property& p) {
  if (p.required) return "*required*";
  if (*p.default_value == '\0') return "";
  return std::string("`") + p.default_value + "`";
}

// "`b`, `c` and `d` are planned: ..." for an enumeration with planned values.
std::string planned_sentence(const Property& p) {
  const std::vector<std::string> planned = planned_choices(p);
  if (planned.empty()) return "";
  std::string list = "`" + planned.front() + "`";
  for (std::size_t i = 1; i < planned.size(); ++i) {
    list += (i + 1 == planned.size() ? " and `" : ", `") + planned[i] + "`";
  }
  return " " + list + (planned.size() == 1 ? " is" : " are") +
         " planned: accepted when set, refused by `cib_config_validate` and `cib_client_new` "
         "until a version builds them.";
}

std::string doc_cell(const Property& p) {
  std::string out = p.doc + planned_sentence(p);
  if (p.secret) out += " Secret.";
  if (p.env_expansion) out += " `${ENV_NAME}` is expanded.";
  return escape_cell(out);
}

}  // namespace

std::string render_reference_markdown() {
  std::string out = kIntroduction;
  for (const Property& p : property_table()) {
    out += "| `" + std::string(p.key) + "` | " + type_cell(p) + " | " + default_cell(p) + " | " +
           doc_cell(p) + " |\n";
  }
  return out;
}

}  // namespace cib
