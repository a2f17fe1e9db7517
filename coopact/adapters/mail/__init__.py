"""Mail: the messages to the people who act, who they come from, and the transport."""
