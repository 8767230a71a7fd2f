package org.cibatch;

/** A build status (cib_build_status). The library checks the fields when it is posted. */
public final class BuildStatus {
  final String repo;
  final String commit;
  final String key;
  State state = State.INPROGRESS;
  String name;
  String url;
  String description;
  String ref;

  private BuildStatus(String repo, String commit, String key) {
    this.repo = repo;
    this.commit = commit;
    this.key = key;
  }

  public static BuildStatus of(String repo, String commit, String key) {
    return new BuildStatus(repo, commit, key);
  }

  public BuildStatus state(State value) {
    state = value;
    return this;
  }

  public BuildStatus name(String value) {
    name = value;
    return this;
  }

  public BuildStatus url(String value) {
    url = value;
    return this;
  }

  public BuildStatus description(String value) {
    description = value;
    return this;
  }

  public BuildStatus ref(String value) {
    ref = value;
    return this;
  }

  byte[][] texts() {
    return Utf8.all(repo, commit, key, name, url, description, ref);
  }
}
