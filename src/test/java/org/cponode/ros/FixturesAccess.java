package org.cponode.ros;

import org.cponode.ros.msg.MessageType;

/** Gives tests in sub-packages the shared fixtures. */
public final class FixturesAccess {

    private FixturesAccess() {}

    /** See {@link Fixtures#sample}. */
    public static Object sample(MessageType<?> type, int s) {
        return Fixtures.sample(type, s);
    }

    /** See {@link Fixtures#assertDeepEquals}. */
    public static void assertDeepEquals(Object expected, Object actual) {
        Fixtures.assertDeepEquals(expected, actual);
    }
}
