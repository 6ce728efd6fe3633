"""get_package_prefix / get_package_share_directory via the ament resource index."""

import os


class PackageNotFoundError(KeyError):
    """No prefix on AMENT_PREFIX_PATH registers the package."""


def get_package_prefix(package_name):
    """The first AMENT_PREFIX_PATH entry whose resource index lists the package."""
    for prefix in os.environ.get('AMENT_PREFIX_PATH', '').split(os.pathsep):
        marker = os.path.join(prefix, 'share', 'ament_index', 'resource_index', 'packages', package_name)
        if prefix and os.path.isfile(marker):
            return prefix
    raise PackageNotFoundError(f"package '{package_name}' not found on AMENT_PREFIX_PATH")


def get_package_share_directory(package_name):
    """<prefix>/share/<package>."""
    return os.path.join(get_package_prefix(package_name), 'share', package_name)
