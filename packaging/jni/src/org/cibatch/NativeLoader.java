package org.cibatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads libcibatch_jni.so once per class loader. A native library can be bound to one class
 * loader of a JVM only, and Jenkins gives each plugin its own loader, so each loader loads its
 * own temporary copy of the file (deleted once loaded: the mapping stays).
 */
final class NativeLoader {
  static final String PROPERTY = "cibatch.jni.library";
  static final String ENVIRONMENT = "CIBATCH_JNI_LIBRARY";
  // Where the copy goes when java.io.tmpdir is mounted noexec (System.load would fail there).
  static final String TEMPORARY_FOLDER = "cibatch.jni.tmpdir";
  private static Path loadedFrom;

  private NativeLoader() {}

  static synchronized void load() {
    if (loadedFrom != null) {
      return;
    }
    Path source = find();
    try {
      String folder = System.getProperty(TEMPORARY_FOLDER);
      Path copy = folder == null || folder.isEmpty()
          ? Files.createTempFile("libcibatch_jni-", ".so")
          : Files.createTempFile(Paths.get(folder), "libcibatch_jni-", ".so");
      try {
        Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
        System.load(copy.toAbsolutePath().toString());
      } finally {
        Files.deleteIfExists(copy);
      }
    } catch (IOException e) {
      UnsatisfiedLinkError error =
          new UnsatisfiedLinkError("cannot copy " + source + " to a temporary file: " + e);
      error.initCause(e);
      throw error;
    }
    loadedFrom = source;
  }

  /** The file whose copy this class loader loaded; null before load(). */
  static synchronized Path loadedFrom() {
    return loadedFrom;
  }

  /** The first of: -Dcibatch.jni.library, $CIBATCH_JNI_LIBRARY, the installed places. */
  static Path find() {
    List<String> tried = new ArrayList<>();
    String property = System.getProperty(PROPERTY);
    if (property != null && !property.isEmpty()) {
      return existing(Paths.get(property), PROPERTY);
    }
    String environment = System.getenv(ENVIRONMENT);
    if (environment != null && !environment.isEmpty()) {
      return existing(Paths.get(environment), ENVIRONMENT);
    }
    for (String place : installedPlaces()) {
      Path path = Paths.get(place);
      if (Files.isRegularFile(path)) {
        return path;
      }
      tried.add(place);
    }
    throw new UnsatisfiedLinkError("libcibatch_jni.so not found: set -D" + PROPERTY + " or $"
        + ENVIRONMENT + " to its path, or install libcibatch-java (looked in " + tried + ")");
  }

  private static Path existing(Path path, String origin) {
    if (!Files.isRegularFile(path)) {
      throw new UnsatisfiedLinkError(origin + " names " + path + ", which is not a file");
    }
    return path;
  }

  private static List<String> installedPlaces() {
    List<String> places = new ArrayList<>();
    String multiarch = multiarch(System.getProperty("os.arch", ""));
    if (multiarch != null) {
      places.add("/usr/lib/" + multiarch + "/jni/libcibatch_jni.so");
    }
    places.add("/usr/lib64/jni/libcibatch_jni.so"); // the RPM's
    return places;
  }

  /** Debian's multiarch triplet for a JVM's os.arch. */
  static String multiarch(String arch) {
    switch (arch) {
      case "amd64":
      case "x86_64":
        return "x86_64-linux-gnu";
      case "aarch64":
      case "arm64":
        return "aarch64-linux-gnu";
      case "ppc64le":
        return "powerpc64le-linux-gnu";
      case "s390x":
        return "s390x-linux-gnu";
      case "riscv64":
        return "riscv64-linux-gnu";
      default:
        return null;
    }
  }
}
