#!/bin/sh
# jcstress tests of io.sabot.sched.WorkStealingDeque (push/pop/steal races; no element lost or taken twice).
#   morsel-scheduler/jcstress/run.sh            quick mode, C2 only (one JVM config per test), ~30 s
#   morsel-scheduler/jcstress/run.sh -m quick  all 14 JVM flag configurations (interpreter, C1, C2, split), ~2 min
#   morsel-scheduler/jcstress/run.sh -m default longer, more interleavings
# Compiles the deque plus the tests with jcstress's annotation processor into target/, then runs them; exits
# non-zero when any test reports a FORBIDDEN outcome. Kept outside the Maven reactor; the morsel-scheduler module's verify phase runs it (skip with -Djcstress.skip=true).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/bin/find-jdk25.sh"
out="$here/target"
mkdir -p "$out/classes"
"$root/mvnw" -B -q -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" >&2
cp=$(cat "$out/classpath.txt")
"$JAVA_HOME/bin/javac" -d "$out/classes" -cp "$cp" -processorpath "$cp" \
  "$root/morsel-scheduler/src/main/java/io/sabot/sched/WorkStealingDeque.java" \
  "$here"/src/io/sabot/sched/jcstress/*.java
mode="${*:--m quick -jvmArgs -XX:-TieredCompilation}"
cd "$out"
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -cp "$out/classes:$cp" org.openjdk.jcstress.Main $mode -t 'io.sabot.sched.jcstress'
