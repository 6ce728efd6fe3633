"""launch_ros.substitutions.FindPackageShare."""

import os

from ament_index_python.packages import PackageNotFoundError, get_package_share_directory
from launch import Substitution
from launch.utilities import perform_substitutions

# Where packages that are not in the checked install (ros_gz_sim, rviz2, ...) appear to live. The
# check records their names (EXTERNAL_PACKAGES) and requires them as exec_depends in package.xml.
EXTERNAL_PREFIX = '/external-ros-package'
EXTERNAL_PACKAGES = set()


class FindPackageShare(Substitution):
    """The share directory of a package, found through the ament index (AMENT_PREFIX_PATH)."""

    def __init__(self, package):
        self.package = package

    def perform(self, context):
        package = perform_substitutions(context, self.package)
        try:
            return get_package_share_directory(package)
        except PackageNotFoundError:
            EXTERNAL_PACKAGES.add(package)
            return os.path.join(EXTERNAL_PREFIX, 'share', package)
