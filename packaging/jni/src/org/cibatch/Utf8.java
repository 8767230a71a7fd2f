package org.cibatch;

import java.nio.charset.StandardCharsets;

/**
 * Strings cross to the glue as standard UTF-8 bytes, never as JNI's modified UTF-8 (which encodes
 * a character beyond U+FFFF as two surrogates, refused by the library). null stays null: the
 * library then names the missing field.
 */
final class Utf8 {
  private Utf8() {}

  static byte[] bytes(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[][] all(String... texts) {
    byte[][] out = new byte[texts.length][];
    for (int i = 0; i < texts.length; i++) {
      out[i] = bytes(texts[i]);
    }
    return out;
  }

  static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  /** An enum's value in the C header (declared in the same order); -1 for null. */
  static int code(Enum<?> value) {
    return value == null ? -1 : value.ordinal();
  }
}
