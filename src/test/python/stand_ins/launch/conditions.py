"""Conditions used by cpo_node's launch files."""

from launch.utilities import perform_substitutions


class IfCondition:
    """True for 'true'/'1', false for 'false'/'0' (any case); anything else is an error, as in launch."""

    def __init__(self, predicate_expression):
        self.predicate_expression = predicate_expression

    def evaluate(self, context):
        text = perform_substitutions(context, self.predicate_expression).strip().lower()
        if text in ('true', '1'):
            return True
        if text in ('false', '0'):
            return False
        raise ValueError(f"IfCondition needs true/false/1/0, got '{text}'")
