package org.cibatch.jenkins

/**
 * Posts by running the `cibatch` CLI through the Pipeline's `sh` step, so the work happens on
 * the agent even from a shared library without a plugin. Every post carries the build's tag.
 * Where `cibatch agent` runs on the agent, each call hands its post over and returns at once,
 * and the agent coalesces across calls and builds; flush() then runs `cibatch flush --tag`,
 * which waits for the build's posts. Without an agent each call waits for its own delivery
 * and flush() delivers what the spool still holds (`cibatch drain`).
 */
class CliPoster implements Serializable {
  private static final long serialVersionUID = 1L

  private final def steps
  private final String executable
  private final String configFile
  private final long timeoutSeconds
  private final long tag

  /**
   * configFile: the cibatch YAML (or pipeline YAML) as the agent's shell sees it;
   * timeoutSeconds: how long each call waits for its delivery (0: the CLI's default);
   * tag: the build's, on every post.
   */
  CliPoster(def steps, String executable, String configFile, long timeoutSeconds, long tag) {
    this.steps = steps
    this.executable = executable
    this.configFile = configFile
    this.timeoutSeconds = timeoutSeconds
    this.tag = tag
  }

  void status(String repo, String commit, String key, String state, Map fields) {
    List<String> args = ['status', '--repo', repo, '--commit', commit, '--key', key,
                         '--state', state.toUpperCase()]
    for (String field : ['name', 'url', 'description', 'ref']) {
      if (fields[field] != null) {
        args.add('--' + field)
        args.add(fields[field].toString())
      }
    }
    run(args)
  }

  void comment(String repo, long pr, String key, String body) {
    run(['comment', '--repo', repo, '--pr', Long.toString(pr), '--key', key, '--body', body])
  }

  void report(String repo, String commit, String id, Map fields) {
    steps.error('cibatch.report: not available with mode: \'cli\'; run `cibatch report` in sh, ' +
        'or use mode: \'java\'')
  }

  void sonarTask(String repo, String commit, long pr, String taskFile) {
    List<String> args = ['sonar', '--repo', repo, '--commit', commit, '--task', taskFile]
    if (pr > 0) {
      args.add('--pr')
      args.add(Long.toString(pr))
    }
    run(args)
  }

  boolean flush(long flushTimeoutSeconds) {
    List<String> words = [executable, 'flush', '--config', configFile, '--tag', Long.toString(tag),
                          '--timeout-ms', Long.toString(flushTimeoutSeconds * 1000)]
    int status = steps.sh(script: words.collect { quote(it) }.join(' '), returnStatus: true) as int
    return status == 0
  }

  void close() {
  }

  /** The shell line for these arguments (each single-quoted), with the configuration. */
  String commandLine(List<String> args) {
    List<String> words = [executable, args[0], '--config', configFile, '--tag', Long.toString(tag)]
    if (timeoutSeconds > 0) {
      words.add('--timeout-ms')
      words.add(Long.toString(timeoutSeconds * 1000))
    }
    words.addAll(args.subList(1, args.size()))
    StringBuilder line = new StringBuilder()
    for (String word : words) {
      if (line.length() > 0) line.append(' ')
      line.append(quote(word))
    }
    return line.toString()
  }

  static String quote(String word) {
    return "'" + word.replace("'", "'\"'\"'") + "'"
  }

  private void run(List<String> args) {
    int status = steps.sh(script: commandLine(args), returnStatus: true) as int
    if (status == 3) {
      steps.echo("cibatch ${args[0]}: not delivered yet; the spool keeps it (see the lines above)")
    } else if (status != 0) {
      steps.error("cibatch ${args[0]} exited with status ${status} (see the lines above)")
    }
  }
}
