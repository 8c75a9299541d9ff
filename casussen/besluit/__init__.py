"""From question to decision: the Wmo onderzoek and its verslag, the aanvraag, the
beschikking with its products (natura or pgb) and what they cost, and the bezwaar."""
