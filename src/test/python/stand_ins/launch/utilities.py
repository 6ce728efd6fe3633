"""perform_substitutions as in launch.utilities."""

from launch import Substitution


def normalize_to_list_of_substitutions(value):
    """A str, a Substitution or an iterable of them, as the list launch works with."""
    if isinstance(value, (str, Substitution)):
        return [value]
    return list(value)


def perform_substitutions(context, substitutions):
    """Concatenates the text of every substitution (plain strings stand for themselves)."""
    parts = []
    for item in normalize_to_list_of_substitutions(substitutions):
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, Substitution):
            parts.append(item.perform(context))
        else:
            raise TypeError(f'not a substitution: {item!r}')
    return ''.join(parts)
