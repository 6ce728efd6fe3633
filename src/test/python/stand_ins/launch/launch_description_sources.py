"""Launch description sources used by cpo_node's launch files."""


class PythonLaunchDescriptionSource:
    """A Python launch file, by path (str or substitutions); the check records it, not loads it."""

    def __init__(self, launch_file_path):
        self.location = launch_file_path
