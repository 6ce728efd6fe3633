package org.cponode.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DiffDriveObservationTest {

    private static final CircleGeometry ROOM = CircleGeometry.ROOM;
    private static final DiffDriveModel BURGER = DiffDriveModel.BURGER;

    @Test
    void layoutOnTheCircleDrivingCounterClockwise() {
        double[] out = new double[12];
        // At (0, 1.5) heading -x (yaw = pi), at full speed, turning at half the limit
        DiffDriveObservation.write(ROOM, BURGER, 0.0, 1.5, Math.PI, 0.22, 1.42, out, 2);
        assertEquals(0.0, out[2 + DiffDriveObservation.X_OVER_RADIUS], 1e-15);
        assertEquals(1.0, out[2 + DiffDriveObservation.Y_OVER_RADIUS], 1e-15);
        assertEquals(0.0, out[2 + DiffDriveObservation.RADIAL_ERROR], 1e-15);
        assertEquals(-1.0, out[2 + DiffDriveObservation.CORRIDOR_MARGIN], 1e-15);
        assertEquals(-1.0, out[2 + DiffDriveObservation.COS_YAW], 1e-15);
        assertEquals(0.0, out[2 + DiffDriveObservation.SIN_YAW], 1e-15);
        assertEquals(1.0, out[2 + DiffDriveObservation.TANGENTIAL_HEADING], 1e-15);
        assertEquals(0.0, out[2 + DiffDriveObservation.RADIAL_HEADING], 1e-15);
        assertEquals(1.0, out[2 + DiffDriveObservation.LINEAR_VELOCITY], 1e-15);
        assertEquals(0.5, out[2 + DiffDriveObservation.ANGULAR_VELOCITY], 1e-15);
        assertEquals(0.0, out[0]);
        assertEquals(0.0, out[1]);
    }

    @Test
    void layoutOutsideTheCorridorHeadingOutwards() {
        double[] out = new double[DiffDriveObservation.SIZE];
        // At (0.75, 0): r = 0.75 = d / 2, |x| = 1.5 x_lim; heading +x is straight away from the origin
        DiffDriveObservation.write(ROOM, BURGER, 0.75, 0.0, 0.0, -0.11, 0.0, out, 0);
        assertEquals(0.5, out[DiffDriveObservation.X_OVER_RADIUS], 1e-15);
        assertEquals(-0.5, out[DiffDriveObservation.RADIAL_ERROR], 1e-15);
        assertEquals(0.5, out[DiffDriveObservation.CORRIDOR_MARGIN], 1e-15);
        assertEquals(0.0, out[DiffDriveObservation.TANGENTIAL_HEADING], 1e-15);
        assertEquals(1.0, out[DiffDriveObservation.RADIAL_HEADING], 1e-15);
        assertEquals(-0.5, out[DiffDriveObservation.LINEAR_VELOCITY], 1e-15);
        // The margin's sign is the cost
        assertEquals(1.0, ROOM.cost(0.75));
    }

    @Test
    void atTheOriginHeadingProjectionsAreZero() {
        double[] out = new double[DiffDriveObservation.SIZE];
        DiffDriveObservation.write(ROOM, BURGER, 0.0, 0.0, 1.0, 0.0, 0.0, out, 0);
        assertEquals(0.0, out[DiffDriveObservation.TANGENTIAL_HEADING]);
        assertEquals(0.0, out[DiffDriveObservation.RADIAL_HEADING]);
        assertEquals(-1.0, out[DiffDriveObservation.RADIAL_ERROR]);
    }

    @Test
    void yawWrapDoesNotChangeTheObservation() {
        double[] a = new double[DiffDriveObservation.SIZE];
        double[] b = new double[DiffDriveObservation.SIZE];
        DiffDriveObservation.write(ROOM, BURGER, 0.4, -1.1, 3.0, 0.1, -0.3, a, 0);
        DiffDriveObservation.write(ROOM, BURGER, 0.4, -1.1, 3.0 - 2 * Math.PI, 0.1, -0.3, b, 0);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-12, "entry " + i);
        }
    }

    @Test
    void badOdometryOrBufferIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> DiffDriveObservation.write(ROOM, BURGER, Double.NaN, 0, 0, 0, 0, new double[10], 0));
        assertThrows(IllegalArgumentException.class,
                () -> DiffDriveObservation.write(ROOM, BURGER, 0, 0, 0, 0, 0, new double[10], 1));
        assertThrows(IllegalArgumentException.class,
                () -> DiffDriveObservation.write(ROOM, BURGER, 0, 0, 0, 0, 0, new double[10], -1));
    }
}
