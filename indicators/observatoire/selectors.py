"""Reads for the observatoire: network-wide figures built from validated sheets.

Empty for now (the home page is a heading); the reports will read their data here, never
another structure's figures below the statistical-secrecy threshold
(`indicators.dashboard.selectors.MEDIAN_MIN_SHEETS`).
"""

from __future__ import annotations
