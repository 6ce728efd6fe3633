/**
 * Validation of the ROS 2 workspace without ROS: colcon build of ros_ws, the installed launcher, the URDF
 * and world against the embedded model and task geometry, the parameter and bridge files, and the launch
 * files run against stand-in launch modules (src/test/python).
 */
package org.cponode.rosws;
