#!/usr/bin/env bash
# Installs Boreal from this checkout into a local repository of its own (so nothing in ~/.m2 is replaced),
# then builds this example against the installed artifacts, as a service would, and runs it.
# Needs only a JDK (17+) and Maven; prints the example's output, ending "OK: ..." on success.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
repo="${BOREAL_EXAMPLES_REPO:-$root/.m2-examples}"

(cd "$root" && mvn -B -q install -DskipTests -DskipBench -Dmaven.javadoc.skip=true -Dmaven.repo.local="$repo")
(cd "$here" && mvn -B -q package -Dmaven.repo.local="$repo")
# Arrow (Boreal.read) needs this flag on Java 17; scoring double[] rows alone would not.
java --add-opens=java.base/java.nio=ALL-UNNAMED \
  -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" example.ScoringService
