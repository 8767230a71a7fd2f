package org.cibatch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CiBatch.shared(): one reference-counted client per configuration file (its real path). The
 * table is static in this class, so it is one per class loader of the jar: all builds of one
 * plugin share a client; two plugins that each bundle the jar have one each.
 */
final class SharedClients {
  private static final class Entry {
    final ClientCore core;
    int handles;

    Entry(ClientCore core) {
      this.core = core;
    }
  }

  private static final Map<Path, Entry> OPEN = new HashMap<>();

  private SharedClients() {}

  /** real: the configuration's realPath(), the table's key. */
  static synchronized ClientCore acquire(Path real) throws CiBatchException {
    Entry entry = OPEN.get(real);
    if (entry == null) {
      entry = new Entry(new ClientCore(NativeClient.openFile(Utf8.bytes(real.toString()))));
      OPEN.put(real, entry);
    }
    entry.handles++;
    return entry.core;
  }

  /** Gives back one handle: the last one closes the client and answers what was left. */
  static Leftover release(Path real, ClientCore core) throws CiBatchException {
    synchronized (SharedClients.class) {
      Entry entry = OPEN.get(real);
      if (entry == null || entry.core != core || --entry.handles > 0) {
        return null;
      }
      OPEN.remove(real);
    }
    return core.close();
  }

  static Path realPath(Path yamlFile) throws CiBatchException {
    if (yamlFile == null) {
      throw new CiBatchException(CiBatchException.INVALID_ARGUMENT, "CIB_ERR_INVALID_ARGUMENT",
          "CiBatch.shared: yamlFile is null", false);
    }
    try {
      return yamlFile.toRealPath();
    } catch (IOException | SecurityException e) {
      throw new CiBatchException(CiBatchException.CONFIG_SYNTAX,
          "CIB_ERR_CONFIG_SYNTAX",
          "cannot read the configuration file " + yamlFile.getFileName() + ": " + e.getMessage(),
          false);
    }
  }
}
