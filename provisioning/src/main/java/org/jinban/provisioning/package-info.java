/**
 * The technician's command line: enroll, self-test, diagnose, install, factory reset.
 *
 * <p>Not built yet: the provisioning issue builds it.
 */
package org.jinban.provisioning;
