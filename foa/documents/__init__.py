"""foa.documents"""
