"""A structure's dashboard: its yearly figures next to the network's median, as accessible SVG
charts. Depends on sheets."""
