"""Shared annual indicators (the charter's chapter 3). Built out by the indicators issue."""
