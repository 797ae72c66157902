/**
 * Device drivers of the kiosk, each behind a small interface with a simulator that speaks the
 * same bytes: {@code scanner} (USB CDC serial lines, camera frames with ZXing), {@code idcard}
 * (GA/T 467 SAM frames over serial), {@code gpio} (LEDs, buzzer, presence, help button with
 * Pi4J) and {@code printer} (ESC/POS to a device file, a serial port or TCP 9100, with a PNG
 * preview from the same layout).
 *
 * <p>A driver knows nothing of appeals; it reports what happened and its {@link
 * org.jinban.devices.DeviceStatus}.
 */
package org.jinban.devices;
