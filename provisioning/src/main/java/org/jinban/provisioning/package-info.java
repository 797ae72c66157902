/**
 * The technician's command line, {@code jinban-provision}: enroll a kiosk with the central
 * platform, check its configuration, test every device, collect diagnostics, factory reset.
 * Each command is its own class, registered in {@link org.jinban.provisioning.ProvisionMain}.
 */
package org.jinban.provisioning;
