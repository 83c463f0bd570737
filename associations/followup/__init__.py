"""The CCAS's follow-up of the directory: changes to moderate, proposed structures, update campaigns."""
