/**
 * The kiosk ⇄ central platform wire protocol: message types and their JSON codec.
 *
 * <p>Not built yet: the sync issue builds it and writes it down in docs/sync-protocol.md.
 */
package org.jinban.sync.protocol;
