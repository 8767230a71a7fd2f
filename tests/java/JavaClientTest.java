import java.nio.file.Path;

/**
 * The Java wrapper (cibatch.jar with its glue) against forge-sim. Run by java_client_test.py:
 *   java -Dcibatch.jni.library=GLUE -cp JAR:CLASSES JavaClientTest ORIGIN CONFIG JAR DIR
 * ORIGIN the simulator's http://127.0.0.1:PORT, CONFIG a YAML file for it, DIR a scratch folder.
 * Exits non-zero on the first failed check.
 */
public final class JavaClientTest {
  private JavaClientTest() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: JavaClientTest ORIGIN CONFIG JAR DIR");
      System.exit(2);
    }
    String origin = args[0];
    Path config = Path.of(args[1]);
    Path jar = Path.of(args[2]);
    Path dir = Path.of(args[3]);
    System.out.println("library " + org.cibatch.CiBatch.libraryVersion());
    ErrorsCheck.run(origin, dir);
    CloseRaceCheck.run(origin, dir.resolve("race"));
    SharedThreadsCheck.run(config);
    LoadersCheck.run(origin, jar, dir);
    CyclesCheck.run(origin, dir);
    System.out.println("java client: all checks passed");
  }
}
