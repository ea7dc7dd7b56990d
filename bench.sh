#!/usr/bin/env bash
# The bench client (replay, verify, bench) with JDK 25, built first if needed.
#
#   ./bench.sh bench --start-stack        measure docs/design.md section 9 on embedded servers (target/bench-report.md)
#   ./bench.sh replay --corrections 0.05  post the bundled season into a running stack (./run-local.sh)
#   ./bench.sh verify                     compare every cached average with SQL
#   ./bench.sh help bench                 every option of a command
set -euo pipefail
cd "$(dirname "$0")"

if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

./mvnw -B -q -ntp -DskipTests package

# The in-process Kafka broker of --start-stack uses sun.misc.Unsafe and native access, which JDK 25 warns about.
exec "$java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -jar "$(ls bench/target/bench-*-exec.jar | head -n 1)" "$@"
