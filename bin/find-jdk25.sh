# Sourced by ./mvnw, ./sabot and .ci/run: exports JAVA_HOME pointing at a JDK 25 or fails with a clear message.
# Order: an existing JAVA_HOME that is 25, then the usual install locations, then `java` on PATH.
sabot_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p'
}
sabot_find_jdk25() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(sabot_java_major "$JAVA_HOME")" = "25" ]; then
    return 0
  fi
  sabot_noglob=$(case $- in *f*) echo 1;; esac); set +f  # mvnw runs with set -f
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25* /usr/lib/jvm/jdk-25* /usr/lib/jvm/java-25* \
                   /opt/java/jdk-25* /opt/jdk-25* "$HOME"/.sdkman/candidates/java/25* "$HOME"/.jdks/*25*; do
    if [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] && [ "$(sabot_java_major "$candidate")" = "25" ]; then
      JAVA_HOME="$candidate"; export JAVA_HOME; [ -n "$sabot_noglob" ] && set -f; return 0
    fi
  done
  [ -n "$sabot_noglob" ] && set -f
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if [ "$(sabot_java_major "$candidate")" = "25" ]; then JAVA_HOME="$candidate"; export JAVA_HOME; return 0; fi
  fi
  echo "Sabot needs a JDK 25 (found none: JAVA_HOME='${JAVA_HOME:-}' is not 25, and nothing under /usr/lib/jvm, /opt or ~/.sdkman is)." >&2
  echo "Install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
  return 1
}
sabot_find_jdk25 || exit 1
