"""The cpo-node node alone on a physical robot, next to the robot's own bringup.

Start the base first (e.g. `ros2 launch turtlebot3_bringup robot.launch.py`, or the TurtleBot4/Create 3
bringup), then:

    ros2 launch cpo_node robot.launch.py params_file:=$(ros2 pkg prefix cpo_node)/share/cpo_node/config/turtlebot3.yaml

The topic arguments remap the node's relative topic names (cmd_vel, odom, scan, imu), e.g.
cmd_vel_topic:=cmd_vel_cpo to put a twist_mux between the node and the base.
"""

from launch import LaunchDescription
from launch.actions import DeclareLaunchArgument
from launch.conditions import IfCondition
from launch.substitutions import LaunchConfiguration, PathJoinSubstitution
from launch_ros.actions import Node
from launch_ros.parameter_descriptions import ParameterValue
from launch_ros.substitutions import FindPackageShare

PACKAGE = 'cpo_node'

# Launch argument -> the node's topic name it remaps (the defaults of config/robot.yaml).
TOPIC_ARGUMENTS = {
    'cmd_vel_topic': 'cmd_vel',
    'odom_topic': 'odom',
    'scan_topic': 'scan',
    'imu_topic': 'imu',
}


def generate_launch_description():
    params_file = LaunchConfiguration('params_file')
    namespace = LaunchConfiguration('namespace')

    arguments = [
        DeclareLaunchArgument(
            'params_file', default_value=PathJoinSubstitution([FindPackageShare(PACKAGE), 'config', 'robot.yaml']),
            description='parameters file: config/robot.yaml, turtlebot3.yaml, turtlebot4.yaml or your own'),
        DeclareLaunchArgument('learning', default_value='false', description='learn online with CPO (true/false)'),
        DeclareLaunchArgument('policy', default_value='', description='policy checkpoint to load (empty: fresh)'),
        DeclareLaunchArgument('namespace', default_value='', description='ROS namespace of the robot'),
        DeclareLaunchArgument('rviz', default_value='false', description='start RViz 2 with config/cpo_node.rviz'),
    ] + [
        DeclareLaunchArgument(argument, default_value=topic, description=f'topic the node uses as "{topic}"')
        for argument, topic in TOPIC_ARGUMENTS.items()
    ]

    cpo_node = Node(
        package=PACKAGE,
        executable='cpo_node',
        name='cpo_node',
        namespace=namespace,
        parameters=[params_file, {
            'use_sim_time': False,
            'learning': ParameterValue(LaunchConfiguration('learning'), value_type=bool),
            'policy': ParameterValue(LaunchConfiguration('policy'), value_type=str),
        }],
        remappings=[(topic, LaunchConfiguration(argument)) for argument, topic in TOPIC_ARGUMENTS.items()],
        output='screen')

    rviz2 = Node(
        package='rviz2',
        executable='rviz2',
        namespace=namespace,
        arguments=['-d', PathJoinSubstitution([FindPackageShare(PACKAGE), 'config', 'cpo_node.rviz'])],
        condition=IfCondition(LaunchConfiguration('rviz')),
        output='screen')

    return LaunchDescription(arguments + [cpo_node, rviz2])
