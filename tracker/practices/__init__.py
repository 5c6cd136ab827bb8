"""The practices two people keep together: check-ins, appreciations, bids, boundaries,
goals, letters, tags and root causes. Pure values and rules; the store and the faces
reach them through the service."""
