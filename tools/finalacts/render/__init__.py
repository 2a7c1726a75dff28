"""Renderers: a resolution (and later, redline operations) to documents."""
