package org.cibatch;

/** A pull-request comment (cib_comment): one per repo, PR and key. */
public final class Comment {
  final String repo;
  final long pr;
  final String key;
  String body;

  private Comment(String repo, long pr, String key) {
    this.repo = repo;
    this.pr = pr;
    this.key = key;
  }

  public static Comment of(String repo, long pr, String key) {
    return new Comment(repo, pr, key);
  }

  public Comment body(String value) {
    body = value;
    return this;
  }

  byte[][] texts() {
    return Utf8.all(repo, key, body);
  }
}
