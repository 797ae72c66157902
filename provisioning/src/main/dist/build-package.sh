#!/usr/bin/env bash
# Builds the Jinban Debian package and tarball from a built reactor (mvn package):
#
#   build-package.sh --version 0.1.0-SNAPSHOT --out DIR [--repo REPO_ROOT]
#
# writes DIR/jinban_<debian version>_all.deb and DIR/jinban-<version>.tar.gz and prints their
# paths, one a line. The Debian version is the Maven one with '~' for its first '-'
# (0.1.0-SNAPSHOT -> 0.1.0~SNAPSHOT, which sorts before 0.1.0). './run package' calls this;
# so does PackageIT, on the same jars.
#
# What goes in: kiosk/target/jinban-kiosk.jar and provisioning/target/jinban-provision.jar
# with both libs/ folders (one lib/libs/ in the package: the same artifacts), the page
# (ui-web/src/main/web, less the device simulator's panel), kiosk/jvm.options, and this
# folder's etc/, usr/ and DEBIAN/ (the layout of docs/operations.md).
set -euo pipefail

die() { echo "build-package: $*" >&2; exit 1; }

here=$(cd "$(dirname "$0")" && pwd -P)
repo=$(cd "$here/../../../.." && pwd -P)
version="" out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --version) version=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --repo) repo=$(cd "$2" && pwd -P); shift 2 ;;
    *) die "unknown argument '$1' (usage: build-package.sh --version V --out DIR [--repo DIR])" ;;
  esac
done
[[ -n "$version" ]] || die "--version is required (the POM's version)"
[[ -n "$out" ]] || die "--out is required"
[[ "$version" =~ ^[0-9][0-9A-Za-z.+-]*$ ]] || die "'$version' cannot be a package version"
command -v dpkg-deb >/dev/null 2>&1 \
  || die "dpkg-deb is needed to build the .deb (Debian's 'dpkg' package: sudo apt-get install dpkg)"

MAINTAINER=${JINBAN_MAINTAINER:-"Jinban maintainers <maintainers@jinban.org>"}
deb_version=${version/-/\~}
kiosk=$repo/kiosk/target
provision=$repo/provisioning/target
web=$repo/ui-web/src/main/web
for f in "$kiosk/jinban-kiosk.jar" "$kiosk/libs" "$provision/jinban-provision.jar" "$provision/libs" \
         "$web/index.html" "$repo/kiosk/jvm.options"; do
  [[ -e "$f" ]] || die "missing $f: build first (mvn -pl provisioning -am package)"
done
[[ -f "$web/offline.html" ]] || echo "build-package: warning: $web/offline.html is missing; the screen session opens it first" >&2

mkdir -p "$out"
out=$(cd "$out" && pwd -P)
stage=$(mktemp -d "$out/.stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT

# The program files, shared by both outputs: $1 gets lib/, web/ and jvm.options.
program_files() {
  local home=$1
  mkdir -p "$home/lib/libs" "$home/web"
  cp "$kiosk/jinban-kiosk.jar" "$provision/jinban-provision.jar" "$here/usr/share/jinban/lib/find-java.sh" "$home/lib/"
  # The same file name is the same artifact in both: the reactor resolves one version.
  cp "$kiosk"/libs/*.jar "$home/lib/libs/"
  cp "$provision"/libs/*.jar "$home/lib/libs/"
  cp -R "$web/." "$home/web/"
  rm -f "$home/web/simulator.html" "$home/web/js/simulator.js"
  cp "$repo/kiosk/jvm.options" "$home/jvm.options"
}

# Modes that do not depend on the builder's umask: 0755 directories and programs, 0644 the
# rest; then the exceptions.
normalize_modes() {
  find "$1" -type d -exec chmod 0755 {} +
  find "$1" -type f -exec chmod 0644 {} +
}

# --- the Debian package -------------------------------------------------------------------
deb=$stage/deb
mkdir -p "$deb"
cp -R "$here/etc" "$here/usr" "$deb/"
program_files "$deb/usr/share/jinban"
mkdir -p "$deb/usr/share/doc/jinban"
cp "$repo/docs/operations.md" "$repo/docs/devices.md" "$deb/usr/share/doc/jinban/"
normalize_modes "$deb"
chmod 0755 "$deb/usr/bin/jinban-provision" "$deb/usr/lib/jinban/jinban-kiosk" "$deb/usr/lib/jinban/jinban-screen"
chmod 0640 "$deb/etc/jinban/kiosk.yaml"

installed_size=$(du -sk "$deb" | cut -f1)
mkdir -p "$deb/DEBIAN"
cp "$here/DEBIAN/postinst" "$here/DEBIAN/prerm" "$here/DEBIAN/postrm" "$deb/DEBIAN/"
chmod 0755 "$deb/DEBIAN/postinst" "$deb/DEBIAN/prerm" "$deb/DEBIAN/postrm"
# Every file under /etc is the technician's to change: dpkg keeps their edits on upgrade.
(cd "$deb" && find etc -type f | sort | sed 's|^|/|') > "$deb/DEBIAN/conffiles"
cat > "$deb/DEBIAN/control" <<CONTROL
Package: jinban
Version: $deb_version
Architecture: all
Maintainer: $MAINTAINER
Installed-Size: $installed_size
Depends: adduser, openjdk-21-jre-headless | java21-runtime-headless
Recommends: chromium, cage, logrotate
Section: misc
Priority: optional
Homepage: https://jinban.org/
Description: Jinban community service kiosk (就近办)
 The software of a self-service kiosk in a community service station: residents
 find the services they can handle nearby, file appeals and get a printed
 receipt, follow them by QR code or ID card, and rate the result.
 .
 This package installs the kiosk service (jinban-kiosk.service, run as the
 user jinban, watched by systemd's watchdog), the screen session
 (jinban-screen.service: Chromium in kiosk mode inside cage), the
 technician's CLI jinban-provision, udev rules for the scanner, ID card
 reader and receipt printer, and log rotation. The kiosk starts once it is
 enrolled with 'jinban-provision enroll'.
CONTROL
chmod 0644 "$deb/DEBIAN/control" "$deb/DEBIAN/conffiles"
deb_file=$out/jinban_${deb_version}_all.deb
# The jars are compressed already: gzip at its fastest costs little and any dpkg reads it.
dpkg-deb --root-owner-group -Zgzip -z1 --build "$deb" "$deb_file" >/dev/null

# --- the tarball --------------------------------------------------------------------------
name=jinban-$version
tar_root=$stage/tar/$name
mkdir -p "$tar_root/bin" "$tar_root/etc/jinban" "$tar_root/contrib"
program_files "$tar_root"
cp "$here/usr/bin/jinban-provision" "$here/usr/lib/jinban/jinban-kiosk" "$here/usr/lib/jinban/jinban-screen" "$tar_root/bin/"
cp "$here/etc/jinban/kiosk.yaml" "$here/etc/jinban/logback.xml" "$tar_root/etc/jinban/"
cp -R "$here/usr/lib/systemd" "$here/usr/lib/udev" "$here/etc/logrotate.d" "$here/etc/pam.d" "$tar_root/contrib/"
cp "$here/tarball/INSTALL.md" "$tar_root/INSTALL.md"
cp "$repo/docs/operations.md" "$repo/docs/devices.md" "$tar_root/"
normalize_modes "$tar_root"
chmod 0755 "$tar_root"/bin/*
tar_file=$out/$name.tar.gz
tar --owner=0 --group=0 --numeric-owner --sort=name -C "$stage/tar" -czf "$tar_file" "$name"

echo "$deb_file"
echo "$tar_file"
