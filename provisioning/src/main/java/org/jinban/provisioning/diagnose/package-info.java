/**
 * {@code jinban-provision diagnose}: one archive for a support ticket. Independent collectors
 * (versions, configuration, logs, devices, the kiosk service and its sync, the database) each
 * write their part or the reason they could not; the configuration is redacted, the secret
 * files are described but never read into the archive, the logs go through a personal-data
 * scrubber, and the database is opened read-only.
 */
package org.jinban.provisioning.diagnose;
