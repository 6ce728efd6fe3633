"""Stand-in for ``ament_index_python``: package lookup through AMENT_PREFIX_PATH, as the real one does."""
