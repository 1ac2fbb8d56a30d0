"""foa.widgets"""
