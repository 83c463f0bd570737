"""The users' council (« Conseil des usagers »): requests to join it."""
