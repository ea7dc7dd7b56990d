#!/usr/bin/env bash
# Runs courtside on this machine with nothing but JDK 25: PostgreSQL, Kafka (KRaft) and Redis started from
# Maven artifacts on ports 15432, 19092 and 16379 (data kept in .courtside/data), then stats-service on
# $STATS_PORT (8080) and aggregation-service on $AGGREGATION_PORT (8081), their health, metrics, OpenAPI and
# operations on 127.0.0.1:$STATS_MANAGEMENT_PORT (9080) and :$AGGREGATION_MANAGEMENT_PORT (9081). Writes are anonymous
# unless STATS_API_KEY is set (the banner says which). A service that dies is started again after 1 s, 2 s, 4 s...
# (at most 30 s) while the rest keeps running. Ctrl-C or SIGTERM stops the services, then the servers.
#
#   ./run-local.sh                  build what changed, then run
#   ./run-local.sh --clean          start from an empty database and topic
#   ./run-local.sh --sample-season  then post the bundled 2021-22 season (about 26,000 lines) through stats-service
#
# Further options (--data-dir DIR, --postgres-port N, --kafka-port N, --redis-port N) go to the launcher.
set -euo pipefail
cd "$(dirname "$0")"

if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
major=$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
if [ "${major%%.*}" -lt 25 ] 2>/dev/null; then
  echo "courtside needs JDK 25 or newer; $java is $major. Set JAVA_HOME to a JDK 25." >&2
  exit 1
fi

./mvnw -B -q -ntp -DskipTests package

jar_of() { ls "$1"/target/"$1"-*-exec.jar | head -n 1; }

# --sample-season: the launcher replays the season with the bench client once the services are ready.
args=()
for arg in "$@"; do
  if [ "$arg" = "--sample-season" ]; then
    args+=(--replay "$(jar_of bench)")
  else
    args+=("$arg")
  fi
done

# exec: the launcher itself receives Ctrl-C and SIGTERM and stops everything it started.
# The in-process Kafka broker uses sun.misc.Unsafe and native access, which JDK 25 warns about.
exec "$java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -jar "$(jar_of embedded-stack)" \
  --service "stats-service=$(jar_of stats-service):${STATS_PORT:-8080}:${STATS_MANAGEMENT_PORT:-9080}" \
  --service "aggregation-service=$(jar_of aggregation-service):${AGGREGATION_PORT:-8081}:${AGGREGATION_MANAGEMENT_PORT:-9081}" \
  ${args[@]+"${args[@]}"}
