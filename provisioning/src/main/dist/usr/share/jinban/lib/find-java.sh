# Sourced by the Jinban launchers (POSIX sh). Sets JAVA to a java of version 21 or newer:
# $JAVA_HOME first, then the runtimes under /usr/lib/jvm and /opt/java (newest first), then
# the java on the PATH. Says what to install and exits 1 when there is none.

# The feature version of the Java home $1 ("" if none): from its release file, which every
# OpenJDK build has, so that a start does not pay for an extra JVM; else by asking java.
jinban_java_version() {
    [ -x "$1/bin/java" ] || return 0
    if [ -r "$1/release" ]; then
        sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$1/release" | head -n 1
    else
        "$1/bin/java" -XshowSettings:properties -version 2>&1 \
            | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
    fi
}

jinban_find_java() {
    if [ -n "${JAVA_HOME:-}" ]; then
        v=$(jinban_java_version "$JAVA_HOME")
        if [ -n "$v" ] && [ "$v" -ge 21 ]; then
            JAVA="$JAVA_HOME/bin/java"
            return 0
        fi
    fi
    best="" best_v=0
    for home in /usr/lib/jvm/* /opt/java/*; do
        [ -d "$home" ] && [ ! -L "$home" ] || continue
        v=$(jinban_java_version "$home")
        if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then
            best=$home best_v=$v
        fi
    done
    if [ -z "$best" ] && command -v java >/dev/null 2>&1; then
        home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
        v=$(jinban_java_version "$home")
        if [ -n "$v" ] && [ "$v" -ge 21 ]; then
            best=$home
        fi
    fi
    if [ -z "$best" ]; then
        echo "jinban: no Java 21 or newer found (looked at JAVA_HOME, /usr/lib/jvm, /opt/java, the PATH)." >&2
        echo "  Install one: 'sudo apt install openjdk-21-jre-headless' (Raspberry Pi OS / Debian 13)," >&2
        echo "  or Eclipse Temurin 21 on Debian 12 (docs/operations.md, section 1), or set JAVA_HOME." >&2
        exit 1
    fi
    JAVA="$best/bin/java"
}

# Where the jars and the page are: $JINBAN_HOME, else the unpacked tarball around the
# launcher (bin/../lib), else the Debian package's /usr/share/jinban.
jinban_find_home() {
    if [ -n "${JINBAN_HOME:-}" ]; then
        return 0
    fi
    here=$(dirname "$(readlink -f "$1")")
    if [ -f "$here/../lib/jinban-provision.jar" ]; then
        JINBAN_HOME=$(cd "$here/.." && pwd -P)
    else
        JINBAN_HOME=/usr/share/jinban
    fi
}
