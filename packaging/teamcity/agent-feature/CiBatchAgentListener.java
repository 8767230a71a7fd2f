// AN EXAMPLE, not built here: it needs TeamCity's agent API jars (agent-api, common-api,
// util from the TeamCity server's devPackage), which cannot be fetched in this build. It shows
// the agent side of a "cibatch" build feature with the Java wrapper (cibatch.jar, package
// libcibatch-java on the agent).
package org.cibatch.teamcity;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jetbrains.buildServer.agent.AgentBuildFeature;
import jetbrains.buildServer.agent.AgentLifeCycleAdapter;
import jetbrains.buildServer.agent.AgentLifeCycleListener;
import jetbrains.buildServer.agent.AgentRunningBuild;
import jetbrains.buildServer.agent.BuildFinishedStatus;
import jetbrains.buildServer.util.EventDispatcher;
import org.cibatch.BuildStatus;
import org.cibatch.CiBatch;
import org.cibatch.CiBatchException;
import org.cibatch.State;

/**
 * Posts INPROGRESS when a build with the feature starts and SUCCESSFUL or FAILED before it
 * finishes. One CiBatch.shared() client per configuration file serves every build of the
 * agent's JVM (one spool, one budget, coalescing across builds); each build's posts carry its
 * own tag, so its flush waits for them only.
 */
public class CiBatchAgentListener extends AgentLifeCycleAdapter {
  static final String FEATURE = "cibatch";
  private final Map<Long, CiBatch> clients = new ConcurrentHashMap<>();

  public CiBatchAgentListener(EventDispatcher<AgentLifeCycleListener> events) {
    events.addListener(this);  // the agent's Spring context makes this bean
  }

  @Override
  public void buildStarted(AgentRunningBuild build) {
    Map<String, String> feature = feature(build);
    if (feature == null) return;
    try {
      // e.g. /etc/cibatch/agent.yml, written by the administrator; a file on the agent.
      CiBatch client = CiBatch.shared(Paths.get(feature.get("cibatch.config")));
      clients.put(build.getBuildId(), client);
      client.postStatus(status(build, feature, State.INPROGRESS), build.getBuildId());
    } catch (CiBatchException e) {
      build.getBuildLogger().warning("cibatch: " + e.getMessage());  // never holds a secret
    }
  }

  @Override
  public void beforeBuildFinish(AgentRunningBuild build, BuildFinishedStatus finished) {
    CiBatch client = clients.remove(build.getBuildId());
    if (client == null) return;
    State state = finished == BuildFinishedStatus.FINISHED_SUCCESS ? State.SUCCESSFUL
        : finished == BuildFinishedStatus.INTERRUPTED ? State.STOPPED : State.FAILED;
    try (client) {  // a shared handle: only the agent's last close() closes the client
      client.postStatus(status(build, feature(build), state), build.getBuildId());
      if (!client.flush(build.getBuildId(), Duration.ofMinutes(2))) {
        build.getBuildLogger().warning("cibatch: not delivered yet; the spool keeps it");
      }
    } catch (CiBatchException e) {
      build.getBuildLogger().warning("cibatch: " + e.getMessage());
    }
  }

  private static BuildStatus status(AgentRunningBuild build, Map<String, String> feature,
                                    State state) {
    Map<String, String> config = build.getSharedConfigParameters();
    return BuildStatus.of(feature.get("cibatch.repo"), config.get("build.vcs.number"),
                          build.getBuildTypeExternalId())
        .state(state)
        .name(build.getProjectName() + " / " + build.getBuildTypeName() + " #"
              + build.getBuildNumber())
        .url(config.get("teamcity.serverUrl") + "/viewLog.html?buildId=" + build.getBuildId());
  }

  private static Map<String, String> feature(AgentRunningBuild build) {
    Collection<AgentBuildFeature> features = build.getBuildFeaturesOfType(FEATURE);
    return features.isEmpty() ? null : features.iterator().next().getParameters();
  }
}
