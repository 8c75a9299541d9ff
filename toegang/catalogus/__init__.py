"""The product catalogue per wet (with the iStandaarden codes and versioned tariffs), the
zorgaanbieders and their contracts, and the municipality's rules for decisions."""
