package org.cibatch;

/**
 * {@code java -jar cibatch.jar}: says which library and glue this jar loads, so an
 * administrator sees at once whether an agent finds them (exit status 1 and the reason if not).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    try {
      String library = CiBatch.libraryVersion();
      Package own = Main.class.getPackage();
      String jar = own == null ? null : own.getImplementationVersion();
      System.out.println("cibatch.jar " + (jar == null ? "(no version)" : jar) + ", libcibatch "
          + library + ", glue " + NativeLoader.loadedFrom());
    } catch (UnsatisfiedLinkError e) {
      System.err.println("cibatch.jar: " + e.getMessage());
      System.exit(1);
    }
  }
}
