"""The observatoire (staff only, mounted at /observatoire/): network-wide reading of the
indicators, later its reports. Depends on the features below it, never the reverse."""
