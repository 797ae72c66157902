/**
 * {@code jinban-provision selftest}: the technician's round of the kiosk's devices, the hub
 * connection and the clock. {@link org.jinban.provisioning.selftest.SelftestCommand} wires; the
 * devices are opened by {@code Rig} as the kiosk service opens them; each check is a
 * {@code Step}; the person at the kiosk is an {@code Operator} (the console, nobody, or a
 * simulated one on simulated devices only).
 */
package org.jinban.provisioning.selftest;
