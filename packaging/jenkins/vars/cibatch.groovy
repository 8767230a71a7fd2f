// The `cibatch` step of the shared library: each call goes to this build's
// org.cibatch.jenkins.CiBatchStep, which holds the logic (see its comment and
// packaging/jenkins/README.md). `this` is the Pipeline script: it brings env, readFile, echo,
// sh and error.
import org.cibatch.jenkins.CiBatchStep

// cibatch.configure(yaml: 'ci/pipeline.yml' | config: '/etc/cibatch/agent.yml',
//                   mode: 'java' | 'cli', cli: 'cibatch', timeout: SECONDS)
void configure(Map args) {
  CiBatchStep.forRun(this).configure(args)
}

// cibatch.status(key: 'build', state: 'SUCCESSFUL'[, repo:, commit:, name:, url:,
//                description:, ref:])
void status(Map args) {
  CiBatchStep.forRun(this).status(args)
}

// cibatch.comment(key: 'coverage', body: 'Coverage 81 %'[, repo:, pr:])
void comment(Map args) {
  CiBatchStep.forRun(this).comment(args)
}

// cibatch.report(id: 'sast', title: 'SAST', result: 'FAILED'[, details:, link:, reporter:,
//                data: [[...]], annotations: [[...]], repo:, commit:])
void report(Map args) {
  CiBatchStep.forRun(this).report(args)
}

// cibatch.sonar(task: 'target/sonar/report-task.txt'[, repo:, commit:, pr:])
void sonar(Map args) {
  CiBatchStep.forRun(this).sonar(args)
}

// cibatch.flush(timeout: 300): true when every post of this build is settled
boolean flush(Map args = [:]) {
  return CiBatchStep.forRun(this).flush(args)
}

// cibatch.close(): in `post { always { ... } }`; what is not delivered stays in the spool
void close() {
  CiBatchStep.closeRun(this)
}
