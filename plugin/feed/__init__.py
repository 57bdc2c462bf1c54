"""The aggregation feed (pure Python): contract, validation, client, reference service."""
