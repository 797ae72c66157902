/**
 * The reference central platform: a Jetty 12 WebSocket server at {@code /sync/v1} speaking
 * docs/sync-protocol.md to kiosks, its own SQLite store, and a loopback JSON admin API at
 * {@code /admin/v1} that stands in for the real platform's case handling. The demo, the tests
 * and the fleet simulator run against it.
 */
package org.jinban.sync.hub;
