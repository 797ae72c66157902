/**
 * The reference central platform used by the demo, the tests and the fleet simulator.
 *
 * <p>Not built yet: the sync issue builds it.
 */
package org.jinban.sync.hub;
