"""The read side: a static site of the corpus built from its git refs (site.py, pages.py,
search.py) and Akoma Ntoso export (akn.py), with stable item names through renumbering
(identity.py)."""
