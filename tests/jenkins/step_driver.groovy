// Runs vars/cibatch.groovy as a Pipeline would, with what only Jenkins has replaced: the
// Pipeline's `steps` (env, readFile, echo, sh, error) is a stand-in over the given environment
// and workspace, and Pipeline's marker annotation @NonCPS is declared here. Everything below
// (CiBatchStep, the Java wrapper, the library, or the CLI) is real.
//
// Usage: groovy -cp cibatch.jar step_driver.groovy VARS_DIR SCENARIO.json
// SCENARIO: {"env": {NAME: VALUE, ...}, "calls": [[METHOD, {ARGUMENTS}], ...]}; WORKSPACE in
// env is where readFile and sh work. The call ["build", {NAME: VALUE}] is no step: the calls
// after it run as another build of the same JVM, whose env is env with these changes. Prints `echo: TEXT` for each echo and one
// `result: JSON` line per call: {"call", "ok", "value"} or {"call", "ok": false, "error"}.
// Groovy 2.4: no lambdas, no `!in`, no `?=`.
import groovy.json.JsonOutput
import groovy.json.JsonSlurper

class StandInError extends RuntimeException {
  StandInError(String message) {
    super(message)
  }
}

File varsDir = new File(args[0]).canonicalFile
Map scenario = new JsonSlurper().parse(new File(args[1]), 'UTF-8') as Map
Map env = scenario.env as Map
File workspace = new File(env.WORKSPACE as String)

def inWorkspace = { String path ->
  File file = new File(path)
  return file.isAbsolute() ? file : new File(workspace, path)
}
def binding = new Binding()
binding.setVariable('env', env)
binding.setVariable('readFile', { Map a -> inWorkspace(a.file as String).getText('UTF-8') })
binding.setVariable('echo', { String text -> println("echo: " + text) })
binding.setVariable('error', { String text -> throw new StandInError(text) })
binding.setVariable('sh', { Map a ->
  Process process = new ProcessBuilder('sh', '-c', a.script as String).directory(workspace)
      .inheritIO().start()
  int status = process.waitFor()
  if (!a.returnStatus && status != 0) throw new StandInError("script returned exit code ${status}")
  return status
})

GroovyClassLoader loader = new GroovyClassLoader(this.class.classLoader)
loader.addClasspath(new File(varsDir.parentFile, 'src').path)
loader.parseClass('''package com.cloudbees.groovy.cps
import java.lang.annotation.*
@Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD) @interface NonCPS {}
''', 'NonCPS.groovy')
Script cibatch = new GroovyShell(loader, binding).parse(new File(varsDir, 'cibatch.groovy'))

for (List call : scenario.calls as List<List>) {
  String method = call[0] as String
  Object[] arguments = call.size() > 1 ? [call[1] as Map] as Object[] : [] as Object[]
  Map result = [call: method]
  if (method == 'build') {
    Map next = new LinkedHashMap(env)
    next.putAll(call[1] as Map)
    binding.setVariable('env', next)
    println("result: " + JsonOutput.toJson([call: method, ok: true]))
    continue
  }
  try {
    result.value = cibatch.invokeMethod(method, arguments)
    result.ok = true
  } catch (StandInError e) {
    result.ok = false
    result.error = e.message
  }
  println("result: " + JsonOutput.toJson(result))
}
