"""launch_ros.actions.Node with the keyword arguments launch_ros and ExecuteProcess accept."""

from launch import Action

# ExecuteProcess keywords a Node passes on; any other keyword is a TypeError, as in launch_ros.
_EXECUTE_PROCESS_KEYWORDS = {
    'output', 'emulate_tty', 'respawn', 'respawn_delay', 'prefix', 'additional_env', 'env', 'cwd',
    'sigterm_timeout', 'sigkill_timeout', 'shell', 'log_cmd', 'on_exit', 'cached_output',
}


class Node(Action):
    """A ROS node process: package, executable and the ROS arguments launch_ros would pass."""

    def __init__(self, *, executable, package=None, name=None, namespace=None, exec_name=None,
                 parameters=None, remappings=None, ros_arguments=None, arguments=None, condition=None,
                 **kwargs):
        unknown = set(kwargs) - _EXECUTE_PROCESS_KEYWORDS
        if unknown:
            raise TypeError(f'Node() got unexpected keyword arguments {sorted(unknown)}')
        super().__init__(condition=condition)
        self.package = package
        self.executable = executable
        self.name = name
        self.namespace = namespace
        self.exec_name = exec_name
        self.parameters = list(parameters or [])
        self.remappings = list(remappings or [])
        self.ros_arguments = list(ros_arguments or [])
        self.arguments = list(arguments or [])
        self.process_options = kwargs
