package org.jinban.sync.hub.cli;

/** Why a CLI command failed, with the exit code it ends with and a message in plain words. */
abstract sealed class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }

    abstract int exitCode();

    /** The hub answered with an error (problem+json or another non-2xx). */
    static final class Refused extends CliException {
        final int status;
        final String kind;

        Refused(int status, String kind, String message) {
            super(message);
            this.status = status;
            this.kind = kind;
        }

        @Override
        int exitCode() {
            return HubCli.EXIT_REFUSED;
        }
    }

    /** The hub could not be reached at all. */
    static final class Unreachable extends CliException {
        Unreachable(String message) {
            super(message);
        }

        @Override
        int exitCode() {
            return HubCli.EXIT_UNREACHABLE;
        }
    }

    /** The command itself is wrong (a bad option value, a file that cannot be read). */
    static final class Usage extends CliException {
        Usage(String message) {
            super(message);
        }

        @Override
        int exitCode() {
            return HubCli.EXIT_USAGE;
        }
    }
}
