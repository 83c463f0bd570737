"""Socio-economic reference data (territories, their contours and reference indicators such as
population or poverty rate), imported by CCAS staff and crossed with the network's figures by the
observatoire. Depends on nothing of the indicators app."""
