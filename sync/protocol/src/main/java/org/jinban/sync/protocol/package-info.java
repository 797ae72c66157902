/**
 * The kiosk ⇄ central platform wire protocol of docs/sync-protocol.md: one immutable record per
 * message type ({@link org.jinban.sync.protocol.Message}), the JSON {@link org.jinban.sync.protocol.Codec}
 * that turns frames into them and back and refuses anything the contract does not allow, and the
 * Ed25519 {@link org.jinban.sync.protocol.CommandSignature} of remote commands.
 *
 * <p>Both the kiosk's sync client and the reference hub build on this module and on nothing
 * else of each other, so the two cannot drift apart from the written contract unnoticed.
 */
package org.jinban.sync.protocol;
