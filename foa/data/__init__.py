"""foa.data"""
