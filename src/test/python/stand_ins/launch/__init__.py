"""Stand-in for ROS 2's ``launch`` package, used to check cpo_node's launch files where ROS is not installed.

Only the API those launch files use exists here, with the real signatures; anything else fails to import
or raises TypeError, which is what the check wants to find. Substitutions are performed against a
LaunchContext that holds the launch configurations (argument values), as in the real launch.
"""


class LaunchContext:
    """Launch configurations (argument name -> value) of one evaluation."""

    def __init__(self, launch_configurations=None):
        self.launch_configurations = dict(launch_configurations or {})


class Substitution:
    """Base of substitutions: perform(context) returns the text."""

    def perform(self, context):
        raise NotImplementedError(type(self).__name__ + ' must implement perform()')


class Action:
    """Base of actions: every action takes an optional condition, as launch.Action does."""

    def __init__(self, *, condition=None):
        self.condition = condition


class LaunchDescription:
    """An ordered list of actions."""

    def __init__(self, initial_entities=None):
        self.entities = list(initial_entities or [])
