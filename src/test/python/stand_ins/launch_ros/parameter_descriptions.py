"""launch_ros.parameter_descriptions.ParameterValue."""

from launch.utilities import perform_substitutions

_TRUE = ('true', 'True', 'TRUE')
_FALSE = ('false', 'False', 'FALSE')


class ParameterValue:
    """A parameter value from substitutions, converted to value_type when performed."""

    def __init__(self, value, *, value_type=None):
        self.value = value
        self.value_type = value_type

    def evaluate(self, context):
        text = perform_substitutions(context, self.value)
        if self.value_type is str:
            return text
        if self.value_type is bool:
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            raise ValueError(f"'{text}' is not a bool parameter value")
        raise TypeError(f'value_type {self.value_type!r} is not modelled by the stand-in')
