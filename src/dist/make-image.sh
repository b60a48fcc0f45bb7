#!/usr/bin/env bash
# Builds the installable app image of `mvn -Pdist package`: a jlink runtime of the JDK and JavaFX modules (and
# ControlsFX, a named module), the app and its other libraries on the launcher's class path (automatic modules
# stay out of the image), the runtime's CDS archive for start-up, a launcher that adds the app's classes to it (AppCDS)
# at the first start; and a .deb where jpackage can.
# Arguments: the build directory (target), the app's jar, the main class, the version.
set -euo pipefail
target=$1 jar=$2 main=$3 version=$4
deps="$target/dist-deps"
image="$target/dist/socket-playground"
jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
if [ ! -d "$jdk/jmods" ]; then
  echo "make-image: $jdk has no jmods; on Debian: apt-get install openjdk-17-jmods" >&2
  exit 1
fi
rm -rf "$target/dist"
mkdir -p "$image/lib"

# The modules of the image: JavaFX's (the platform jars, with their native libraries) and ControlsFX.
modules=()
for j in "$deps"/javafx-*-linux.jar "$deps"/controlsfx-*.jar; do modules+=("$j"); done
modulepath="$jdk/jmods:$(IFS=:; echo "${modules[*]}")"
"$jdk/bin/jlink" --module-path "$modulepath" \
  --add-modules java.base,java.desktop,java.logging,java.prefs,java.net.http,jdk.unsupported,jdk.net,javafx.controls,javafx.fxml,org.controlsfx.controls \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$image/runtime"

# Everything else on the class path: the app and the libraries that are automatic modules or plain jars.
cp "$jar" "$image/lib/"
for j in "$deps"/*.jar; do
  case "$(basename "$j")" in
    javafx-*|controlsfx-*) ;;
    *) cp "$j" "$image/lib/" ;;
  esac
done

# Class data sharing: the runtime's default archive (lib/server/classes.jsa), which jlink leaves out, made here.
"$image/runtime/bin/java" -Xshare:dump >/dev/null

# The JVM's options, one file for the launcher, the .deb, mvn javafx:run and the benchmark.
cp "$(dirname "$0")/jvm.options" "$image/lib/jvm.options"

mkdir -p "$image/bin"
cat > "$image/bin/socket-playground" <<LAUNCHER
#!/usr/bin/env sh
# Starts Socket Playground on its own runtime: no Java or Maven needed on the machine.
# The first start archives the app's classes when it ends (AppCDS, in the user's cache: an install in /opt is not
# theirs to write); the next starts map them, about a second sooner. A stale or foreign archive is ignored.
here="\$(cd "\$(dirname "\$0")/.." && pwd)"
cache="\${XDG_CACHE_HOME:-\$HOME/.cache}/socket-playground"
# one archive per install and build: the path and the jars' sizes and times name it
archive="\$cache/app-\$({ echo "\$here"; ls -ln --time-style=+%s "\$here/lib"; } | cksum | cut -d' ' -f1).jsa"
if [ -f "\$archive" ]; then
  cds="-XX:SharedArchiveFile=\$archive"
elif mkdir -p "\$cache" 2>/dev/null && [ -w "\$cache" ]; then
  cds="-XX:ArchiveClassesAtExit=\$archive"
else
  cds=""
fi
exec "\$here/runtime/bin/java" @"\$here/lib/jvm.options" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off \$cds -cp "\$here/lib/*" $main "\$@"
LAUNCHER
chmod +x "$image/bin/socket-playground"
echo "make-image: $image/bin/socket-playground ($(du -sh "$image" | cut -f1))"

# A .deb, where jpackage can make one (it needs dpkg-deb and fakeroot).
if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null && [ -x "$jdk/bin/jpackage" ]; then
  "$jdk/bin/jpackage" --type deb --name socket-playground --app-version "${version%%-*}" \
    --runtime-image "$image/runtime" --input "$image/lib" --main-jar "$(basename "$jar")" --main-class "$main" \
    --java-options "$(grep -v '^#' "$image/lib/jvm.options" | tr '\n' ' ')" \
    --description "Real UDP and TCP sockets to click through, as Python makes them" \
    --linux-shortcut --linux-menu-group Education --dest "$target/dist" \
    && echo "make-image: $(ls "$target"/dist/*.deb)"
else
  echo "make-image: no .deb (jpackage needs dpkg-deb and fakeroot)"
fi
