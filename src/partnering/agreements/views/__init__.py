"""Pages of the partnering agreement, one module per part: `versions` (the overview, a
version, editing its text, the difference, the printable page), `parties` (each member's
terms and commitments), `signoff` (propose, withdraw, sign) and `deliverables`."""
