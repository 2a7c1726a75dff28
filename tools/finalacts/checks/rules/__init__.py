"""checks/rules"""
