"""Number formats of the Chinese pages, over Django's zh_Hans ones (which group nothing: "20001").

Counts are grouped in threes with a comma, as statistical tables and the English pages write them ("20,001");
only `intcomma` and the like group (USE_THOUSAND_SEPARATOR stays off, so form inputs and exports keep plain
numbers).
"""

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
