"""The reference service: the simulator (or any FeedSource) served over the v1 API for a classroom.

Not part of the client: it sits above ``feed/`` (the contract and the client) and
``simulator/``, and may import both; neither imports it. Standard library only,
no QGIS. Run it with ``python3 -m plugin.service serve``.
"""
