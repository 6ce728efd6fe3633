"""Stand-in for ROS 2's ``launch_ros`` package (see the ``launch`` stand-in)."""
