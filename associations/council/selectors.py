"""Reads on the users' council requests (staff)."""

from __future__ import annotations
