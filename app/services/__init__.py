"""Use cases of the client (Qt-free). Services own transactions; views call services."""
