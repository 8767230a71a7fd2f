package org.cibatch.jenkins

import java.util.concurrent.ConcurrentHashMap

/**
 * The logic behind vars/cibatch.groovy: each call's arguments, their defaults from the build's
 * environment, which configuration, and which way to post (the Java wrapper, or the CLI via
 * `sh`). `steps` is the Pipeline script (or anything with `env`, readFile, echo, sh, error).
 *
 * Configuration, first found wins:
 *   configure(config: FILE) or $CIBATCH_CONFIG  a cibatch file (absolute path) on the machine
 *                                                 that posts; with the Java wrapper one
 *                                                 client per JVM (CiBatch.shared)
 *   configure(yaml: FILE) or $CIBATCH_YAML       the pipeline YAML in the workspace, read
 *                                                 with readFile (its `cibatch:` section)
 *   .cibatch.yml                                 in the workspace
 * Way: configure(mode: 'java' | 'cli') or $CIBATCH_MODE, default java; configure(cli: PATH)
 * names the CLI (default cibatch), configure(timeout: SECONDS) bounds each CLI call.
 */
class CiBatchStep implements Serializable {
  private static final long serialVersionUID = 1L
  // One step per running build, so that every `cibatch.x(...)` of a run reaches the same
  // client; Pipeline code keeps no objects of its own between calls of a global variable.
  private static final Map<String, CiBatchStep> RUNS = new ConcurrentHashMap<String, CiBatchStep>()

  private final def steps
  private final PipelineDefaults defaults
  private final Map settings = [:]
  private def poster

  CiBatchStep(def steps) {
    this.steps = steps
    this.defaults = new PipelineDefaults(steps.env)
  }

  /** The step of the build that `steps` runs ($BUILD_TAG), made on first use. */
  static CiBatchStep forRun(def steps) {
    String run = new PipelineDefaults(steps.env).variable('BUILD_TAG') ?: 'cibatch'
    CiBatchStep step = RUNS.get(run)
    if (step == null) {
      RUNS.putIfAbsent(run, new CiBatchStep(steps))
      step = RUNS.get(run)
    }
    return step
  }

  /** Closes the build's step and forgets it. */
  static void closeRun(def steps) {
    String run = new PipelineDefaults(steps.env).variable('BUILD_TAG') ?: 'cibatch'
    CiBatchStep step = RUNS.remove(run)
    if (step != null) step.close()
  }

  void configure(Map args) {
    if (poster != null) steps.error('cibatch.configure: call it before the first post')
    for (String name : ['config', 'yaml', 'mode', 'cli', 'timeout']) {
      if (args[name] != null) settings[name] = args[name].toString()
    }
  }

  void status(Map args) {
    guarded('status') {
      poster().status(defaults.repo(args), defaults.commit(args), defaults.pick(args, 'key', null),
          defaults.pick(args, 'state', null),
          [name: defaults.statusName(args), url: defaults.statusUrl(args),
           description: args.description, ref: args.ref])
    }
  }

  void comment(Map args) {
    guarded('comment') {
      poster().comment(defaults.repo(args), defaults.pr(args), defaults.pick(args, 'key', null),
          defaults.pick(args, 'body', null))
    }
  }

  /** report(id:, title:, result:, details:, link:, reporter:, data: [[title:, type:, value:]],
   *  annotations: [[id:, summary:, path:, line:, severity:, type:, details:, link:]]) */
  void report(Map args) {
    guarded('report') {
      Map fields = new LinkedHashMap(args)
      fields.title = defaults.pick(args, 'title', null)
      fields.result = defaults.pick(args, 'result', null)
      poster().report(defaults.repo(args), defaults.commit(args), defaults.pick(args, 'id', null),
          fields)
    }
  }

  /**
   * sonar(task: 'target/sonar/report-task.txt'): the analysis once SonarQube has made it. The
   * Java wrapper gets a copy of the workspace's file (read with readFile, so it works from
   * whichever JVM runs this); the library reads it during the call.
   */
  void sonar(Map args) {
    guarded('sonar') {
      String task = args.task == null ? 'target/sonar/report-task.txt' : args.task.toString()
      String repo = defaults.repo(args)
      String commit = defaults.commit(args)
      long pr = defaults.optionalPr(args)
      if (mode() == 'cli') {
        poster().sonarTask(repo, commit, pr, task)
        return
      }
      File copy = File.createTempFile('cibatch-report-task', '.txt')
      try {
        copy.setText(steps.readFile(file: task, encoding: 'UTF-8') as String, 'UTF-8')
        poster().sonarTask(repo, commit, pr, copy.path)
      } finally {
        copy.delete()
      }
    }
  }

  /** Waits at most timeout seconds (default 300) for this build's posts. True: all settled. */
  boolean flush(Map args) {
    long timeout = args.timeout == null ? 300L : Long.parseLong(args.timeout.toString())
    boolean settled = false
    guarded('flush') {
      settled = poster().flush(timeout)
    }
    if (!settled) {
      steps.echo("cibatch: not everything was settled within ${timeout} s; the spool keeps it " +
          'and the next client on this machine delivers it')
    }
    return settled
  }

  void close() {
    if (poster == null) return
    def closing = poster
    poster = null
    guarded('close') {
      closing.close()
    }
  }

  private def poster() {
    if (poster != null) return poster
    String mode = mode()
    String config = setting('config', 'CIBATCH_CONFIG')
    String yaml = setting('yaml', 'CIBATCH_YAML') ?: '.cibatch.yml'
    if (mode == 'cli') {
      long timeout = settings.timeout == null ? 0L : Long.parseLong(settings.timeout)
      poster = new CliPoster(steps, settings.cli ?: 'cibatch', config ?: yaml, timeout, runTag())
    } else if (mode == 'java') {
      String text = config == null ? steps.readFile(file: yaml, encoding: 'UTF-8') : null
      poster = new JavaPoster(steps, config, text, runTag())
    } else {
      steps.error("cibatch.configure: mode: expected 'java' or 'cli', got '${mode}'")
    }
    return poster
  }

  private String mode() {
    return setting('mode', 'CIBATCH_MODE') ?: 'java'
  }

  private String setting(String name, String variable) {
    return settings[name] ?: defaults.variable(variable)
  }

  /** Tags this build's posts, so that flush waits for them only (a shared client, an agent). */
  private long runTag() {
    String run = defaults.variable('BUILD_TAG') ?: 'cibatch'
    return (run.hashCode() & 0x7fffffffL) + 1L
  }

  /** The library's refusal (or a missing argument) fails the build with its message. */
  private void guarded(String call, Closure body) {
    try {
      body.call()
    } catch (IllegalArgumentException e) {
      steps.error("cibatch.${call}: ${e.message}")
    } catch (IOException e) {
      // Pipeline's own error() throws hudson.AbortException, an IOException: let it through.
      if (e.getClass().getName() == 'hudson.AbortException') throw e
      steps.error("cibatch.${call}: cannot read ${e.message}")
    } catch (LinkageError e) {
      steps.error("cibatch.${call}: the Java wrapper cannot be loaded here (${e.message}); " +
          "install libcibatch-java on this machine, or configure(mode: 'cli')")
    } catch (Exception e) {
      if (e.getClass().getName() != 'org.cibatch.CiBatchException') throw e
      steps.error("cibatch.${call}: ${e.message} (${e.statusName()})")
    }
  }
}
