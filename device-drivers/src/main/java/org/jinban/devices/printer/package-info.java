/**
 * The thermal receipt printer (ESC/POS, 80 mm, 576 dots): {@link org.jinban.devices.printer.Receipt}
 * is what to print, {@link org.jinban.devices.printer.ReceiptLayout} lays it out once for both the
 * ESC/POS bytes and the PNG preview, {@link org.jinban.devices.printer.ReceiptPrinter} drives a
 * printer over a {@link org.jinban.devices.printer.PrinterLink} (device file, serial, TCP 9100),
 * and {@link org.jinban.devices.printer.PrinterSimulator} is the printer end for tests and the demo.
 */
package org.jinban.devices.printer;
