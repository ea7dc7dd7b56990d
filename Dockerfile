# syntax=docker/dockerfile:1
# The image of either service; the build argument SERVICE says which. Build from the repository root (the build needs
# the parent pom, common-model, service-support, and for aggregation-service's test classpath that it compiles,
# stats-service and embedded-stack):
#   docker build --build-arg SERVICE=stats-service -t courtside/stats-service .
#   docker build --build-arg SERVICE=aggregation-service --build-arg PORT=8081 -t courtside/aggregation-service .
# Configured by environment variables only: see .env.example and docker-compose.yml.
#   stats-service:       DB_*, KAFKA_BROKER, STATS_API_KEY, STATS_PORT, LOG_FORMAT
#   aggregation-service: DB_HOST, DB_PORT, DB_NAME, DB_READER_USER, DB_READER_PASSWORD, KAFKA_BROKER, REDIS_ADDR,
#                        AGGREGATION_PORT, LOG_FORMAT

FROM eclipse-temurin:25-jdk AS build
# stats-service or aggregation-service: the Maven module, and the name of its runnable jar.
ARG SERVICE
WORKDIR /workspace
# The whole tree in one step: a poms-only step would save nothing, because Maven cannot resolve the reactor's own
# modules before they are built. The cache mount keeps Maven itself and the dependencies across builds instead.
COPY . .
RUN case "${SERVICE}" in stats-service|aggregation-service) ;; \
      *) echo "build with --build-arg SERVICE=stats-service or SERVICE=aggregation-service (got '${SERVICE}')" >&2; exit 1;; \
    esac
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -pl "${SERVICE}" -am package -DskipTests
# Spring Boot's layers, least to most often changed, each its own image layer; with the launcher, no jar in a jar.
RUN java -Djarmode=tools -jar "${SERVICE}"/target/"${SERVICE}"-*-exec.jar \
    extract --layers --launcher --destination /extracted

FROM eclipse-temurin:25-jre
ARG SERVICE
# The service port, for EXPOSE only (what the service listens on is its own variable below): 8081 for
# aggregation-service.
ARG PORT=8080
# curl for the health check: the JRE 25 images no longer ship it.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 courtside \
    && useradd --system --uid 10001 --gid courtside --no-create-home --home-dir /app --shell /usr/sbin/nologin courtside
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
# The files stay root's and read-only: the service writes nothing but temporary files under /tmp.
USER 10001:10001
# Each service reads only its own pair of ports; health, metrics, OpenAPI and operations are on the management port,
# on loopback inside the container, where HEALTHCHECK runs.
ENV COURTSIDE_SERVICE=${SERVICE} \
    STATS_PORT=8080 \
    STATS_MANAGEMENT_PORT=9080 \
    AGGREGATION_PORT=8081 \
    AGGREGATION_MANAGEMENT_PORT=9081
# Two malloc arenas, not glibc's 8 per core: each thread's arena keeps its pages resident (see ServiceProcess).
ENV MALLOC_ARENA_MAX=2
EXPOSE ${PORT}
# Readiness answers DEGRADED with HTTP 200 while the service can still answer, so only what it cannot do without makes
# the container unhealthy. stats-service: PostgreSQL and Kafka, and a Kafka outage is DEGRADED (writes wait in the
# outbox), so only PostgreSQL down. aggregation-service: Redis and Kafka, either one down is DEGRADED (averages come
# from PostgreSQL, or a little stale).
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=3 \
    CMD port="${STATS_MANAGEMENT_PORT}"; \
        [ "${COURTSIDE_SERVICE}" = aggregation-service ] && port="${AGGREGATION_MANAGEMENT_PORT}"; \
        curl -fsS -o /dev/null "http://127.0.0.1:${port}/actuator/health/readiness" || exit 1
# Heap: 25% of the container's memory limit (not the host's), leaving room for metaspace, code and buffers under
# 512 MB resident at the 768 MB of docker-compose.yml. G1 rather than the serial collector the JVM would pick in so
# small a container, which kept more memory resident in the bench. An OutOfMemoryError ends the JVM, and so the
# container, instead of leaving it limping on. The bean definitions come from Spring AOT (process-aot at build time),
# which takes about a second off each start. More JVM options: JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=25", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-Dspring.aot.enabled=true", \
    "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", \
    "org.springframework.boot.loader.launch.JarLauncher"]
