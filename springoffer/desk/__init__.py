"""What the desk shows: its setup (language, workspace, sidebar), form defaults, the workspace's
cards, the print formats' helpers and the group robots. May import core, security, controllers and annex."""
