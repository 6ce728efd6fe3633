"""Gazebo (gz-sim Harmonic) simulation of the cpo-node circle task.

Starts Gazebo with worlds/cpo_circle.sdf, robot_state_publisher with urdf/cpo_bot.urdf, spawns the
robot, bridges its topics with ros_gz_bridge (config/gz_bridge.yaml) and runs the Java node with
use_sim_time. Example:

    ros2 launch cpo_node sim.launch.py learning:=true rviz:=true
"""

import os

from ament_index_python.packages import get_package_share_directory
from launch import LaunchDescription
from launch.actions import DeclareLaunchArgument, IncludeLaunchDescription
from launch.conditions import IfCondition
from launch.launch_description_sources import PythonLaunchDescriptionSource
from launch.substitutions import LaunchConfiguration, PathJoinSubstitution, PythonExpression
from launch_ros.actions import Node
from launch_ros.parameter_descriptions import ParameterValue
from launch_ros.substitutions import FindPackageShare

PACKAGE = 'cpo_node'
ROBOT_NAME = 'cpo_bot'


def generate_launch_description():
    share = get_package_share_directory(PACKAGE)
    # robot_state_publisher and the spawner take the plain URDF text (no xacro needed).
    with open(os.path.join(share, 'urdf', 'cpo_bot.urdf'), encoding='utf-8') as urdf:
        robot_description = urdf.read()

    world = LaunchConfiguration('world')
    namespace = LaunchConfiguration('namespace')
    params_file = LaunchConfiguration('params_file')
    learning = LaunchConfiguration('learning')
    policy = LaunchConfiguration('policy')
    gui = LaunchConfiguration('gui')
    rviz = LaunchConfiguration('rviz')

    arguments = [
        DeclareLaunchArgument(
            'world', default_value=PathJoinSubstitution([FindPackageShare(PACKAGE), 'worlds', 'cpo_circle.sdf']),
            description='Gazebo world (SDF) to load'),
        DeclareLaunchArgument('x', default_value='0.0', description='spawn x in the world, m'),
        DeclareLaunchArgument('y', default_value='0.0', description='spawn y in the world, m'),
        DeclareLaunchArgument('yaw', default_value='0.0', description='spawn heading, rad'),
        DeclareLaunchArgument(
            'params_file', default_value=PathJoinSubstitution([FindPackageShare(PACKAGE), 'config', 'sim.yaml']),
            description='parameters file of the cpo-node node'),
        DeclareLaunchArgument('learning', default_value='false', description='learn online with CPO (true/false)'),
        DeclareLaunchArgument('policy', default_value='', description='policy checkpoint to load (empty: fresh)'),
        DeclareLaunchArgument('namespace', default_value='', description='ROS namespace of the robot'),
        DeclareLaunchArgument('gui', default_value='true', description='start the Gazebo GUI (false: server only)'),
        DeclareLaunchArgument('rviz', default_value='false', description='start RViz 2 with config/cpo_node.rviz'),
    ]

    # -r runs the simulation at once; -s starts the server alone (headless training).
    gz_args = PythonExpression(["'-r -v 2 ' + ('' if '", gui, "' == 'true' else '-s ') + '", world, "'"])
    gazebo = IncludeLaunchDescription(
        PythonLaunchDescriptionSource(
            PathJoinSubstitution([FindPackageShare('ros_gz_sim'), 'launch', 'gz_sim.launch.py'])),
        launch_arguments={'gz_args': gz_args, 'on_exit_shutdown': 'true'}.items())

    robot_state_publisher = Node(
        package='robot_state_publisher',
        executable='robot_state_publisher',
        namespace=namespace,
        parameters=[{'robot_description': robot_description, 'use_sim_time': True}],
        output='screen')

    spawn = Node(
        package='ros_gz_sim',
        executable='create',
        namespace=namespace,
        arguments=['-topic', 'robot_description', '-name', ROBOT_NAME,
                   '-x', LaunchConfiguration('x'), '-y', LaunchConfiguration('y'), '-z', '0.01',
                   '-Y', LaunchConfiguration('yaw')],
        output='screen')

    bridge = Node(
        package='ros_gz_bridge',
        executable='parameter_bridge',
        namespace=namespace,
        parameters=[{
            'config_file': PathJoinSubstitution([FindPackageShare(PACKAGE), 'config', 'gz_bridge.yaml']),
            'use_sim_time': True,
        }],
        output='screen')

    cpo_node = Node(
        package=PACKAGE,
        executable='cpo_node',
        name='cpo_node',
        namespace=namespace,
        parameters=[params_file, {
            'use_sim_time': True,
            'learning': ParameterValue(learning, value_type=bool),
            'policy': ParameterValue(policy, value_type=str),
        }],
        output='screen')

    rviz2 = Node(
        package='rviz2',
        executable='rviz2',
        namespace=namespace,
        arguments=['-d', PathJoinSubstitution([FindPackageShare(PACKAGE), 'config', 'cpo_node.rviz'])],
        parameters=[{'use_sim_time': True}],
        condition=IfCondition(rviz),
        output='screen')

    return LaunchDescription(arguments + [gazebo, robot_state_publisher, spawn, bridge, cpo_node, rviz2])
