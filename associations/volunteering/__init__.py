"""Volunteering (bénévolat): missions published by structures, interest people express in them."""
