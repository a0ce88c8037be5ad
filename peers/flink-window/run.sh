#!/usr/bin/env bash
# Build and run the Flink 1.20 tumbling-window peer benchmark on JDK 17.
#   peers/flink-window/run.sh [--events N] [--warmup N] [--runs R] [--verify]
# Env: JAVA17 (JDK path, default /usr/lib/jvm/java-17-openjdk-amd64), HEAP (default 4g), SKIP_BUILD=1.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
JAVA17="${JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64}"
export JAVA_HOME="$JAVA17"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  if ! (cd "$ROOT" && ./mvnw -B -q -f peers/flink-window/pom.xml package -DskipTests); then
    echo "mvnw failed; falling back to mvn on PATH" >&2
    (cd "$ROOT" && mvn -B -q -f peers/flink-window/pom.xml package -DskipTests)
  fi
fi

# Flink's default JVM options for Java 17 (module opens/exports, as in Flink's config.yaml).
FLINK_JAVA17_OPTS=(
  --add-exports=java.base/sun.net.util=ALL-UNNAMED
  --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)

exec "$JAVA17/bin/java" -Xms"${HEAP:-4g}" -Xmx"${HEAP:-4g}" "${FLINK_JAVA17_OPTS[@]}" \
  -jar "$HERE/target/flink-window-peer.jar" "$@"
