package org.cibatch.jenkins

/**
 * What a step's arguments default to in a Jenkins build: the repository from GIT_URL, the
 * commit from GIT_COMMIT, the pull request from CHANGE_ID (multibranch builds of a pull
 * request), the status's name and link from the job. Reads the build's environment only.
 *
 * Groovy 2.4 (what Jenkins Pipeline runs): no lambdas, no `!in`, no `?=`.
 */
class PipelineDefaults implements Serializable {
  private static final long serialVersionUID = 1L

  private final def env

  /** env: the Pipeline's `env` (or any object whose properties are the variables). */
  PipelineDefaults(def env) {
    this.env = env
  }

  String variable(String name) {
    def value = env == null ? null : env[name]
    return value == null || value.toString().isEmpty() ? null : value.toString()
  }

  /** The argument if given, else the variable, else an error naming both. */
  String pick(Map args, String argument, String variableName) {
    def given = args[argument]
    if (given != null && !given.toString().isEmpty()) return given.toString()
    String value = variableName == null ? null : variable(variableName)
    if (value != null) return value
    throw new IllegalArgumentException("${argument}: not given" +
        (variableName == null ? '' : " and \$${variableName} is not set"))
  }

  String repo(Map args) {
    def given = args.repo
    if (given != null && !given.toString().isEmpty()) return given.toString()
    String url = variable('GIT_URL')
    if (url == null) throw new IllegalArgumentException('repo: not given and $GIT_URL is not set')
    return repoOfUrl(url)
  }

  String commit(Map args) {
    return pick(args, 'commit', 'GIT_COMMIT')
  }

  long pr(Map args) {
    return Long.parseLong(pick(args, 'pr', 'CHANGE_ID'))
  }

  /** The pull request if there is one (0 otherwise), for posts where it is optional. */
  long optionalPr(Map args) {
    def given = args.pr
    if (given != null && !given.toString().isEmpty()) return Long.parseLong(given.toString())
    String change = variable('CHANGE_ID')
    return change == null ? 0L : Long.parseLong(change)
  }

  String statusName(Map args) {
    if (args.name != null) return args.name.toString()
    String job = variable('JOB_NAME')
    String number = variable('BUILD_NUMBER')
    return job == null ? null : (number == null ? job : "${job} #${number}".toString())
  }

  String statusUrl(Map args) {
    return args.url != null ? args.url.toString() : variable('BUILD_URL')
  }

  /**
   * owner/name from a clone URL: https://host/acme/web.git, git@host:acme/web.git,
   * ssh://git@host:7999/acme/web.git.
   */
  static String repoOfUrl(String url) {
    String path = url.trim()
    int scheme = path.indexOf('://')
    if (scheme >= 0) {
      path = path.substring(scheme + 3)
      int slash = path.indexOf('/')
      path = slash < 0 ? '' : path.substring(slash + 1)
    } else if (path.indexOf(':') > 0) {
      path = path.substring(path.indexOf(':') + 1)
    }
    while (path.endsWith('/')) path = path.substring(0, path.length() - 1)
    if (path.endsWith('.git')) path = path.substring(0, path.length() - 4)
    String[] parts = path.split('/')
    if (parts.length < 2 || parts[-2].isEmpty() || parts[-1].isEmpty()) {
      // Not quoted: a clone URL may carry a token.
      throw new IllegalArgumentException('repo: cannot read owner/name from $GIT_URL; give repo:')
    }
    return parts[-2] + '/' + parts[-1]
  }
}
