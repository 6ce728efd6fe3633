"""Actions used by cpo_node's launch files."""

from launch import Action


class DeclareLaunchArgument(Action):
    """A launch argument with an optional default."""

    def __init__(self, name, *, default_value=None, description=None, choices=None, **kwargs):
        super().__init__(**kwargs)
        self.name = name
        self.default_value = default_value
        self.description = description
        self.choices = choices


class IncludeLaunchDescription(Action):
    """Includes another launch file with arguments (dict items or (name, value) pairs)."""

    def __init__(self, launch_description_source, *, launch_arguments=None, **kwargs):
        super().__init__(**kwargs)
        self.launch_description_source = launch_description_source
        self.launch_arguments = list(launch_arguments or [])
