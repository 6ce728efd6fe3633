"""Evaluates a ROS 2 Python launch file against the stand-in launch modules and prints what it would start.

Usage: python3 launch_check.py <file.launch.py> [name:=value ...]

Packages are looked up on AMENT_PREFIX_PATH (point it at a colcon install). The launch file is run,
generate_launch_description() is called, its arguments are declared in order (name:=value overrides
the default; an override of an undeclared argument is an error) and every Node and included launch
file is reported as JSON on stdout with its substitutions performed: package, executable, name,
namespace, parameters (files and dicts), remappings, arguments and whether its condition holds.
The JUnit tests (org.cponode.rosws.LaunchFilesTest) check the report against the installed package.
"""

import json
import os
import runpy
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'stand_ins'))

from launch import LaunchContext  # noqa: E402
from launch.actions import DeclareLaunchArgument, IncludeLaunchDescription  # noqa: E402
from launch.substitutions import JOINED_PATHS  # noqa: E402
from launch.utilities import perform_substitutions  # noqa: E402
from launch_ros.actions import Node  # noqa: E402
from launch_ros.parameter_descriptions import ParameterValue  # noqa: E402
from launch_ros.substitutions import EXTERNAL_PACKAGES  # noqa: E402


def enabled(action, context):
    return action.condition is None or action.condition.evaluate(context)


def parameter_value(value, context):
    if isinstance(value, ParameterValue):
        return value.evaluate(context)
    if isinstance(value, (bool, int, float)):
        return value
    return perform_substitutions(context, value)


def parameter_entry(entry, context):
    if isinstance(entry, dict):
        return {'dict': {perform_substitutions(context, k): parameter_value(v, context) for k, v in entry.items()}}
    return {'file': perform_substitutions(context, entry)}


def node_report(node, context):
    return {
        'package': perform_substitutions(context, node.package),
        'executable': perform_substitutions(context, node.executable),
        'name': None if node.name is None else perform_substitutions(context, node.name),
        'namespace': None if node.namespace is None else perform_substitutions(context, node.namespace),
        'parameters': [parameter_entry(p, context) for p in node.parameters],
        'remappings': [[perform_substitutions(context, a), perform_substitutions(context, b)]
                       for a, b in node.remappings],
        'arguments': [perform_substitutions(context, a) for a in node.arguments],
        'enabled': enabled(node, context),
    }


def include_report(include, context):
    return {
        'path': perform_substitutions(context, include.launch_description_source.location),
        'launch_arguments': {perform_substitutions(context, k): perform_substitutions(context, v)
                             for k, v in include.launch_arguments},
        'enabled': enabled(include, context),
    }


def evaluate(launch_file, overrides):
    module = runpy.run_path(launch_file)
    description = module['generate_launch_description']()
    context = LaunchContext()
    report = {'arguments': {}, 'nodes': [], 'includes': []}
    declared = set()
    for action in description.entities:
        if isinstance(action, DeclareLaunchArgument):
            declared.add(action.name)
            if action.name in overrides:
                value = overrides[action.name]
            elif action.default_value is not None:
                value = perform_substitutions(context, action.default_value)
            else:
                raise ValueError(f"launch argument '{action.name}' has no default and was not given")
            if action.choices is not None and value not in action.choices:
                raise ValueError(f"launch argument '{action.name}'='{value}' is not one of {action.choices}")
            context.launch_configurations[action.name] = value
            report['arguments'][action.name] = {'value': value, 'description': action.description}
        elif isinstance(action, Node):
            report['nodes'].append(node_report(action, context))
        elif isinstance(action, IncludeLaunchDescription):
            report['includes'].append(include_report(action, context))
        else:
            raise TypeError(f'the check does not model {type(action).__name__}')
    undeclared = set(overrides) - declared
    if undeclared:
        raise ValueError(f'overrides of undeclared launch arguments: {sorted(undeclared)}')
    report['external_packages'] = sorted(EXTERNAL_PACKAGES)
    report['joined_paths'] = sorted(set(JOINED_PATHS))
    return report


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    overrides = {}
    for item in argv[2:]:
        name, sep, value = item.partition(':=')
        if not sep:
            sys.exit(f'expected name:=value, got {item}')
        overrides[name] = value
    json.dump(evaluate(argv[1], overrides), sys.stdout, indent=1)


if __name__ == '__main__':
    main(sys.argv)
