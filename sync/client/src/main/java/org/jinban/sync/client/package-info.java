/**
 * The kiosk side of sync: reads the outbox, sends it over WebSocket, applies downstream changes.
 *
 * <p>Not built yet: the sync issue builds it. Until then the kiosk works offline only.
 */
package org.jinban.sync.client;
