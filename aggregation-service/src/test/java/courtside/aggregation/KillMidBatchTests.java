package courtside.aggregation;

import courtside.aggregation.ingest.StatLineListener;
import courtside.embedded.EmbeddedStack;
import courtside.embedded.ServiceProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15 item 4: aggregation-service killed with {@code kill -9} in the middle of its batches, as a separate JVM
 * (a process, not a context closed), four times during a replay, each time while it catches up, with corrections and retries, restarted each time:
 * at quiet every average and every read model of the replayed season equals SQL. The test's own consumer stands aside meanwhile, so that
 * the killed process holds every partition; the group's session timeout moves them on within seconds.
 */
@AggregationServiceTest
class KillMidBatchTests {

    private static final int KILLS = 4;
    private static final SyntheticSeason SEASON = SyntheticSeason.starting(1994);

    @Autowired
    Pipeline pipeline;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void killedWithSigkillMidBatchFourTimesAndRestartedEveryReadModelEndsEqualToSql() throws Exception {
        MessageListenerContainer ours = listeners.getListenerContainer(StatLineListener.ID);
        ours.stop();
        try {
            // Posting goes on through every kill and restart, so each new instance starts with a backlog to catch up;
            // the pace is for that only, and the lines left after the last kill are posted without it.
            FaultReplay replay = new FaultReplay(pipeline, SEASON.linesOfFirstGames(120), 12, 250).start();
            for (int kill = 1; kill <= KILLS; kill++) {
                Set<String> before = members();
                Path log = Path.of("target", "kill-mid-batch-" + kill + ".log");
                Process service = launch(log);
                try {
                    awaitAllPartitionsAssignedToNewMembers(before, Duration.ofSeconds(90));
                    // Killed while it works through the backlog: in the middle of its batches.
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                            .until(() -> Files.readString(log).contains("courtside.events"));
                    Thread.sleep(40L * kill);
                } finally {
                    service.destroyForcibly(); // SIGKILL: no shutdown hook, no commit, no goodbye to the group
                    service.waitFor();
                }
                assertThat(service.exitValue()).as("exit status of kill %d", kill).isEqualTo(137);
            }
            replay.hurry().finish();
        } finally {
            ours.start();
        }
        pipeline.awaitQuiet();

        assertThat(pipeline.assertCacheEqualsSql(SEASON.label())).isPositive();
    }

    /** aggregation-service in a JVM of its own, on this test's classpath, against the shared embedded stack. */
    private static Process launch(Path log) throws IOException {
        Files.createDirectories(log.getParent());
        String[] exclusion = AggregationServiceTest.WITHOUT_STATS_SERVICE_PERSISTENCE.split("=", 2);
        List<String> command = new ArrayList<>(List.of(ServiceProcess.thisJava(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "-D" + exclusion[0] + "=" + exclusion[1], "-Dcourtside.rebuild.retry-every=1s",
                AggregationServiceApplication.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(EmbeddedStack.shared().environment());
        builder.environment().putAll(Map.of("AGGREGATION_PORT", "0", "LOG_FORMAT", ""));
        return builder.start();
    }

    /** The consumers in the group now (a stopped or killed instance's stay until their session times out). */
    private Set<String> members() {
        return group().members().stream().map(MemberDescription::consumerId).collect(Collectors.toSet());
    }

    /** Until all six partitions are held by members that were not in the group before: the new instance's. */
    private void awaitAllPartitionsAssignedToNewMembers(Set<String> before, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            ConsumerGroupDescription group = group();
            return !group.members().isEmpty() && group.members().stream().noneMatch(m -> before.contains(m.consumerId()))
                    && group.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum() == 6;
        });
    }

    private ConsumerGroupDescription group() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers()))) {
            return admin.describeConsumerGroups(List.of(Pipeline.GROUP)).all().get().get(Pipeline.GROUP);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
