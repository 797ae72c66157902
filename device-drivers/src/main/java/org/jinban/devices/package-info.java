/**
 * Device drivers of the kiosk: QR scanner, resident-ID-card reader, receipt printer and
 * GPIO panel, each behind a small interface with a byte-faithful simulator.
 *
 * <p>Not built yet: the device issue builds them. Until then the kiosk runs without devices
 * and reports none; nothing here pretends to drive hardware.
 */
package org.jinban.devices;
