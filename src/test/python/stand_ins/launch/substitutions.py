"""Substitutions used by cpo_node's launch files."""

import math
import os

from launch import Substitution
from launch.utilities import normalize_to_list_of_substitutions, perform_substitutions

# Every path produced by a PathJoinSubstitution, so the check can verify the installed ones exist.
JOINED_PATHS = []


class LaunchConfiguration(Substitution):
    """The value of a launch argument; fails like launch when the argument was never set."""

    def __init__(self, variable_name, *, default=None):
        self.variable_name = variable_name
        self.default = default

    def perform(self, context):
        if self.variable_name in context.launch_configurations:
            return context.launch_configurations[self.variable_name]
        if self.default is not None:
            return perform_substitutions(context, self.default)
        raise KeyError(f"launch configuration '{self.variable_name}' does not exist")


class PathJoinSubstitution(Substitution):
    """os.path.join of the performed elements."""

    def __init__(self, substitutions):
        self.substitutions = [normalize_to_list_of_substitutions(s) for s in substitutions]

    def perform(self, context):
        path = os.path.join(*[perform_substitutions(context, s) for s in self.substitutions])
        JOINED_PATHS.append(path)
        return path


class PythonExpression(Substitution):
    """Evaluates the performed text as Python with the math module's names, as launch does."""

    def __init__(self, expression):
        self.expression = normalize_to_list_of_substitutions(expression)

    def perform(self, context):
        return str(eval(perform_substitutions(context, self.expression), {}, dict(vars(math))))
