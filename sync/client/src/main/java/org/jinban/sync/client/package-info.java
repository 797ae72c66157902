/**
 * The kiosk side of sync (docs/sync-protocol.md): {@link org.jinban.sync.client.SyncClient}
 * reads the kiosk's {@link org.jinban.sync.client.Outbox}, pushes it to the hub over one
 * WebSocket, and hands downstream items to the kiosk's {@link org.jinban.sync.client.StreamHandler}.
 * It knows the protocol's order and acknowledgements, never what a record means.
 */
package org.jinban.sync.client;
