"""Readers report what is wrong on a directory card."""
