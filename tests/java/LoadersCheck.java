import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The jar in two class loaders of this JVM at once (parent: the platform loader, so neither sees
 * the application's copy): each binds its own copy of the glue, opens a client, posts, flushes
 * and closes. The runner checks the statuses on commits LOADER_COMMITS.
 */
final class LoadersCheck {
  private LoadersCheck() {}

  static String commit(int loader) {
    return String.format("%040x", 0x10ade400L + loader);
  }

  static void run(String origin, Path jar, Path dir) throws Exception {
    URL[] urls = {jar.toUri().toURL()};
    try (URLClassLoader first = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
         URLClassLoader second = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
      Class<?> one = first.loadClass("org.cibatch.CiBatch");
      Class<?> two = second.loadClass("org.cibatch.CiBatch");
      Check.that(one != two, "each loader defines its own org.cibatch.CiBatch");
      Object a = open(one, origin, dir.resolve("loader-1"));
      Object b = open(two, origin, dir.resolve("loader-2"));
      post(first, a, 1);
      post(second, b, 2);
      for (Object client : new Object[] {a, b}) {
        Object settled = client.getClass()
                             .getMethod("flush", long.class, Duration.class)
                             .invoke(client, 0L, Duration.ofSeconds(30));
        Check.equal(Boolean.TRUE, settled, "flush in a loader");
        Object left = client.getClass().getMethod("closeAndReport").invoke(client);
        Check.equal("Leftover[left=0, gatingLeft=0]", String.valueOf(left), "close in a loader");
      }
    }
    System.out.println("two class loaders: each loaded the glue, posted, flushed, closed");
  }

  private static Object open(Class<?> type, String origin, Path dir) throws Exception {
    Files.createDirectories(dir);
    return type.getMethod("fromMap", Map.class).invoke(null, Check.settings(origin, dir));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void post(ClassLoader loader, Object client, int index) throws Exception {
    Class<?> statusType = loader.loadClass("org.cibatch.BuildStatus");
    Class<? extends Enum> stateType = (Class<? extends Enum>) loader.loadClass("org.cibatch.State");
    Object status = statusType.getMethod("of", String.class, String.class, String.class)
                        .invoke(null, "acme/loader", commit(index), "build");
    statusType.getMethod("state", stateType)
        .invoke(status, Enum.valueOf(stateType, "SUCCESSFUL"));
    statusType.getMethod("description", String.class).invoke(status, "loader " + index);
    client.getClass().getMethod("postStatus", statusType).invoke(client, status);
  }
}
