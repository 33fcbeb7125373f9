"""Views of the graph: the flow and entity networks, their analytics, and the explorer page."""
